// `npm start`: the whole of Conflux in one process. Without DATABASE_URL it runs the embedded Postgres (data in
// CONFLUX_DATA_DIR), applies migrations, builds the web app if needed, serves it and runs one worker.
import fs from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../server/boot/build-if-needed";
import { readConfig, useDatabaseUrl } from "../server/boot/config";
import { startWebServer, type WebServer } from "../server/boot/web-server";
import { getDb } from "../server/db/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../server/db/embedded-postgres";
import { runPrismaCli } from "../server/db/prisma-cli";
import { defaultKeyRing } from "../server/security/keyring";

const root = process.cwd();
const log = (line: string) => console.log(`[conflux] ${line}`);
const stops: Array<{ name: string; stop: () => Promise<void> }> = [];

async function main() {
  const started = Date.now();
  const config = readConfig();
  // Settled here because the web app cannot tell: Next.js fixes NODE_ENV and DATABASE_URL is set just below.
  process.env.CONFLUX_STERLING_SIMULATOR = String(config.sterlingSimulator);
  // Opened now so that a missing production key stops start-up, and the embedded default's key exists from the start.
  const keys = defaultKeyRing().describe();
  if (!fs.existsSync(path.join(root, "server/db/generated/client.ts"))) {
    await runPrismaCli(["generate"], { quiet: true });
  }

  let embedded: EmbeddedPostgres | undefined;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
    stops.push({ name: "embedded Postgres", stop: () => embedded!.stop() });
    useDatabaseUrl(embedded.url);
  }
  const databaseUrl = embedded?.url ?? config.DATABASE_URL ?? "";
  await runPrismaCli(["migrate", "deploy"], { databaseUrl, quiet: true });

  await buildIfNeeded(root, log);

  // Imported after DATABASE_URL is settled: the runtime's module-level singletons read it on first use.
  const { startWorker, getRunQueue } = await import("../server/runtime");
  const db = getDb();
  stops.push({ name: "database client", stop: () => db.$disconnect() });
  stops.push({ name: "queue", stop: async () => (await getRunQueue()).stop() });
  if (config.CONFLUX_EMBEDDED_WORKER) {
    const worker = await startWorker({
      databaseUrl,
      db,
      concurrency: config.CONFLUX_WORKER_CONCURRENCY,
      localBacklog: config.CONFLUX_WORKER_BACKLOG,
      maxWorkerStops: config.CONFLUX_RUN_MAX_WORKER_STOPS,
      log,
    });
    stops.push({ name: "worker", stop: () => worker.stop() });
  }
  const { answerWebhook } = await import("../server/runtime/webhook-entry");
  const web: WebServer = await startWebServer({
    root,
    port: config.PORT,
    host: config.HOST,
    webhooks: answerWebhook,
    gate: {
      allowedHosts: config.CONFLUX_ALLOWED_HOSTS,
      publicUrl: config.CONFLUX_PUBLIC_URL,
    },
  });
  stops.push({ name: "web server", stop: () => web.close() });

  log(`Conflux is running at ${web.url} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  log(
    embedded
      ? `Data: embedded Postgres in ${embedded.dataDir}`
      : `Data: Postgres at ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`,
  );
  log(`Credential keys: ${keys}`);
  if (config.HOST !== "127.0.0.1" && config.HOST !== "localhost" && config.HOST !== "::1") {
    log(
      `Listening on ${config.HOST}: pages and the API need a sign-in; /api/health, webhooks (/api/hooks/…)` +
        (config.sterlingSimulator ? " and the built-in simulators (/api/simulators/…)" : "") +
        " answer anyone who reaches this port.",
    );
  }
  log("Press Ctrl+C to stop.");
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    log("Still stopping; finishing the in-flight steps and closing the data folder cleanly.");
    return;
  }
  stopping = true;
  log(`${signal} received, stopping...`);
  // Stop in reverse order of start: web first, so no new work arrives; the database last, so nothing is cut off.
  for (const { name, stop } of stops.reverse()) {
    await stop().catch((error: unknown) => console.error(`[conflux] Stopping the ${name} failed:`, error));
  }
  log("Stopped.");
  process.exit(0);
}

process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

main().catch(async (error: unknown) => {
  console.error(`[conflux] Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  for (const { stop } of stops.reverse()) await stop().catch(() => undefined);
  process.exit(1);
});
