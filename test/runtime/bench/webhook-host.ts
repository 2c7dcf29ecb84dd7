// The benchmark's Conflux: the webhook route handler behind a plain Node server (test/runtime/hook-server.ts) with
// the worker in the same process, as `npm start` runs them, minus Next's router (so no production build is needed
// to measure the runtime's own path). Run as a child process so the load generator does not share its event loop.
// Env: DATABASE_URL, CONFLUX_SECRET_KEY, BENCH_PORT, CONFLUX_WORKER_CONCURRENCY.
import { getDb } from "@/server/db/client";
import { getRunQueue, startWorker } from "@/server/runtime";
import { startHookServer } from "@/test/runtime/hook-server";

const databaseUrl = process.env.DATABASE_URL ?? "";
const queue = await getRunQueue();
const worker = await startWorker({
  databaseUrl,
  db: getDb(),
  concurrency: Number(process.env.CONFLUX_WORKER_CONCURRENCY ?? 16),
  log: () => undefined,
});
const server = await startHookServer(Number(process.env.BENCH_PORT ?? 0));
console.log(`READY ${server.origin}`);

process.on("SIGTERM", () => {
  void (async () => {
    await server.close();
    await worker.stop();
    await queue.stop();
    process.exit(0);
  })();
});
