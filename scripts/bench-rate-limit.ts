// `npm run bench:rate-limit`: drives one account's rate limit from several simulated workers (separate Prisma
// clients) and prints, per setting, the rate and concurrency achieved and how long calls waited. Figures, not a
// test: this machine is shared, so read them as a trend. Runs on a throwaway Postgres server and on the embedded
// PGlite (`-- postgres` or `-- embedded` for one of them).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "../server/db/client";
import { startEmbeddedPostgres } from "../server/db/embedded-postgres";
import { runPrismaCli } from "../server/db/prisma-cli";
import { withAccountLimit } from "../server/runtime/rate-limit";
import { startPostgresCluster } from "../test/postgres-cluster";

interface Setting {
  requestsPerSecond: number;
  maxConcurrency: number;
  workers: number;
  tasks: number;
  /** How long each simulated remote call takes. */
  taskMs: number;
}

const settings: Setting[] = [
  { requestsPerSecond: 5, maxConcurrency: 2, workers: 2, tasks: 25, taskMs: 100 },
  { requestsPerSecond: 20, maxConcurrency: 5, workers: 2, tasks: 80, taskMs: 100 },
  { requestsPerSecond: 50, maxConcurrency: 10, workers: 4, tasks: 200, taskMs: 50 },
  { requestsPerSecond: 200, maxConcurrency: 20, workers: 4, tasks: 600, taskMs: 20 },
  // Concurrency is the binding limit here: 4 slots of 100 ms calls give at most 40 per second.
  { requestsPerSecond: 1000, maxConcurrency: 4, workers: 4, tasks: 200, taskMs: 100 },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function busiestSecond(starts: number[]): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to += 1) {
    while ((sorted[to] ?? 0) - (sorted[from] ?? 0) >= 1000) from += 1;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

async function measure(clients: Db[], accountId: string, setting: Setting) {
  const starts: number[] = [];
  const waits: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const began = Date.now();
  await Promise.all(
    Array.from({ length: setting.tasks }, (_, index) => {
      const queued = Date.now();
      const db = clients[index % setting.workers] ?? clients[0];
      if (!db) throw new Error("no database client");
      const { requestsPerSecond, maxConcurrency } = setting;
      const signal = new AbortController().signal;
      const options = { accountId, requestsPerSecond, maxConcurrency, holder: `bench:${index}`, signal };
      return withAccountLimit(db, options, async () => {
        const now = Date.now();
        starts.push(now);
        waits.push(now - queued);
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(setting.taskMs);
        inFlight -= 1;
      });
    }),
  );
  const elapsed = (Date.now() - began) / 1000;
  const span = (Math.max(...starts) - Math.min(...starts)) / 1000;
  // The shortest span the limits allow: a full bucket goes at once, the rest at the rate, `maxConcurrency` at a time.
  const capacity = Math.max(1, setting.requestsPerSecond);
  const byRate = Math.max(0, setting.tasks - capacity) / setting.requestsPerSecond;
  const bySlots = (Math.ceil(setting.tasks / setting.maxConcurrency) - 1) * (setting.taskMs / 1000);
  return {
    limit: `${setting.requestsPerSecond}/s, ${setting.maxConcurrency} at once`,
    workers: setting.workers,
    calls: setting.tasks,
    "call ms": setting.taskMs,
    // What the bucket allowed after its first burst: at most the limit, and close to it while calls queue.
    "rate/s after burst": setting.tasks > capacity ? Number(((setting.tasks - capacity) / span).toFixed(1)) : "-",
    "span s": Number(span.toFixed(2)),
    "ideal span s": Number(Math.max(byRate, bySlots).toFixed(2)),
    "busiest 1 s": busiestSecond(starts),
    "allowed 1 s": Math.floor(capacity + setting.requestsPerSecond),
    "max in flight": maxInFlight,
    "wait p50 ms": percentile(waits, 50),
    "wait p95 ms": percentile(waits, 95),
    "total s": Number(elapsed.toFixed(1)),
  };
}

async function benchmark(label: string, url: string) {
  await runPrismaCli(["migrate", "deploy"], { databaseUrl: url, quiet: true });
  const setup = createDb(url, { poolSize: 2 });
  const workspace = await setup.workspace.create({ data: { name: "Bench" } });
  const rows = [];
  for (const [index, setting] of settings.entries()) {
    const account = await setup.account.create({
      data: { workspaceId: workspace.id, connectorId: "http", name: `Bench ${index}`, mode: "none" },
    });
    const clients = Array.from({ length: setting.workers }, () => createDb(url, { poolSize: 5 }));
    rows.push(await measure(clients, account.id, setting));
    await Promise.all(clients.map((client) => client.$disconnect()));
  }
  await setup.$disconnect();
  console.log(`\n${label}`);
  console.table(rows);
}

async function main() {
  const only = process.argv[2];
  if (only !== "embedded") {
    const cluster = await startPostgresCluster();
    try {
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query("CREATE DATABASE bench");
      await admin.end();
      await benchmark("Postgres server (each worker its own client and pool)", cluster.databaseUrl("bench"));
    } finally {
      cluster.stop();
    }
  }
  if (only !== "postgres") {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-bench-rate-"));
    const embedded = await startEmbeddedPostgres({ dataDir });
    try {
      await benchmark("Embedded PGlite (one session shared by every client)", embedded.url);
    } finally {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
