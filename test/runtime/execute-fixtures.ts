// For the executor's integration tests: a local HTTP server scripted per path, and a way to execute a flow's run
// directly (no queue, no worker) with a retry policy that records its waits instead of sleeping.
import http from "node:http";
import type { FlowGraph } from "@/lib/flow-graph";
import type { Db } from "@/server/db/client";
import { executeRun } from "@/server/runtime/executor";
import { defaultRetryPolicy, type RetryPolicy } from "@/server/runtime/retry";
import { saveRunRow, seedRunningFlow } from "@/test/runtime/helpers";
import { listenOnLoopback } from "../local-server";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void;

export interface ScriptedServer {
  base: string;
  /** Requests per path (query string included). */
  hits: Map<string, number>;
  /** Answers requests whose path starts with `prefix`; `hit` counts that exact path's requests from 1. */
  on(prefix: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const handlers: Array<[string, Handler]> = [];
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const found = handlers.find(([prefix]) => path.startsWith(prefix));
    if (found) found[1](req, res, hit);
    else json(res, 404, { error: "no route" });
  });
  const base = await listenOnLoopback(server);
  return {
    base,
    hits,
    on: (prefix, handler) => void handlers.unshift([prefix, handler]),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** A policy that sleeps not at all and remembers each wait it was asked for. */
export function recordingRetryPolicy(waits: number[], overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    ...defaultRetryPolicy,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  };
}

/** Creates a running flow and a queued run of it; `execute` runs it in this process and returns it with its steps. */
export async function createRun(db: Db, graph: FlowGraph, payload: unknown = {}) {
  const flow = await seedRunningFlow(db, graph);
  const runId = await saveRunRow(db, flow, { triggerData: payload });
  return {
    runId,
    async execute(options: { retry?: RetryPolicy; signal?: AbortSignal; log?: (line: string) => void } = {}) {
      await executeRun(db, runId, {
        signal: options.signal ?? new AbortController().signal,
        log: options.log ?? (() => undefined),
        retry: options.retry ?? recordingRetryPolicy([]),
      });
      return loadRun(db, runId);
    },
  };
}

export function loadRun(db: Db, runId: string) {
  return db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: { orderBy: { sequence: "asc" } } } });
}
