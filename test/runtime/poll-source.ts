// A local HTTP server that lists items the way a shop or OMS endpoint does, for the poller's integration tests:
// one feed per path, which a test fills, breaks (an error reply) or holds (the reply waits until released).
import http from "node:http";
import { linearGraph } from "@/test/runtime/helpers";
import { listenOnLoopback } from "../local-server";

export interface TestFeed {
  items: Array<{ orderNo: string; updatedAt: string; [key: string]: unknown }>;
  failure?: { status: number; body: string };
  hold?: boolean;
}

export interface PollSource {
  base: string;
  feed(path: string): TestFeed;
  /** How many requests a path has had, and the headers of the last one. */
  hits(path: string): number;
  lastHeaders(path: string): http.IncomingHttpHeaders | undefined;
  /** Answers the first `count` held requests (all by default), in arrival order, with their feed as it is now. */
  release(count?: number): void;
  close(): Promise<void>;
}

export async function startPollSource(): Promise<PollSource> {
  const feeds = new Map<string, TestFeed>();
  const counts = new Map<string, number>();
  const headers = new Map<string, http.IncomingHttpHeaders>();
  let held: Array<() => void> = [];
  const feed = (path: string): TestFeed => {
    const existing = feeds.get(path);
    if (existing) return existing;
    const created: TestFeed = { items: [] };
    feeds.set(path, created);
    return created;
  };
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    headers.set(path, req.headers);
    const answer = () => {
      const current = feed(path);
      if (current.failure) {
        res.writeHead(current.failure.status, { "content-type": "text/plain" }).end(current.failure.body);
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: current.items }));
      }
    };
    if (feed(path).hold) held.push(answer);
    else answer();
  });
  const base = await listenOnLoopback(server);
  return {
    base,
    feed,
    hits: (path) => counts.get(path) ?? 0,
    lastHeaders: (path) => headers.get(path),
    release(count = held.length) {
      const waiting = held.slice(0, count);
      held = held.slice(count);
      for (const answer of waiting) answer();
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A flow whose trigger polls `url` for orders (key orderNo, version updatedAt) and logs each one. */
export function pollingFlow(url: string, extra: { accountId?: string; message?: string } = {}) {
  return linearGraph(
    {
      id: "orders",
      connectorId: "http",
      operation: "newItems",
      inputs: { url, itemsPath: "data", keyField: "orderNo", versionField: "updatedAt", intervalSeconds: 30 },
      ...(extra.accountId ? { accountId: extra.accountId } : {}),
    },
    {
      id: "note",
      connectorId: "core",
      operation: "log",
      inputs: { message: extra.message ?? "Order {{ trigger.orderNo }}" },
    },
  );
}

/** An order changed `minutesAgo` minutes ago. */
export function order(orderNo: string, minutesAgo: number) {
  return { orderNo, updatedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString() };
}
