// Conflux as the benchmark drives it: `npm start` (and `npm run worker` processes) as child processes, the flow
// created and started through tRPC as the designer does, and the outcome read back from the database.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { FLOW_GRAPH_SCHEMA_VERSION, type FlowGraph } from "@/lib/flow-graph";
import { benchApi, signInForBench } from "@/test/bench-session";

export interface ConfluxProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** Resident set size now, in MB (from /proc), or null once it exited. */
  rssMb(): number | null;
  stop(): Promise<void>;
}

/**
 * Starts `script` (scripts/start.ts or scripts/worker.ts) under node itself, so its pid is the process measured. Its
 * output goes to `<logDir>/<name>.log`, not to a pipe: Node writes to pipes synchronously, so a pipe that the busy
 * load generator drains late would stall the server's event loop and measure the harness instead of Conflux.
 */
export function startConflux(
  root: string,
  name: string,
  script: string,
  env: Record<string, string>,
  logDir: string,
): ConfluxProcess {
  const logFile = path.join(logDir, `${name}.log`);
  const output = fs.openSync(logFile, "a");
  // CONFLUX_BENCH_PROFILE=<folder> writes a V8 CPU profile of each process there when it exits.
  const profile = process.env.CONFLUX_BENCH_PROFILE;
  const profileArgs = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...profileArgs, "--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", output, output],
  });
  fs.closeSync(output);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    child,
    logFile,
    rssMb() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
        return Number.isFinite(kb) ? kb / 1024 : null;
      } catch {
        return null;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function waitForHealth(baseUrl: string, process: ConfluxProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) {
      const tail = fs.readFileSync(process.logFile, "utf8").split("\n").slice(-15).join("\n");
      throw new Error(`${process.name} exited with ${process.child.exitCode}:\n${tail}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${baseUrl} did not become healthy within ${timeoutMs / 1000} s`);
}

/** webhook (no signature) -> HTTP POST with a mapped JSON body to the sink -> Log. */
export function benchmarkGraph(sinkUrl: string): FlowGraph {
  const node = (
    id: string,
    type: "trigger" | "action",
    connectorId: string,
    operation: string,
    inputs: object,
    y: number,
  ) => ({
    id,
    type,
    connectorId,
    operation,
    inputs: { ...inputs },
    position: { x: 0, y },
  });
  return {
    schemaVersion: FLOW_GRAPH_SCHEMA_VERSION,
    nodes: [
      node("hook", "trigger", "core", "webhook", { verifySignature: false }, 0),
      node(
        "post",
        "action",
        "http",
        "request",
        {
          method: "POST",
          url: sinkUrl,
          body: '{ "orderNo": "{{ trigger.body.orderNo }}", "lines": {{ $string(trigger.body.lines) }} }',
        },
        150,
      ),
      node(
        "log",
        "action",
        "core",
        "log",
        { message: "order {{ trigger.body.orderNo }} sent: {{ steps.post.status }}" },
        300,
      ),
    ],
    edges: [
      { id: "e1", source: "hook", target: "post", sourceHandle: "next" },
      { id: "e2", source: "post", target: "log", sourceHandle: "next" },
    ],
  };
}

/** Creates, saves and starts the flow through the API, as the designer does; returns its webhook URL. */
export async function createStartedFlow(
  baseUrl: string,
  name: string,
  graph: FlowGraph,
): Promise<{ flowId: string; hookUrl: string }> {
  const api = benchApi(baseUrl, await signInForBench(baseUrl));
  const { id } = await api.flows.create.mutate({ name });
  const flow = await api.flows.get.query({ id });
  await api.flows.saveDraft.mutate({ id, graph, baseRevision: flow.draftRevision });
  await api.flows.start.mutate({ id });
  const hook = await api.flows.webhook.query({ id });
  if (!hook.path) throw new Error("the started flow has no webhook address");
  return { flowId: id, hookUrl: `${baseUrl}${hook.path}` };
}

export interface RunTally {
  byStatus: Record<string, number>;
  finished: number;
  lastFinishedMs: number | null;
  latenciesMs: number[];
  steps: number;
}

/** Counts the flow's runs by status, with each finished run's latency (created to finished). */
export async function tallyRuns(databaseUrl: string, flowId: string): Promise<RunTally> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const runs = await client.query<{ status: string; latency: number | null; finished: number | null }>(
      `SELECT status::text AS status,
         (extract(epoch FROM "finishedAt" - "createdAt") * 1000)::float8 AS latency,
         (extract(epoch FROM "finishedAt") * 1000)::float8 AS finished
       FROM "Run" WHERE "flowId" = $1`,
      [flowId],
    );
    const steps = await client.query<{ count: string }>(
      `SELECT count(*) FROM "StepRun" s JOIN "Run" r ON r.id = s."runId" WHERE r."flowId" = $1 AND s."finishedAt" IS NOT NULL`,
      [flowId],
    );
    const byStatus: Record<string, number> = {};
    const latenciesMs: number[] = [];
    let lastFinishedMs: number | null = null;
    for (const row of runs.rows) {
      byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
      if (row.latency !== null) latenciesMs.push(row.latency);
      if (row.finished !== null) lastFinishedMs = Math.max(lastFinishedMs ?? 0, row.finished);
    }
    const finished = (byStatus.succeeded ?? 0) + (byStatus.failed ?? 0) + (byStatus.cancelled ?? 0);
    return { byStatus, finished, lastFinishedMs, latenciesMs, steps: Number(steps.rows[0]?.count ?? 0) };
  } finally {
    await client.end();
  }
}

export const repoRoot = path.resolve(import.meta.dirname, "../../..");

/**
 * Transactions committed in the database so far (every statement outside a transaction is one). The statistics of
 * other sessions arrive within about a second, so a difference over a load phase is close, not exact.
 */
export async function committedTransactions(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ commits: string }>(
      "SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()",
    );
    return Number(rows[0]?.commits ?? 0);
  } finally {
    await client.end();
  }
}
