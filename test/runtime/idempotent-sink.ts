// For fault tests: an HTTP endpoint that behaves like an idempotent API. The first request with an idempotency key
// applies its effect; a repeat gets the stored reply and applies nothing. It records every raw delivery, so a test
// can count how often the runtime delivered a step twice, and can hold a request open to catch a worker mid-step.
import http from "node:http";
import { listenOnLoopback } from "../local-server";

export interface Delivery {
  path: string;
  key: string;
}

export interface IdempotentSink {
  url: string;
  /** Every request as it arrived, repeats included. */
  deliveries: Delivery[];
  /** Idempotency keys whose effect was applied, in order; a key appears once however often it was delivered. */
  effects: string[];
  /** Leaves the first request to `path` unanswered (its effect applied, its reply lost) until its client goes away. */
  holdFirst(path: string): void;
  close(): Promise<void>;
}

export async function startIdempotentSink(options: { delayMs?: () => number } = {}): Promise<IdempotentSink> {
  const deliveries: Delivery[] = [];
  const effects: string[] = [];
  const replies = new Map<string, string>();
  const held = new Set<string>();

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://sink").pathname;
    const key = req.headers["idempotency-key"];
    req.resume();
    req.on("end", () => {
      if (typeof key !== "string") {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "Idempotency-Key header required" }));
        return;
      }
      deliveries.push({ path, key });
      let reply = replies.get(key);
      if (reply === undefined) {
        effects.push(key);
        reply = JSON.stringify({ applied: key, sequence: effects.length });
        replies.set(key, reply);
      }
      if (held.delete(path)) return;
      const body = reply;
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(body);
      }, options.delayMs?.() ?? 0).unref();
    });
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    deliveries,
    effects,
    holdFirst(path) {
      held.add(path);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
