// `npm run worker`: a worker process on its own, for deployments with separate web and worker processes that
// share one Postgres. It executes runs and fires schedules; it serves no HTTP.
import { readConfig, type Config } from "../server/boot/config";
import { workerAppAddress } from "../server/boot/worker-app-address";
import { createDb } from "../server/db/client";
import { startWorker } from "../server/runtime";
import { defaultKeyRing } from "../server/security/keyring";

let config: Config;
try {
  config = readConfig();
  if (config.sterlingSimulator) {
    // The guard reads PORT and HOST (getConfig) to allow the simulators' routes: make them the web app's.
    const app = workerAppAddress(process.env);
    if (app.source === "unknown") console.warn(`[conflux worker] ${app.warning}`);
    if (app.source === "CONFLUX_PUBLIC_URL") {
      process.env.PORT = String(app.port);
      process.env.HOST = app.host;
      config = readConfig();
    }
  }
} catch (error) {
  console.error(`[conflux worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const databaseUrl = config.DATABASE_URL;
if (!databaseUrl) {
  console.error(
    "DATABASE_URL is not set. A standalone worker needs the Postgres the web server uses, e.g.\n" +
      "  DATABASE_URL=postgresql://user:password@host:5432/conflux npm run worker\n" +
      "(`npm start` runs a worker inside the web process and needs no separate one.)",
  );
  process.exit(1);
}
const concurrency = config.CONFLUX_WORKER_CONCURRENCY;

try {
  // Steps decrypt their accounts with these keys; better to fail now than on the first run that needs one.
  console.log(`[conflux worker] credential keys: ${defaultKeyRing().describe()}`);
} catch (error) {
  console.error(`[conflux worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const db = createDb(databaseUrl, { poolSize: concurrency + 2 });
const worker = await startWorker({
  databaseUrl,
  db,
  concurrency,
  localBacklog: config.CONFLUX_WORKER_BACKLOG,
  maxWorkerStops: config.CONFLUX_RUN_MAX_WORKER_STOPS,
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[conflux worker] ${signal}: finishing runs in progress…`);
  try {
    await worker.stop();
    await db.$disconnect();
    process.exit(0);
  } catch (error) {
    console.error(`[conflux worker] did not stop cleanly: ${String(error)}`);
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
