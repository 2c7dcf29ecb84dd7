// A simulator's backend served on a loopback port of its own, as tests and local trials reach a remote system: every
// request it answers is recorded, answered by the backend, and the address is allowed out of this process's outbound guard.
import http from "node:http";
import { allowOutboundToServer } from "../security/outbound-guard";

export interface SimulatorRequest {
  method: string;
  /** Path and query, e.g. /rest/order-service/shops/10000/order-states?limit=1. */
  url: string;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface SimulatorReply {
  status: number;
  headers: Record<string, string>;
  /** Text, or bytes (a document download). */
  body: string | Buffer;
}

export interface ServedSimulator {
  url: string;
  requests: SimulatorRequest[];
  close(): Promise<void>;
}

/** `answer` gets each request and the server's own address; null drops the connection (a system out of reach). */
export async function serveSimulator(
  name: string,
  answer: (request: SimulatorRequest, url: string) => SimulatorReply | null,
): Promise<ServedSimulator> {
  const requests: SimulatorRequest[] = [];
  let url = "";
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(", ") : value]),
      );
      const request = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      const reply = answer(request, url);
      // A dropped connection never reached the system: it is not among its requests.
      if (!reply) {
        req.socket.destroy();
        return;
      }
      requests.push(request);
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error(`the ${name} simulator has no TCP port`);
  url = `http://127.0.0.1:${address.port}`;
  // The simulator stands for a remote system of the tests in this process: its exact address is allowed out.
  allowOutboundToServer(url);
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
