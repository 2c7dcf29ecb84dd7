// `npm run bench:webhook`: how fast a flow answers a caller that waits, at a steady rate. A throwaway Postgres, the
// flow "NewStore Availability requested → Respond" created and started through the services, served by the webhook
// route with the worker in one process (test/runtime/bench/webhook-host.ts), and asked at --rate requests a second
// (open loop) the way NewStore asks: its key in Authorization, 3 products × 2 locations. Beside it, in the same run,
// a bare Node + pg handler doing the same work (test/runtime/bench/bare-respond.ts). Ends with one JSON line.
//   --duration=20 (seconds measured, each) --rate=100 --warmup=3 --concurrency=16 --ports=3440 (and the next)
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { FLOW_GRAPH_SCHEMA_VERSION, type FlowGraph } from "../lib/flow-graph";
import { runPrismaCli } from "../server/db/prisma-cli";
import { newSecretKey } from "../server/security/keyring";
import { startPostgresCluster } from "../test/postgres-cluster";
import { openLoop, percentile, type LoadResult } from "../test/runtime/bench/open-loop";

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key = "", value = "true"] = arg.replace(/^--/, "").split("=");
    return [key, value] as const;
  }),
);
const numberArg = (name: string, fallback: number) => {
  const value = Number(args.get(name) ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
};
const options = {
  durationMs: numberArg("duration", 20) * 1000,
  rate: numberArg("rate", 100),
  warmupMs: numberArg("warmup", 3) * 1000,
  concurrency: numberArg("concurrency", 16),
  ports: numberArg("ports", 3440),
};
const root = path.resolve(import.meta.dirname, "..");
const log = (line: string) => console.log(`[bench] ${line}`);

const graph: FlowGraph = {
  schemaVersion: FLOW_GRAPH_SCHEMA_VERSION,
  nodes: [
    {
      id: "trigger",
      type: "trigger",
      position: { x: 0, y: 0 },
      connectorId: "newstore",
      operation: "availabilityRequested",
      inputs: { register: false, timeoutSeconds: 5 },
    },
    {
      id: "answer",
      type: "respond",
      position: { x: 0, y: 150 },
      connectorId: "core",
      operation: "respond",
      inputs: {
        status: 200,
        headers: {},
        body: '{{ {"availabilities": [trigger.pairs.{"product_id": product_id, "external_identifier": external_identifier, "fulfillment_location": fulfillment_location, "atp": 5}]} }}',
      },
    },
  ],
  edges: [{ id: "e1", source: "trigger", target: "answer", sourceHandle: "next" }],
};

let order = 0;
const askBody = () => {
  order += 1;
  const products = [1, 2, 3].map((n) => ({ product_id: `P${order}-${n}`, external_identifier: `P${order}-${n}` }));
  return JSON.stringify({ products, fulfillment_locations: ["US01", "DC01"] });
};

function startChild(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; origin: string }> {
  // CONFLUX_BENCH_PROFILE=<folder> writes a V8 CPU profile of each child there when it exits.
  const profile = process.env.CONFLUX_BENCH_PROFILE;
  const profileArgs = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...profileArgs, "--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const ready = /READY (\S+)/.exec(seen);
      if (ready?.[1]) resolve({ child, origin: ready[1] });
    });
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
}

async function measure(label: string, url: string, key: string): Promise<LoadResult> {
  const headers = { "content-type": "application/json", authorization: key };
  const load = { url, ratePerSecond: options.rate, headers, body: askBody, flagHeader: "x-conflux-fallback" };
  await openLoop({ ...load, durationMs: options.warmupMs });
  log(`${label}: ${options.rate} req/s for ${options.durationMs / 1000} s…`);
  const result = await openLoop({ ...load, durationMs: options.durationMs });
  const p = (q: number) => percentile(result.latenciesMs, q)?.toFixed(1);
  log(`${label}: p50 ${p(50)} ms, p90 ${p(90)} ms, p99 ${p(99)} ms, statuses ${JSON.stringify(result.statuses)}`);
  return result;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

async function main(): Promise<void> {
  const cluster = await startPostgresCluster();
  const children: ChildProcess[] = [];
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query("CREATE DATABASE bench_webhook");
    await admin.end();
    const databaseUrl = cluster.databaseUrl("bench_webhook");
    await runPrismaCli(["migrate", "deploy"], { databaseUrl, quiet: true });
    process.env.DATABASE_URL = databaseUrl;
    const secretKey = newSecretKey();
    process.env.CONFLUX_SECRET_KEY = `${secretKey.id}:${secretKey.base64}`;

    // The services read the environment when first loaded, so they are imported once it is set.
    const { getDb } = await import("../server/db/client");
    const { ensureDefaultWorkspace } = await import("../server/db/workspaces.repository");
    const flows = await import("../server/services/flows.service");
    const { getWebhookInfo } = await import("../server/services/webhooks.service");
    const { defaultKeyRing } = await import("../server/security/keyring");
    const db = getDb();
    const workspaceId = await ensureDefaultWorkspace(db);
    const flow = await flows.createFlow(db, workspaceId, "Availability bench");
    await flows.saveDraft(db, workspaceId, flow.id, graph, 0);
    await flows.startFlow(db, workspaceId, flow.id);
    const info = await getWebhookInfo(db, defaultKeyRing(), workspaceId, flow.id);
    const key = info.secret ?? "";

    const env = {
      DATABASE_URL: databaseUrl,
      CONFLUX_SECRET_KEY: `${secretKey.id}:${secretKey.base64}`,
      CONFLUX_WORKER_CONCURRENCY: String(options.concurrency),
    };
    const bare = await startChild("test/runtime/bench/bare-respond.ts", {
      ...env,
      BENCH_PORT: String(options.ports + 1),
      BENCH_KEY: key,
    });
    children.push(bare.child);
    const host = await startChild("test/runtime/bench/webhook-host.ts", { ...env, BENCH_PORT: String(options.ports) });
    children.push(host.child);

    const bareResult = await measure("bare Node + pg", `${bare.origin}/answer`, key);
    const respond = await measure("webhook → Respond", `${host.origin}${info.path ?? ""}`, key);
    const runs = await db.run.groupBy({ by: ["status"], where: { flowId: flow.id }, _count: true });
    await db.$disconnect();

    const figures = {
      rate: options.rate,
      durationS: options.durationMs / 1000,
      requests: respond.sent,
      respondP50Ms: round(percentile(respond.latenciesMs, 50)),
      respondP90Ms: round(percentile(respond.latenciesMs, 90)),
      respondP99Ms: round(percentile(respond.latenciesMs, 99)),
      respondMaxMs: round(percentile(respond.latenciesMs, 100)),
      bareP50Ms: round(percentile(bareResult.latenciesMs, 50)),
      bareP99Ms: round(percentile(bareResult.latenciesMs, 99)),
      fallbacks: respond.flagged,
      errors: respond.errors,
      bareErrors: bareResult.errors,
      runsByStatus: Object.fromEntries(runs.map((row) => [row.status, row._count])),
      loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
      cpus: os.cpus().length,
    };
    console.log(JSON.stringify(figures));
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    cluster.stop();
  }
}

await main();
