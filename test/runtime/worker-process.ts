// For fault tests: a worker as deployments run it (scripts/worker.ts, its own process and database pools), which a
// test can SIGKILL; with `timings`, test/runtime/worker-entry.ts starts the same worker with a shorter lease and reaper
// period. Started as `node --import tsx` rather than through the tsx binary, which runs the script in a child
// process: a SIGKILL sent to the tsx wrapper would leave the real worker running.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { newSecretKey } from "@/server/security/keyring";
import { waitFor } from "@/test/runtime/helpers";

const root = path.resolve(import.meta.dirname, "..", "..");
const keptLines = 200;

export interface WorkerProcess {
  child: ChildProcess;
  /** The lease owner id the worker printed when it started (host:pid:random). */
  started: Promise<string>;
  isStarted(): boolean;
  exited: Promise<NodeJS.Signals | number | null>;
  /** The last lines the worker printed, for a failing test's message. */
  output(): string;
}

/** One key for every worker of a test, so that no worker generates one into the repository's data folder. */
export const testSecretKey = newSecretKey().base64;

export function startWorkerProcess(
  databaseUrl: string,
  options: { concurrency?: number; timings?: { leaseMs: number; reapMs: number }; maxWorkerStops?: number } = {},
): WorkerProcess {
  const entry = options.timings ? "test/runtime/worker-entry.ts" : "scripts/worker.ts";
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CONFLUX_SECRET_KEY: testSecretKey,
      CONFLUX_WORKER_CONCURRENCY: String(options.concurrency ?? 4),
      CONFLUX_TEST_LEASE_MS: options.timings ? String(options.timings.leaseMs) : undefined,
      CONFLUX_TEST_REAP_MS: options.timings ? String(options.timings.reapMs) : undefined,
      CONFLUX_RUN_MAX_WORKER_STOPS: options.maxWorkerStops === undefined ? undefined : String(options.maxWorkerStops),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let workerId: string | undefined;
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line) continue;
      lines.push(line);
      workerId ??= /worker started: .*, id (\S+)/.exec(line)?.[1];
    }
    if (lines.length > keptLines) lines.splice(0, lines.length - keptLines);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  const started = waitFor(
    async () => {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the worker exited:\n${lines.join("\n")}`);
      return workerId;
    },
    `worker ${child.pid} to start`,
    60_000,
  );
  // A worker killed while starting never starts; whoever awaits `started` sees that, nobody else needs to.
  started.catch(() => undefined);
  return { child, started, isStarted: () => workerId !== undefined, exited, output: () => lines.join("\n") };
}

/** SIGKILLs the worker (if still alive) and waits until it is gone. */
export async function killWorkerProcess(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
  await worker.exited;
}
