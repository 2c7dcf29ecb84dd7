// For fault tests that compress time: scripts/worker.ts with the lease and reaper timings taken from the
// environment, so that a test killing workers every few seconds does not wait 30 s for every lease. Everything
// else (process, pools, pg-boss consumers, run locks) is what `npm run worker` starts.
import { z } from "zod";
import { createDb } from "@/server/db/client";
import { startWorker } from "@/server/runtime/worker";

const env = z
  .object({
    DATABASE_URL: z.string().min(1),
    CONFLUX_WORKER_CONCURRENCY: z.coerce.number().int().min(1).default(4),
    CONFLUX_TEST_LEASE_MS: z.coerce.number().int().min(100),
    CONFLUX_TEST_REAP_MS: z.coerce.number().int().min(100),
    CONFLUX_RUN_MAX_WORKER_STOPS: z.coerce.number().int().min(1).optional(),
  })
  .parse(process.env);

const leaseMs = env.CONFLUX_TEST_LEASE_MS;
const db = createDb(env.DATABASE_URL, { poolSize: env.CONFLUX_WORKER_CONCURRENCY + 2 });
const worker = await startWorker({
  databaseUrl: env.DATABASE_URL,
  db,
  concurrency: env.CONFLUX_WORKER_CONCURRENCY,
  reapMs: env.CONFLUX_TEST_REAP_MS,
  maxWorkerStops: env.CONFLUX_RUN_MAX_WORKER_STOPS,
  lease: { leaseMs, renewMs: Math.max(50, Math.floor(leaseMs / 3)) },
});

process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => db.$disconnect())
    .then(() => process.exit(0));
});
