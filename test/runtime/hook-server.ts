// The webhook route handler behind a plain Node HTTP server on loopback, so that a simulated remote system (NewStore
// asking for availability) can call flows over real HTTP in integration tests and benchmarks without a Next build.
import http from "node:http";
import { POST } from "@/app/api/hooks/[id]/route";
import { listenOnLoopback } from "@/test/local-server";

export interface HookServer {
  origin: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 at `port` (0: a free one). */
export async function startHookServer(port = 0): Promise<HookServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const id = /^\/api\/hooks\/([^/?]+)/.exec(req.url ?? "")?.[1];
        if (req.method !== "POST" || !id) {
          res.writeHead(404).end();
          return;
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === "string") headers.set(name, value);
        }
        const abort = new AbortController();
        res.on("close", () => abort.abort());
        const response = await POST(
          new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
            method: "POST",
            headers,
            body: Buffer.concat(chunks),
            signal: abort.signal,
          }),
          { params: Promise.resolve({ id }) },
        );
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })().catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
  });
  const origin =
    port === 0
      ? await listenOnLoopback(server)
      : await new Promise<string>((resolve) =>
          server.listen(port, "127.0.0.1", () => resolve(`http://127.0.0.1:${port}`)),
        );
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
