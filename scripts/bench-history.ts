// `npm run bench:history`: run history at scale. Seeds 1,000,000 runs and 4,000,000 step runs over 90 days in 50
// flows and 3 workspaces (50/30/20 %) on a throwaway Postgres with generate_series, then times the real tRPC
// procedures (createCaller) in the largest workspace: the dashboard for 24 h / 7 d / 30 d, the list's first page
// under each filter, business-key search; streams a 100,000-run CSV export watching the process's RSS; and times a
// retention pass that deletes ~10 days of 5 flows. Figures, not a test: the machine is shared. Ends with one JSON line.
// CONFLUX_BENCH_RUNS (default 1000000) scales the seed; CONFLUX_BENCH_ITERATIONS (default 40) the samples per figure.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { appRouter } from "../server/api/root";
import { createCallerFactory } from "../server/api/trpc";
import { createDb } from "../server/db/client";
import { runPrismaCli } from "../server/db/prisma-cli";
import { deleteExpiredRuns } from "../server/runtime/retention";
import { exportRunsCsv } from "../server/services/runs-export.service";
import { startPostgresCluster } from "../test/postgres-cluster";
import { callerContext } from "../test/principal";

const RUNS = Number(process.env.CONFLUX_BENCH_RUNS ?? 1_000_000);
const ITERATIONS = Number(process.env.CONFLUX_BENCH_ITERATIONS ?? 40);
const STEPS_PER_RUN = 4;
const FLOWS = 50;
const DAYS = 90;

const log = (line: string) => console.log(line);

/** Nearest-rank percentile, rounded to 0.1 ms. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0) * 10) / 10;
}

async function time(label: string, call: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i += 1) await call(i);
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const start = performance.now();
    await call(i);
    samples.push(performance.now() - start);
  }
  const result = percentile(samples, 0.95);
  log(`  ${label.padEnd(40)} p95 ${result} ms, median ${percentile(samples, 0.5)} ms`);
  return result;
}

async function seed(client: pg.Client) {
  const started = performance.now();
  // Indexes are dropped for the bulk insert and built afterwards: much faster than maintaining nine of them per row.
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
     WHERE tablename IN ('Run', 'StepRun') AND indexname NOT LIKE '%_pkey'`,
  );
  for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
  await client.query(`
    INSERT INTO "Workspace" (id, name) VALUES ('ws-1', 'Bench 1'), ('ws-2', 'Bench 2'), ('ws-3', 'Bench 3');
    INSERT INTO "Flow" (id, "workspaceId", name, status, draft, "retentionDays", "businessKeyExpression", "updatedAt")
      SELECT 'flow-' || n, CASE WHEN n <= 25 THEN 'ws-1' WHEN n <= 40 THEN 'ws-2' ELSE 'ws-3' END,
        'Order flow ' || n, 'running', '{}'::jsonb, 120, '{{ trigger.body.orderNo }}', now()
      FROM generate_series(1, ${FLOWS}) n;
    INSERT INTO "FlowVersion" (id, "workspaceId", "flowId", number, graph)
      SELECT 'ver-' || n, f."workspaceId", f.id, 1, '{}'::jsonb
      FROM generate_series(1, ${FLOWS}) n JOIN "Flow" f ON f.id = 'flow-' || n;`);
  // Runs: created uniformly over 90 days; 93 % succeed, 5 % fail with one of 12 errors, 1.5 % are cancelled, and the
  // last 10 minutes hold runs still going. Workspaces get 50/30/20 % of the runs through their flows.
  await client.query(`
    INSERT INTO "Run" (id, "workspaceId", "flowId", "flowVersionId", status, "triggerKind", "businessKey",
      "triggerData", error, "createdAt", "startedAt", "finishedAt")
    SELECT 'run-' || n, f."workspaceId", f.id, 'ver-' || fi,
      s.status::"RunStatus",
      (ARRAY['webhook','webhook','webhook','webhook','webhook','webhook','poll','poll','schedule','manual'])[1 + n % 10],
      'Y1' || lpad((n % 400000)::text, 8, '0'),
      jsonb_build_object('body', jsonb_build_object('orderNo', 'Y1' || lpad((n % 400000)::text, 8, '0'))),
      CASE WHEN s.status = 'failed' THEN jsonb_build_object('code', (ARRAY['REMOTE','TIMEOUT','NETWORK','INPUT_INVALID'])[1 + n % 4],
        'message', 'Error ' || (n % 12) || ': the order system answered 503 for order ' || (n % 12), 'retryable', false) END,
      t.created, CASE WHEN s.status <> 'queued' THEN t.created END,
      CASE WHEN s.status IN ('succeeded','failed','cancelled') THEN t.created + make_interval(secs => d.ms / 1000.0) END
    FROM generate_series(1::bigint, ${RUNS}) n
    CROSS JOIN LATERAL (SELECT CASE WHEN n % 100 < 50 THEN 1 + n % 25 WHEN n % 100 < 80 THEN 26 + n % 15 ELSE 41 + n % 10 END AS fi) fl
    JOIN "Flow" f ON f.id = 'flow-' || fl.fi
    CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE 'UTC') - make_interval(secs => ${DAYS} * 86400.0 * ((n * 7919) % ${RUNS}) / ${RUNS}) AS created) t
    CROSS JOIN LATERAL (SELECT (50 + 30000 * power(((n * 104729) % 1000) / 1000.0, 3))::int AS ms) d
    CROSS JOIN LATERAL (SELECT CASE
      WHEN t.created > (now() AT TIME ZONE 'UTC') - interval '10 minutes' AND n % 3 = 0 THEN 'running'
      WHEN n % 200 < 10 THEN 'failed' WHEN n % 200 < 13 THEN 'cancelled' ELSE 'succeeded' END AS status) s`);
  log(`  runs inserted in ${Math.round(performance.now() - started)} ms`);
  await client.query(`
    INSERT INTO "StepRun" (id, "workspaceId", "runId", "stepId", sequence, "connectorId", operation, status, input,
      output, "startedAt", "finishedAt")
    SELECT r.id || '-' || k, r."workspaceId", r.id, 'step' || k, k, 'http', 'request',
      (CASE WHEN r.status = 'failed' AND k = ${STEPS_PER_RUN} THEN 'failed' ELSE 'succeeded' END)::"StepStatus",
      jsonb_build_object('url', 'https://oms.example/orders', 'orderNo', r."businessKey"),
      jsonb_build_object('status', 200, 'lines', k), r."startedAt", r."finishedAt"
    FROM "Run" r CROSS JOIN generate_series(1, ${STEPS_PER_RUN}) k WHERE r."startedAt" IS NOT NULL`);
  log(`  step runs inserted at ${Math.round(performance.now() - started)} ms`);
  for (const index of indexes) await client.query(index.def);
  for (const table of ["Run", "StepRun", "Flow"]) await client.query(`VACUUM ANALYZE "${table}"`);
  log(`  indexes built and vacuumed at ${Math.round(performance.now() - started)} ms`);
}

async function main() {
  const cluster = await startPostgresCluster();
  try {
    const url = cluster.databaseUrl("bench");
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query("CREATE DATABASE bench");
    await admin.end();
    await runPrismaCli(["migrate", "deploy"], { databaseUrl: url, quiet: true });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    log(`Seeding ${RUNS} runs and ${RUNS * STEPS_PER_RUN} step runs over ${DAYS} days in ${FLOWS} flows…`);
    await seed(client);
    const { rows: sizes } = await client.query<{ total: string; runs: string; steps: string; count: string }>(
      `SELECT pg_database_size('bench') AS total, pg_total_relation_size('"Run"') AS runs,
        pg_total_relation_size('"StepRun"') AS steps, (SELECT count(*) FROM "Run") AS count`,
    );
    const size = sizes[0]!;
    const runs = Number(size.count);
    const mb = (bytes: string) => Math.round(Number(bytes) / 1024 / 1024);
    const dbMbPerMillionRuns = Math.round((mb(size.total) * 1_000_000) / runs);
    log(
      `Database ${mb(size.total)} MB (runs ${mb(size.runs)} MB, steps ${mb(size.steps)} MB): ${dbMbPerMillionRuns} MB per million runs`,
    );

    const db = createDb(url);
    const caller = createCallerFactory(appRouter)(callerContext(db, "ws-1"));
    log("Dashboard (workspace ws-1, half the runs):");
    // The first look at 30 days seals the rollup of every finished 6-hour slot in it (once, then never again).
    const sealStart = performance.now();
    await caller.runs.dashboard({ range: "30d" });
    const rollupFirstCallMs = Math.round(performance.now() - sealStart);
    log(`  first 30d call, sealing the rollup        ${rollupFirstCallMs} ms`);
    const dashboard: Record<string, number> = {};
    for (const range of ["24h", "7d", "30d"] as const) {
      dashboard[range] = await time(`dashboard ${range}`, () => caller.runs.dashboard({ range }));
    }
    dashboard["30d one flow"] = await time("dashboard 30d, one flow", (i) =>
      caller.runs.dashboard({ range: "30d", flowId: `flow-${1 + (i % 25)}` }),
    );
    log("List, first page of 50:");
    const filters: Record<string, (i: number) => Parameters<typeof caller.runs.list>[0]> = {
      none: () => ({}),
      flow: (i) => ({ flowId: `flow-${1 + (i % 25)}` }),
      "status failed": () => ({ status: "failed" }),
      "status cancelled, flow": (i) => ({ status: "cancelled", flowId: `flow-${1 + (i % 25)}` }),
      "trigger manual": () => ({ trigger: "manual" }),
      "range 24h": () => ({ range: "24h" }),
      "error text": (i) => ({ error: `Error ${i % 12}:` }),
      "error text + flow + 7d": (i) => ({ error: "503", flowId: `flow-${1 + (i % 25)}`, range: "7d" }),
      "sort by duration": () => ({ sort: "duration" }),
      "sort by duration, 24h": () => ({ sort: "duration", range: "24h" }),
      "second page": () => ({ cursor: firstCursor }),
    };
    const firstCursor = (await caller.runs.list({})).nextCursor ?? undefined;
    const list: Record<string, number> = {};
    for (const [name, input] of Object.entries(filters))
      list[name] = await time(`list: ${name}`, (i) => caller.runs.list(input(i)));
    log("Business-key search:");
    const businessKeySearchP95Ms = await time("business key, every flow", (i) =>
      caller.runs.list({ businessKey: `Y1${String((i * 9973) % 400000).padStart(8, "0")}` }),
    );

    log("CSV export of 100,000 runs:");
    const baseline = process.memoryUsage().rss;
    let peakRss = baseline;
    let exported = 0;
    let bytes = 0;
    const started = performance.now();
    const watch = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    // ws-1's runs of the last ~18 days are about 100,000.
    for await (const chunk of exportRunsCsv(db, "ws-1", {
      range: "custom",
      from: new Date(Date.now() - 18 * 86_400_000),
    })) {
      exported += chunk.split("\r\n").length - 1;
      bytes += Buffer.byteLength(chunk);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    clearInterval(watch);
    const csvExportMs = Math.round(performance.now() - started);
    const csvExportPeakRssMb = Math.round(peakRss / 1024 / 1024);
    log(
      `  ${exported - 1} rows, ${Math.round(bytes / 1024 / 1024)} MB in ${csvExportMs} ms; RSS ${Math.round(baseline / 1024 / 1024)} MB before, peak ${csvExportPeakRssMb} MB`,
    );

    log("Retention at this size (5 flows keep 80 days: ~10 days of their runs go):");
    await client.query(
      `UPDATE "Flow" SET "retentionDays" = 80 WHERE id IN ('flow-1','flow-2','flow-3','flow-4','flow-5')`,
    );
    const retentionStart = performance.now();
    const deleted = await deleteExpiredRuns(db, { defaultDays: 120 });
    const retentionMs = Math.round(performance.now() - retentionStart);
    log(`  deleted ${deleted} runs (with their steps) in ${retentionMs} ms`);
    const nothingStart = performance.now();
    await deleteExpiredRuns(db, { defaultDays: 120 });
    const retentionIdleMs = Math.round(performance.now() - nothingStart);
    log(`  a pass with nothing to delete: ${retentionIdleMs} ms`);

    await db.$disconnect();
    await client.end();
    const dashboardP95Ms = Math.max(dashboard["24h"]!, dashboard["7d"]!, dashboard["30d"]!);
    const listP95Ms = Math.max(...Object.values(list));
    console.log(
      JSON.stringify({
        runs,
        stepRuns: runs * STEPS_PER_RUN,
        dashboardP95Ms,
        dashboardP95ByRangeMs: dashboard,
        rollupFirstCallMs,
        listP95Ms,
        listP95ByFilterMs: list,
        businessKeySearchP95Ms,
        csvExportRows: exported - 1,
        csvExportMs,
        csvExportPeakRssMb,
        dbMbPerMillionRuns,
        retentionDeletedRuns: deleted,
        retentionMs,
        retentionIdleMs,
      }),
    );
  } finally {
    // CONFLUX_BENCH_KEEP=1 leaves the seeded database up for EXPLAIN (stop it with Ctrl+C).
    if (process.env.CONFLUX_BENCH_KEEP === "1") {
      console.log(`Kept: ${cluster.databaseUrl("bench")}`);
      const alive = setInterval(() => undefined, 60_000);
      await new Promise((resolve) => process.once("SIGINT", resolve));
      clearInterval(alive);
    }
    cluster.stop();
  }
}

await main();
