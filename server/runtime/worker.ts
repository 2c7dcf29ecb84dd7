// The worker: run slots filled by this process's own new runs and by jobs claimed from pg-boss (dispatcher.ts), each
// run executed under a lease, plus small loops: the schedule ticker, the poller, the reaper (runs whose job or worker
// vanished), failure alerts and run retention.
// Any number of workers may run against one database; every loop is safe to run concurrently with itself.
import type { Db } from "../db/client";
import type { KeyRingSource } from "../security/keyring";
import { executeWatchingForCancel } from "./cancel-watch";
import { executeRun } from "./executor";
import { signalRun } from "./run-signals";
import { dispatchFailureAlerts } from "./failure-alerts";
import { claimRun } from "../db/run-claim.repository";
import { countOtherWorkers, WORKER_APPLICATION_NAME } from "../db/workers.repository";
import { LEASE_MS, newWorkerId, runUnderLease } from "./lease";
import { publicOrigin } from "./public-url";
import { registerLocalExecutor, startDispatcher } from "./dispatcher";
import { runQueueOf, startBoss } from "./queue";
import { REAP_EVERY_MS, requeueStrandedRuns } from "./reaper";
import { createRetentionTask, RETENTION_CHECK_MS } from "./retention";
import { pollDueTriggers } from "./poller";
import { createRunLocks, type LockedTaskOutcome } from "./run-lock";
import { fireDueSchedules } from "./schedule-ticker";
import { expressionPool } from "./expressions";
import { escapeLogLine } from "@/lib/log-line";

export interface WorkerOptions {
  databaseUrl: string;
  db: Db;
  /** Runs executed at once by this process. */
  concurrency?: number;
  /** Runs saved here that may wait for a slot here instead of going to the queue (CONFLUX_WORKER_BACKLOG). */
  localBacklog?: number;
  log?: (line: string) => void;
  /** How often due schedules are looked for. */
  tickMs?: number;
  /** How often runs left without a job or a live worker (expired lease) are looked for. */
  reapMs?: number;
  /** How long a run's lease holds without renewal, and how often it is renewed (lease.ts has the defaults). */
  lease?: { leaseMs: number; renewMs: number };
  /** A run that stopped its worker (killed or stalled) this many times is failed instead of delivered again. */
  maxWorkerStops?: number;
  /** How long stop() lets in-flight runs finish before aborting them (they resume on another worker). */
  drainMs?: number;
  /** Decrypts the accounts steps use; the process-wide key ring when absent. */
  keys?: KeyRingSource;
  /** Whether runs saved by this process start here at once when a slot is free (default true). */
  acceptLocalRuns?: boolean;
  /** Where people open Conflux, for alert links; from the configuration when absent. */
  publicUrl?: string;
}

/**
 * Without a setting, a burst's runs wait locally up to this many per slot: at 50-100 ms per run that is well under a
 * second, far inside the reaper's 30 s, and past it the queue lets other workers share the load.
 */
const LOCAL_BACKLOG_PER_SLOT = 4;

/** How often a worker counts the other workers connected to the database. */
const PEERS_CHECK_MS = 5_000;

/** An offered run that stopped early goes to the queue, due after the first of pg-boss's own retry delays. */
const RETRY_AFTER_SECONDS = 5;

export interface Worker {
  stop(): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const sink = options.log ?? ((line: string) => console.log(`[conflux worker] ${line}`));
  // Lines carry data from payloads and remote replies: escaped, a value cannot forge a line of its own.
  const log = (line: string) => sink(escapeLogLine(line));
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const drainMs = options.drainMs ?? 25_000;
  // The expression threads start now, so that the first run's first step does not wait for them.
  expressionPool().warm();
  const workerId = newWorkerId();
  // Named per worker, so that each worker can tell whether others share the queue (countOtherWorkers).
  const applicationName = `${WORKER_APPLICATION_NAME} ${workerId.slice(-8)}`;
  const boss = await startBoss({
    databaseUrl: options.databaseUrl,
    supervise: true,
    // Claims and completions only: runs execute on the Prisma pool and the run-lock pool.
    poolSize: 4,
    applicationName,
    onError: (error) => log(`queue error: ${error.message}`),
  });
  const queue = runQueueOf(boss, async () => undefined);
  const locks = createRunLocks(options.databaseUrl, concurrency);
  const shutdown = new AbortController();
  // Whether other workers are connected: a webhook's run then goes to the queue rather than wait in line here.
  let othersConnected = false;
  const countPeers = async () => {
    othersConnected = (await countOtherWorkers(options.db, applicationName)) > 0;
  };
  await countPeers().catch(() => undefined);

  const leaseTiming = { leaseMs: options.lease?.leaseMs ?? LEASE_MS, renewMs: options.lease?.renewMs };
  const execute = async (runId: string) => {
    // Throwing (only when the database itself fails, or on shutdown) makes the run go through the queue again.
    const ran = await locks.withLock(runId, async (sql): Promise<LockedTaskOutcome> => {
      // One statement takes the lock and the lease and loads the run.
      const claimed = await claimRun(sql, runId, workerId, leaseTiming.leaseMs);
      if (!claimed.locked) return "not-locked";
      const lease = {
        owner: workerId,
        signal: shutdown.signal,
        log,
        maxWorkerStops: options.maxWorkerStops,
        claimed,
        ...leaseTiming,
      };
      let ended = false;
      const outcome = await runUnderLease(sql, runId, lease, async (signal) => {
        const result = await executeWatchingForCancel(sql, runId, { signal, log }, (watched) =>
          executeRun(options.db, runId, {
            signal: watched,
            log,
            keys: options.keys,
            sql,
            claimed: claimed.lease ? claimed.run : undefined,
          }),
        );
        // True: this execution ended the run; undefined: a user cancelled it. Both leave it finished.
        ended = result !== false;
        return result;
      });
      // Failed without executing: a webhook caller waiting in this process looks at the run now.
      if (outcome === "given-up") signalRun(runId);
      return (outcome === "ran" && ended) || outcome === "given-up" ? "run-ended" : "run-unfinished";
    });
    if (!ran) log(`run ${runId} is already being executed elsewhere; this delivery steps aside`);
  };
  const dispatcher = startDispatcher({
    boss,
    concurrency,
    execute,
    retryLater: (runId) => queue.sendRun(runId, { resend: true, startAfterSeconds: RETRY_AFTER_SECONDS }),
    backlog: options.localBacklog ?? LOCAL_BACKLOG_PER_SLOT * concurrency,
    handOff: (runId) => queue.sendRun(runId),
    aloneWithTheQueue: () => !othersConnected,
    log,
  });
  // Runs this process saves (webhooks, Run now) start here at once when a slot is free.
  const unregister = options.acceptLocalRuns === false ? () => undefined : registerLocalExecutor(dispatcher);

  const alerts = { publicUrl: options.publicUrl ?? publicOrigin(), log };
  // Aborted first on stop, so a poll waiting on a slow source does not hold up the shutdown.
  const loopsShutdown = new AbortController();
  const loops = [
    every(options.tickMs ?? 2_000, () => fireDueSchedules(options.db, queue, { log }), "schedule ticker", log),
    every(
      options.tickMs ?? 2_000,
      () => pollDueTriggers(options.db, queue, { log, keys: options.keys, signal: loopsShutdown.signal }),
      "poller",
      log,
    ),
    every(options.reapMs ?? REAP_EVERY_MS, () => requeueStrandedRuns(options.db, queue, { log }), "reaper", log),
    every(options.tickMs ?? 2_000, () => dispatchFailureAlerts(options.db, queue, alerts), "failure alerts", log),
    every(RETENTION_CHECK_MS, createRetentionTask(options.db, { log }), "retention", log),
    every(PEERS_CHECK_MS, countPeers, "worker count", log),
  ];
  log(`worker started: ${concurrency} concurrent run(s), id ${workerId}`);

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        unregister();
        loopsShutdown.abort();
        await Promise.all(loops.map((loop) => loop.stop()));
        // Runs in flight get drainMs to finish; then their steps are aborted and they are left to resume elsewhere.
        const abortTimer = setTimeout(() => shutdown.abort(), Math.max(0, drainMs - 1_000));
        try {
          await dispatcher.stop();
          await boss.stop({ graceful: true, wait: true, timeout: drainMs });
        } finally {
          clearTimeout(abortTimer);
          await locks.close();
        }
        log("worker stopped");
      })();
      return stopping;
    },
  };
}

/** Runs `task` every `ms`, never overlapping itself; stop() waits for a task in progress. */
function every(ms: number, task: () => Promise<unknown>, name: string, log: (line: string) => void) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = task()
        .then(() => undefined)
        .catch((error: unknown) => log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(schedule);
    }, ms);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
