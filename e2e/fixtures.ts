// Fixtures shared by the end-to-end specs: a local HTTP server that flows can call, recording what it receives.
import http from "node:http";
import net from "node:net";
import { test as base } from "@playwright/test";

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RecordingServer {
  url: string;
  received: ReceivedRequest[];
}

/** A loopback URL on a port that was free a moment ago and is closed now: connecting to it is refused at once. */
async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export const test = base.extend<{ recordingServer: RecordingServer; unreachableUrl: string }>({
  unreachableUrl: async ({}, use) => use(await closedPortUrl()),
  recordingServer: async ({}, use) => {
    const received: ReceivedRequest[] = [];
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
        response.writeHead(201, { "content-type": "application/json" });
        response.end(JSON.stringify({ orderNumber: "IOM-4711", accepted: true, echoedBody: body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    await use({ url: `http://127.0.0.1:${port}`, received });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});

export { expect } from "@playwright/test";
