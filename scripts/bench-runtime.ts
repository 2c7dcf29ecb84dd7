// `npm run bench:runtime`: how many webhook-started runs Conflux completes per second, end to end through the
// product. A throwaway Postgres (test/postgres-cluster.ts), `npm start` on it (plus `--workers` `npm run worker`
// processes), the flow "webhook -> HTTP POST to a local sink -> Log" created and started through tRPC, loaded with
// real HTTP requests (autocannon). Then the same job by a bare Node + pg loop on the same Postgres, and the product
// once more on the embedded PGlite. Prints what it measured and ends with one JSON line.
//   --duration=10 --connections=50 --rate=200 --workers=0 --concurrency=<CONFLUX_WORKER_CONCURRENCY>
//   --drain=120 (seconds to wait for the backlog after the load) --no-pglite --no-bare --no-paced
//   --ports=3300 (the web app, the sink and the PGlite web app take this port and the next two)
//   --keep-logs (keeps the processes' output in the temporary folder, whose path is printed)
//   --statements (loads pg_stat_statements and prints the statements that took the database's time)
// Besides runs per second it reports CPU per run (Conflux's processes and Postgres, from /proc) against the bare
// loop's: on a shared machine that ratio moves far less with the load than runs per second do.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import autocannon from "autocannon";
import pg from "pg";
import { findRunningEmbeddedPostgres } from "../server/db/embedded-postgres";
import { runPrismaCli } from "../server/db/prisma-cli";
import { newSecretKey } from "../server/security/keyring";
import { startPostgresCluster } from "../test/postgres-cluster";
import { runBareLoop } from "../test/runtime/bench/bare-loop";
import {
  benchmarkGraph,
  committedTransactions,
  createStartedFlow,
  repoRoot,
  startConflux,
  tallyRuns,
  waitForHealth,
  type ConfluxProcess,
} from "../test/runtime/bench/product";
import { startSink } from "../test/runtime/bench/sink";
import { openLoop, percentile } from "../test/runtime/bench/open-loop";
import { postgresCpuMs, processCpuMs } from "../test/runtime/bench/cpu";

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key = "", value = "true"] = arg.replace(/^--/, "").split("=");
    return [key, value] as const;
  }),
);
const numberArg = (name: string, fallback: number) => {
  const raw = args.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number (got "${raw}")`);
  return value;
};
const options = {
  durationS: numberArg("duration", 10),
  connections: numberArg("connections", 50),
  rate: numberArg("rate", 200),
  workers: numberArg("workers", 0),
  concurrency: args.has("concurrency") ? numberArg("concurrency", 4) : undefined,
  drainS: numberArg("drain", 120),
  pglite: args.get("no-pglite") === undefined,
  bare: args.get("no-bare") === undefined,
  paced: args.get("no-paced") === undefined,
  statements: args.has("statements"),
};
const portBase = numberArg("ports", 3300);
const PORTS = { web: portBase, sink: portBase + 1, pgliteWeb: portBase + 2 };
const log = (line: string) => console.log(`[bench] ${line}`);

const round = (value: number | null, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));

interface PhaseResult {
  accepted: number;
  acceptedPerSecond: number;
  refused: number;
  ackP50Ms: number;
  ackP99Ms: number;
  completed: number;
  completedRunsPerSecond: number;
  runLatencyP50Ms: number | null;
  runLatencyP99Ms: number | null;
  stepsPerSecond: number;
  runsLost: number;
  runsFailed: number;
  runsUnfinished: number;
  runsRunTwice: number;
  rssMb: number;
  byStatus: Record<string, number>;
  /** Transactions committed per finished run (webhook, queue and execution together; ≈, see committedTransactions). */
  commitsPerRun: number | null;
  /** CPU of the Conflux processes (all threads; with PGlite, its database too) per finished run. */
  cpuMsPerRun: number | null;
  postgresCpuMsPerRun: number | null;
}

/** Loads one started flow, waits for its backlog, and reads the outcome back from the database. */
async function loadPhase(input: {
  label: string;
  baseUrl: string;
  databaseUrl: () => string;
  processes: ConfluxProcess[];
  sink: Awaited<ReturnType<typeof startSink>>;
  connections: number;
  rate?: number;
  /** The Postgres server's data folder, whose processes' CPU is counted; absent for the embedded PGlite. */
  postgresDataDir?: string;
}): Promise<PhaseResult> {
  const { flowId, hookUrl } = await createStartedFlow(
    input.baseUrl,
    `bench ${input.label} ${Date.now()}`,
    benchmarkGraph(input.sink.url),
  );
  const before = input.sink.counts();
  const commitsBefore = await committedTransactions(input.databaseUrl());
  const confluxCpu = () => input.processes.reduce((sum, process) => sum + processCpuMs(process.child.pid), 0);
  const databaseCpu = () => (input.postgresDataDir ? postgresCpuMs(input.postgresDataDir) : 0);
  const cpuBefore = { conflux: confluxCpu(), database: databaseCpu() };
  let order = 0;
  const accepted = new Set<string>();
  let peakRss = 0;
  const sampleRss = () => {
    const total = input.processes.reduce((sum, process) => sum + (process.rssMb() ?? 0), 0);
    peakRss = Math.max(peakRss, total);
  };
  const sampler = setInterval(sampleRss, 250);
  const started = Date.now();
  const body = () => JSON.stringify({ orderNo: `${input.label}-${(order += 1)}`, lines: [{ sku: "A-1", qty: 2 }] });
  const onResponse = (status: number, text: string) => {
    if (status !== 202) return;
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && "runId" in parsed) accepted.add(String(parsed.runId));
  };
  // A rate is an arrival rate: requests start at random times averaging `rate` a second, whatever the server does
  // (open loop). autocannon's own rate limit would send each connection's share of a second back to back at the
  // start of the second: a burst of `rate` requests at once rather than `rate` requests a second.
  const load = input.rate
    ? await openLoop({
        url: hookUrl,
        ratePerSecond: input.rate,
        poisson: true,
        durationMs: options.durationS * 1000,
        headers: { "content-type": "application/json" },
        body,
        onResponse,
      }).then((result) => ({
        refused: result.errors,
        ackP50Ms: percentile(result.latenciesMs, 50) ?? 0,
        ackP99Ms: percentile(result.latenciesMs, 99) ?? 0,
      }))
    : await autocannon({
        url: hookUrl,
        connections: input.connections,
        duration: options.durationS,
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            setupRequest: (request) => ({ ...request, body: body() }),
            onResponse,
          },
        ],
      }).then((result) => ({
        refused: result.non2xx + result.errors + result.timeouts,
        ackP50Ms: result.latency.p50,
        ackP99Ms: result.latency.p99,
      }));
  const loadSeconds = (Date.now() - started) / 1000;
  log(`${input.label}: ${accepted.size} runs accepted in ${loadSeconds.toFixed(1)} s; waiting for the backlog…`);

  // The backlog drains until every saved run finished (requests cut off at the end may have saved one without the
  // answer arriving), progress stops for 20 s, or --drain passes.
  const drainDeadline = Date.now() + options.drainS * 1000;
  let tally = await tallyRuns(input.databaseUrl(), flowId);
  let lastProgress = Date.now();
  const saved = (current: typeof tally) => Object.values(current.byStatus).reduce((sum, count) => sum + count, 0);
  while (
    tally.finished < Math.max(accepted.size, saved(tally)) &&
    Date.now() < drainDeadline &&
    Date.now() - lastProgress < 20_000
  ) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const next = await tallyRuns(input.databaseUrl(), flowId);
    if (next.finished > tally.finished) lastProgress = Date.now();
    tally = next;
  }
  clearInterval(sampler);
  sampleRss();
  // Other sessions report their counts within about a second of going idle.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const commits = (await committedTransactions(input.databaseUrl())) - commitsBefore;
  const perRun = (ms: number) => (tally.finished > 0 ? ms / tally.finished : null);
  const after = input.sink.counts();
  const window = ((tally.lastFinishedMs ?? Date.now()) - started) / 1000;
  const total = Object.values(tally.byStatus).reduce((sum, count) => sum + count, 0);
  const completed = tally.byStatus.succeeded ?? 0;
  return {
    accepted: accepted.size,
    acceptedPerSecond: accepted.size / loadSeconds,
    refused: load.refused,
    ackP50Ms: Math.round(load.ackP50Ms),
    ackP99Ms: Math.round(load.ackP99Ms),
    completed,
    completedRunsPerSecond: completed / window,
    runLatencyP50Ms: percentile(tally.latenciesMs, 50),
    runLatencyP99Ms: percentile(tally.latenciesMs, 99),
    stepsPerSecond: tally.steps / window,
    runsLost: Math.max(0, accepted.size - total),
    runsFailed: (tally.byStatus.failed ?? 0) + (tally.byStatus.cancelled ?? 0),
    runsUnfinished: total - tally.finished,
    runsRunTwice: after.duplicates - before.duplicates,
    rssMb: peakRss,
    byStatus: tally.byStatus,
    commitsPerRun: tally.finished > 0 ? commits / tally.finished : null,
    cpuMsPerRun: perRun(confluxCpu() - cpuBefore.conflux),
    postgresCpuMsPerRun: input.postgresDataDir ? perRun(databaseCpu() - cpuBefore.database) : null,
  };
}

function describe(label: string, r: PhaseResult): void {
  log(
    `${label}: accepted ${r.acceptedPerSecond.toFixed(0)}/s (${r.refused} refused), ack p50 ${r.ackP50Ms} ms p99 ${r.ackP99Ms} ms; ` +
      `completed ${r.completed} = ${r.completedRunsPerSecond.toFixed(1)} runs/s, ${r.stepsPerSecond.toFixed(0)} steps/s; ` +
      `run latency p50 ${round(r.runLatencyP50Ms, 0)} ms p99 ${round(r.runLatencyP99Ms, 0)} ms; ` +
      `lost ${r.runsLost}, failed ${r.runsFailed}, unfinished ${r.runsUnfinished}, run twice ${r.runsRunTwice}; peak RSS ${r.rssMb.toFixed(0)} MB; ` +
      `≈${r.commitsPerRun?.toFixed(1) ?? "?"} commits per run; CPU per run ${r.cpuMsPerRun?.toFixed(2) ?? "?"} ms` +
      (r.postgresCpuMsPerRun === null ? "; " : ` + Postgres ${r.postgresCpuMsPerRun.toFixed(2)} ms; `) +
      `runs by status ${JSON.stringify(r.byStatus)}`,
  );
}

/** The statements that took the database's time in the load, per finished run (pg_stat_statements). */
async function printTopStatements(databaseUrl: string, runs: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    const { rows } = await client.query<{ calls: string; exec: number; plan: number; query: string }>(
      `SELECT calls::text, total_exec_time AS exec, total_plan_time AS plan, regexp_replace(query, '[[:space:]]+', ' ', 'g') AS query
       FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 15`,
    );
    for (const row of rows) {
      log(
        `  ${((row.exec + row.plan) / runs).toFixed(3)} ms/run (plan ${(row.plan / runs).toFixed(3)}), ` +
          `${(Number(row.calls) / runs).toFixed(2)} calls/run: ${row.query.slice(0, 160)}`,
      );
    }
    // Every statement counts here, BEGIN and COMMIT too: each is a round trip, which is what costs the CPU.
    const { rows: totals } = await client.query<{ calls: string }>(
      "SELECT COALESCE(sum(calls), 0)::text AS calls FROM pg_stat_statements",
    );
    log(`  all statements: ${(Number(totals[0]?.calls ?? 0) / runs).toFixed(2)} calls/run`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  log(
    `options: ${JSON.stringify(options)}; load before: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  // --statements: the database's own account of where its time went (pg_stat_statements), printed after the load.
  const cluster = await startPostgresCluster(
    options.statements
      ? { settings: ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track_planning=on"] }
      : {},
  );
  const cleanups: Array<() => Promise<void> | void> = [() => cluster.stop()];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-bench-"));
  if (args.has("keep-logs")) log(`process output in ${tmp}`);
  else cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query("CREATE DATABASE bench_conflux");
    await admin.query("CREATE DATABASE bench_bare");
    await admin.end();
    const databaseUrl = cluster.databaseUrl("bench_conflux");
    await runPrismaCli(["migrate", "deploy"], { databaseUrl, quiet: true });
    const sink = await startSink(PORTS.sink);
    cleanups.push(() => sink.close());

    const env = {
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      CONFLUX_SECRET_KEY: newSecretKey().base64,
      CONFLUX_DATA_DIR: path.join(tmp, "data"),
      ...(options.concurrency ? { CONFLUX_WORKER_CONCURRENCY: String(options.concurrency) } : {}),
    };
    const web = startConflux(repoRoot, "web", "scripts/start.ts", { ...env, PORT: String(PORTS.web) }, tmp);
    const workers = Array.from({ length: options.workers }, (_, index) =>
      startConflux(repoRoot, `worker${index + 1}`, "scripts/worker.ts", env, tmp),
    );
    const processes = [web, ...workers];
    cleanups.push(async () => void (await Promise.all(processes.map((process) => process.stop()))));
    const baseUrl = `http://127.0.0.1:${PORTS.web}`;
    log("starting Conflux on Postgres (builds the web app first if needed)…");
    await waitForHealth(baseUrl, web, 900_000);

    const phase = { baseUrl, databaseUrl: () => databaseUrl, processes, sink, postgresDataDir: cluster.dataDir };
    const saturated = await loadPhase({ ...phase, label: "postgres", connections: options.connections });
    describe(`Postgres, ${options.connections} connections`, saturated);
    if (options.statements) await printTopStatements(databaseUrl, saturated.completed);
    const loadDuring = os.loadavg()[0] ?? 0;
    const paced = options.paced
      ? await loadPhase({ ...phase, label: "paced", connections: options.connections, rate: options.rate })
      : undefined;
    if (paced) describe(`Postgres, ${options.rate} req/s`, paced);
    await Promise.all(processes.map((process) => process.stop()));

    const bareCpuBefore = { node: process.cpuUsage(), database: postgresCpuMs(cluster.dataDir) };
    const bare = options.bare
      ? await runBareLoop({
          databaseUrl: cluster.databaseUrl("bench_bare"),
          sinkUrl: sink.url,
          concurrency: options.connections,
          durationMs: options.durationS * 1000,
        })
      : undefined;
    // The bare loop runs in this process, beside the sink: its CPU includes the sink's side of each POST.
    const bareNodeCpu = process.cpuUsage(bareCpuBefore.node);
    const bareCpu = bare
      ? {
          node: (bareNodeCpu.user + bareNodeCpu.system) / 1000 / bare.runs,
          database: (postgresCpuMs(cluster.dataDir) - bareCpuBefore.database) / bare.runs,
        }
      : undefined;
    if (bare && bareCpu) {
      log(
        `bare loop (Node + pg, ${options.connections} at once): ${bare.runsPerSecond.toFixed(0)} runs/s; ` +
          `CPU per run ${bareCpu.node.toFixed(2)} ms (with the sink) + Postgres ${bareCpu.database.toFixed(2)} ms`,
      );
    }
    const confluxCpuPerRun =
      saturated.cpuMsPerRun !== null && saturated.postgresCpuMsPerRun !== null
        ? saturated.cpuMsPerRun + saturated.postgresCpuMsPerRun
        : null;

    let pglite: PhaseResult | undefined;
    if (options.pglite) {
      const dataDir = path.join(tmp, "pglite");
      const embedded = startConflux(
        repoRoot,
        "pglite",
        "scripts/start.ts",
        { ...env, DATABASE_URL: "", CONFLUX_DATA_DIR: dataDir, PORT: String(PORTS.pgliteWeb) },
        tmp,
      );
      processes.push(embedded);
      const pgliteUrl = `http://127.0.0.1:${PORTS.pgliteWeb}`;
      log("starting Conflux on the embedded PGlite…");
      await waitForHealth(pgliteUrl, embedded, 900_000);
      const embeddedUrl = () => {
        const url = findRunningEmbeddedPostgres(dataDir);
        if (!url) throw new Error("the embedded Postgres's address was not found");
        return url;
      };
      pglite = await loadPhase({
        baseUrl: pgliteUrl,
        databaseUrl: embeddedUrl,
        processes: [embedded],
        sink,
        label: "pglite",
        connections: options.connections,
      });
      describe(`PGlite, ${options.connections} connections`, pglite);
      await embedded.stop();
    }

    const figures = {
      acceptedPerSecond: round(saturated.acceptedPerSecond),
      completedRunsPerSecond: round(saturated.completedRunsPerSecond),
      ackP50Ms: paced?.ackP50Ms ?? saturated.ackP50Ms,
      ackP99Ms: paced?.ackP99Ms ?? saturated.ackP99Ms,
      ackRatePerSecond: paced ? options.rate : null,
      saturatedAckP99Ms: saturated.ackP99Ms,
      runLatencyP50Ms: round(saturated.runLatencyP50Ms, 0),
      runLatencyP99Ms: round(saturated.runLatencyP99Ms, 0),
      stepsPerSecond: round(saturated.stepsPerSecond),
      commitsPerRun: round(saturated.commitsPerRun),
      cpuMsPerRun: round(saturated.cpuMsPerRun, 2),
      postgresCpuMsPerRun: round(saturated.postgresCpuMsPerRun, 2),
      bareCpuMsPerRun: bareCpu ? round(bareCpu.node + bareCpu.database, 2) : null,
      // The bare loop's CPU per run over ours (Conflux and Postgres): steadier than ratioToBare on a busy machine.
      cpuRatioToBare:
        bareCpu && confluxCpuPerRun ? round((bareCpu.node + bareCpu.database) / confluxCpuPerRun, 3) : null,
      runsLost: saturated.runsLost + (paced?.runsLost ?? 0) + (pglite?.runsLost ?? 0),
      runsRunTwice: saturated.runsRunTwice + (paced?.runsRunTwice ?? 0) + (pglite?.runsRunTwice ?? 0),
      runsFailed: saturated.runsFailed + (paced?.runsFailed ?? 0) + (pglite?.runsFailed ?? 0),
      runsUnfinished: saturated.runsUnfinished + (paced?.runsUnfinished ?? 0) + (pglite?.runsUnfinished ?? 0),
      rssMb: round(saturated.rssMb, 0),
      bareRunsPerSecond: bare ? round(bare.runsPerSecond) : null,
      ratioToBare: bare ? round(saturated.completedRunsPerSecond / bare.runsPerSecond, 3) : null,
      pgliteAcceptedPerSecond: pglite ? round(pglite.acceptedPerSecond) : null,
      pgliteCompletedRunsPerSecond: pglite ? round(pglite.completedRunsPerSecond) : null,
      pgliteAckP99Ms: pglite?.ackP99Ms ?? null,
      pgliteRssMb: pglite ? round(pglite.rssMb, 0) : null,
      workers: options.workers,
      concurrency: options.concurrency ?? null,
      connections: options.connections,
      durationS: options.durationS,
      loadAverage1m: round(loadDuring, 2),
    };
    console.log(JSON.stringify(figures));
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
