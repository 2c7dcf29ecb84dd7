// The run queue on pg-boss: Postgres is the only moving part, so any number of web and worker processes share it.
// A job only says "execute run X"; the Run row is the truth, which is why a lost or duplicate job is harmless.
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { z } from "zod";
import { requireDatabaseUrl } from "../boot/config";
import { createGroupCommit } from "./group-commit";

export const RUN_QUEUE = "conflux-run";

export interface RunJobData {
  runId: string;
}

export interface RunQueue {
  /**
   * Asks a worker to execute the run. The first send uses the run id as job id, so sending twice is a no-op;
   * `resend` (used by the reaper for a run whose job vanished) makes a fresh job for the same run.
   */
  sendRun(runId: string, options?: { resend?: boolean; startAfterSeconds?: number }): Promise<void>;
  /** Whether a job for the run is waiting or being worked on. */
  hasLiveJob(runId: string): Promise<boolean>;
  /**
   * Which of the runs have a job waiting to be fetched (new, or failed and due for a retry). Unlike hasLiveJob this
   * ignores active jobs, which may belong to a worker that died: pg-boss only notices when the job expires.
   */
  runsWithWaitingJob(runIds: string[]): Promise<Set<string>>;
  /** Throws when the queue cannot take jobs (used by /api/health). */
  check(): Promise<void>;
  stop(): Promise<void>;
}

// Job-level retries cover what the executor cannot: a worker that died or lost its database mid-run. Steps are
// checkpointed, so a retried job resumes after the last finished step.
const jobPolicy = {
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
} satisfies PgBoss.SendOptions;

export interface BossOptions {
  databaseUrl: string;
  /** Maintenance (expiring, archiving, retrying jobs) belongs to workers; the web side only sends. */
  supervise: boolean;
  poolSize: number;
  applicationName: string;
  onError: (error: Error) => void;
}

export async function startBoss(options: BossOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    max: options.poolSize,
    application_name: options.applicationName,
    supervise: options.supervise,
    schedule: false,
  });
  // pg-boss emits "error" for background failures; an EventEmitter without a listener would crash the process.
  boss.on("error", options.onError);
  await boss.start();
  // pg-boss 10 refuses to send to a queue that does not exist; createQueue is idempotent.
  await boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, policy: "standard", ...jobPolicy });
  return boss;
}

const waitingRowsSchema = z.array(z.object({ singleton_key: z.string() }));

export function runQueueOf(boss: PgBoss, onStop: () => Promise<void>): RunQueue {
  let stopped = false;
  // Under a burst of webhooks, the runs no local slot takes share one insert (the job's id is the run id, so a run
  // sent twice still makes one job: the insert skips a conflicting row).
  const firstSends = createGroupCommit<string>(async (runIds) => {
    await boss.insert(
      runIds.map((runId) => ({ name: RUN_QUEUE, id: runId, singletonKey: runId, data: { runId }, ...jobPolicy })),
    );
  });
  return {
    async sendRun(runId, options = {}) {
      if (!options.resend && !options.startAfterSeconds) return firstSends.add(runId);
      const data: RunJobData = { runId };
      await boss.send(RUN_QUEUE, data, {
        ...jobPolicy,
        id: options.resend ? randomUUID() : runId,
        singletonKey: runId,
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      });
    },
    async hasLiveJob(runId) {
      const result = await boss
        .getDb()
        .executeSql(`SELECT 1 FROM pgboss.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`, [
          RUN_QUEUE,
          runId,
        ]);
      return result.rows.length > 0;
    },
    async runsWithWaitingJob(runIds) {
      if (runIds.length === 0) return new Set();
      const result = await boss
        .getDb()
        .executeSql(
          `SELECT DISTINCT singleton_key FROM pgboss.job WHERE name = $1 AND singleton_key = ANY($2) AND state < 'active'`,
          [RUN_QUEUE, runIds],
        );
      return new Set(waitingRowsSchema.parse(result.rows).map((row) => row.singleton_key));
    },
    async check() {
      if (stopped) throw new Error("pg-boss is not started");
      const queue = await boss.getQueue(RUN_QUEUE);
      if (!queue) throw new Error(`the queue "${RUN_QUEUE}" does not exist`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await onStop();
    },
  };
}

const globalKey = Symbol.for("conflux.runQueue");
type GlobalWithQueue = typeof globalThis & { [globalKey]?: Promise<RunQueue> };

/**
 * The process-wide sending queue for DATABASE_URL. Kept on globalThis because the Next.js server bundle and the
 * tsx-loaded start script load separate copies of this module but must share one connection pool.
 */
export function getRunQueue(): Promise<RunQueue> {
  const holder: GlobalWithQueue = globalThis;
  const existing = holder[globalKey];
  if (existing) return existing;
  let databaseUrl: string;
  try {
    databaseUrl = requireDatabaseUrl();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  const created = (async () => {
    const boss = await startBoss({
      databaseUrl,
      supervise: false,
      poolSize: 4,
      applicationName: "conflux-queue",
      onError: (error) => console.error(`[conflux] run queue: ${error.message}`),
    });
    return runQueueOf(boss, async () => {
      // A later getRunQueue() (e.g. after a test's stop) connects afresh instead of returning a stopped queue.
      if (holder[globalKey] === created) delete holder[globalKey];
      await boss.stop({ graceful: false, wait: true });
    });
  })();
  holder[globalKey] = created;
  // A failed start is not cached: the next caller (say, the next health check) tries again.
  created.catch(() => {
    if (holder[globalKey] === created) delete holder[globalKey];
  });
  return created;
}
