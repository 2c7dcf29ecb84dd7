// The "local server" the benchmark flow posts every order to. It counts what it receives per order number, so the
// benchmark can tell a run that ran twice (an order posted twice) from one that never ran.
import http from "node:http";
import { allowOutboundToServer } from "@/server/security/outbound-guard";

export interface Sink {
  url: string;
  /** Orders received at least once, and how many were received more than once. */
  counts(): { received: number; distinct: number; duplicates: number };
  close(): Promise<void>;
}

export async function startSink(port: number): Promise<Sink> {
  const seen = new Map<string, number>();
  let received = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received += 1;
      let orderNo = "";
      try {
        const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        if (typeof body === "object" && body !== null && "orderNo" in body) orderNo = String(body.orderNo);
      } catch {
        // A body that is not JSON still counts as received; it has no order to attribute.
      }
      if (orderNo) seen.set(orderNo, (seen.get(orderNo) ?? 0) + 1);
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  // The bench's Conflux processes start after the sink and inherit its place on the outbound allow-list.
  allowOutboundToServer(`http://127.0.0.1:${port}`);
  return {
    url: `http://127.0.0.1:${port}/orders`,
    counts() {
      let duplicates = 0;
      for (const count of seen.values()) if (count > 1) duplicates += 1;
      return { received, distinct: seen.size, duplicates };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
