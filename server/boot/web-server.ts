// Serves the production build of the Next.js app from this process, so the embedded default runs the web app and
// a worker side by side in one process.
import http from "node:http";
import next from "next";
import { CLIENT_IP_HEADER } from "../auth/client-ip";
import { applySecurityHeaders, gateRequest, ownHosts, refuse, type GateOptions } from "./request-gate";
import { serveWebhook, webhookIdOf, type WebhookAnswer } from "./webhook-fast-path";

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(options: {
  root: string;
  port: number;
  host: string;
  gate?: Pick<GateOptions, "publicUrl" | "allowedHosts">;
  /** Answers webhook POSTs without Next.js (webhook-fast-path.ts); through the Next.js route when absent. */
  webhooks?: WebhookAnswer;
}): Promise<WebServer> {
  const app = next({ dev: false, dir: options.root, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const gate = { port: options.port, host: options.host, ...options.gate };
  const hosts = ownHosts(gate);
  const server = http.createServer((request, response) => {
    const refusal = gateRequest(request, gate, hosts);
    if (refusal) {
      refuse(response, refusal);
      return;
    }
    applySecurityHeaders(request, response);
    // Where the request came from, for sessions and the audit log; never what the client says it is.
    request.headers[CLIENT_IP_HEADER] = request.socket.remoteAddress ?? "";
    const webhookId = options.webhooks ? webhookIdOf(request) : undefined;
    if (options.webhooks && webhookId !== undefined) {
      serveWebhook(request, response, webhookId, options.webhooks).catch((error: unknown) => {
        console.error("Webhook request failed:", error);
        if (!response.headersSent) response.writeHead(500).end("Internal error");
      });
      return;
    }
    handle(request, response).catch((error: unknown) => {
      console.error("Request failed:", error);
      if (!response.headersSent) response.writeHead(500).end("Internal error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const shownHost = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  return {
    url: `http://${shownHost}:${options.port}`,
    async close() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
