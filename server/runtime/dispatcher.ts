// A worker's run slots, filled from two sides:
// - offers: a run this process has just saved (a webhook, Run now, a schedule) starts at once when a slot is free,
//   with no queue in between; when none is, it waits in a short local backlog and takes the next slot that frees.
//   The run row is committed before the offer, so nothing is lost if the process dies: the reaper finds the run
//   (queued without a lease, or leased by a dead worker) and sends it to the queue. A queue job costs the database
//   an insert, a claim and a completion, about a third of what executing the run costs, so keeping a burst's runs
//   local is most of what the backlog is for; runs past it go to the queue, where any worker may take them. A caller
//   that may answer late (a webhook) first waits in line for room in the backlog, up to a second: senders that wait
//   for their answers then go at the pace this worker keeps, rather than pile runs onto the queue.
// - the queue: overflow, retries and recovery. Jobs are claimed in batches of as many as there are free slots, and a
//   worker that just filled every slot asks again at once instead of sleeping a polling interval.
// Both sides execute a run the same way: under the run lock and the lease, watching for a cancel.
import type PgBoss from "pg-boss";
import { z } from "zod";
import { createGroupCommit } from "./group-commit";
import { RUN_QUEUE } from "./queue";

export interface LocalExecutor {
  /**
   * Starts the run in this process when a slot is free, or holds it in the local backlog for the next one; false
   * when the caller must send it to the queue.
   */
  offer(runId: string): boolean;
  /**
   * As offer, but when the backlog is full the run waits in line, up to `waitMs`, for room in it; false when none
   * came. For callers that may take that long to answer (a webhook): a sender that waits for its answers is slowed
   * to the pace this worker keeps, instead of filling the queue with runs that cost more to take back from it. With
   * other workers connected nothing waits: the queue is where they find work.
   */
  offerWhenRoom(runId: string, waitMs: number): Promise<boolean>;
}

export interface Dispatcher extends LocalExecutor {
  /** Stops claiming jobs and accepting offers; resolves once every run in flight has ended. */
  stop(): Promise<void>;
  inFlight(): number;
}

export interface DispatcherOptions {
  boss: PgBoss;
  concurrency: number;
  /** Executes one run; throws when it must be retried (database lost, shutdown). */
  execute: (runId: string) => Promise<void>;
  /** After an offered run threw: its retry goes through the queue, like any failed delivery. */
  retryLater: (runId: string) => Promise<void>;
  /** Offered runs that may wait here for a slot (beyond them, offers are refused); 0 for none. */
  backlog: number;
  /** On stop: the backlog's runs go to the queue, for the next worker. */
  handOff: (runId: string) => Promise<void>;
  /**
   * Whether a run may wait in line for room here (offerWhenRoom): not while other workers are connected, which take
   * it from the queue at once. Always when absent.
   */
  aloneWithTheQueue?: () => boolean;
  log: (line: string) => void;
  /** How long the queue side sleeps when it found fewer jobs than free slots. */
  pollMs?: number;
}

const jobDataSchema = z.object({ runId: z.string().min(1) });

/** The longest a run waits in the local backlog before it goes to the queue (the reaper's limit is 30 s). */
const BACKLOG_WAIT_MS = 10_000;

export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const running = new Map<string, Promise<void>>();
  // The local backlog: offered runs waiting for a slot, oldest first.
  const waiting: Array<{ runId: string; since: number }> = [];
  const pollMs = options.pollMs ?? 500;
  // Offers waiting for room in the backlog (offerWhenRoom), oldest first; at most as many as the backlog holds.
  const inLine: Array<{ runId: string; admit: (admitted: boolean) => void }> = [];
  let stopping = false;
  let wake: (() => void) | undefined;
  // Whether the queue may hold more than the last claim took: only then does a freed slot ask again at once.
  let queueMayHoldMore = true;
  const wakeQueueSide = () => {
    if (queueMayHoldMore || stopping) wake?.();
  };
  // Set each polling interval while every slot is busy and runs wait here: the next freed slot goes to the queue,
  // so retries, recoveries and runs other processes saved keep moving (about two a second per worker) without the
  // cost of claiming jobs one at a time for every freed slot.
  let queueOwedASlot = false;

  const hasRoom = () => running.size < options.concurrency || waiting.length < options.backlog;
  // Starts the run, or holds it in the backlog; false when there is no room, or it is here already.
  const accept = (runId: string) => {
    if (stopping || running.has(runId) || waiting.some((entry) => entry.runId === runId)) return false;
    if (running.size < options.concurrency) startOffered(runId);
    else if (waiting.length < options.backlog) waiting.push({ runId, since: Date.now() });
    else return false;
    return true;
  };
  const admitInLine = () => {
    while (inLine.length > 0 && (stopping || hasRoom())) inLine.shift()?.admit(!stopping);
  };

  const track = (runId: string, work: Promise<void>) => {
    const done = work.finally(() => {
      running.delete(runId);
      const next = stopping || queueOwedASlot ? undefined : waiting.shift();
      if (next) {
        startOffered(next.runId);
      } else if (queueOwedASlot) {
        // The slot is the queue's: runs in line are admitted after its claim (queue side), not into this slot.
        queueOwedASlot = false;
        wake?.();
        return;
      } else {
        wakeQueueSide();
      }
      admitInLine();
    });
    running.set(runId, done);
  };

  // A run that waited this long goes to the queue, where any worker may take it, well before the reaper would.
  const handOffStale = () => {
    const cutoff = Date.now() - BACKLOG_WAIT_MS;
    while (waiting[0] && waiting[0].since < cutoff) {
      const { runId } = waiting.shift() ?? { runId: "" };
      void options
        .handOff(runId)
        .catch((error: unknown) => options.log(`run ${runId} could not be queued (the reaper will): ${String(error)}`));
    }
  };

  const startOffered = (runId: string) =>
    track(
      runId,
      options.execute(runId).catch(async (error: unknown) => {
        options.log(
          `run ${runId} stopped before it finished (${error instanceof Error ? error.message : String(error)}); it goes to the queue`,
        );
        await options
          .retryLater(runId)
          .catch((sendError: unknown) =>
            options.log(`run ${runId} could not be queued (the reaper will): ${String(sendError)}`),
          );
      }),
    );

  // Completions of runs that end together share one statement. The slot is free at once: a completion lost with the
  // process only lets the job expire and be delivered again, and the executor drops a run that already ended.
  const completions = createGroupCommit<string>((jobIds) => options.boss.complete(RUN_QUEUE, jobIds));
  const complete = (jobId: string) =>
    void completions
      .add(jobId)
      .catch((error: unknown) => options.log(`could not complete job ${jobId}: ${String(error)}`));

  const runJob = async (job: PgBoss.Job<unknown>) => {
    const data = jobDataSchema.safeParse(job.data);
    if (!data.success) {
      options.log(`job ${job.id} carries no run id; dropped`);
      complete(job.id);
      return;
    }
    try {
      await options.execute(data.data.runId);
      complete(job.id);
    } catch (error) {
      // pg-boss retries the job after its backoff; the run resumes from its last checkpoint.
      await options.boss
        .fail(RUN_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) })
        .catch((failError: unknown) => options.log(`could not fail job ${job.id}: ${String(failError)}`));
    }
  };

  const queueSide = (async () => {
    while (!stopping) {
      const free = options.concurrency - running.size;
      if (free <= 0 && waiting.length > 0) queueOwedASlot = true;
      let fetched = 0;
      if (free > 0) {
        try {
          const jobs = await options.boss.fetch<unknown>(RUN_QUEUE, { batchSize: free });
          fetched = jobs.length;
          for (const job of jobs) {
            const runId = jobDataSchema.safeParse(job.data).data?.runId ?? `job:${job.id}`;
            // A run already executing here (offered, then also delivered) is left to that execution.
            const key = running.has(runId) ? `job:${job.id}` : runId;
            track(key, runJob(job));
          }
        } catch (error) {
          if (!stopping) options.log(`queue error: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (stopping) break;
      // Slots the queue had no job for go to the backlog.
      while (waiting.length > 0 && running.size < options.concurrency) startOffered(waiting.shift()?.runId ?? "");
      handOffStale();
      admitInLine();
      // A full batch (or no free slot to claim with) means more may wait: ask again as soon as a slot frees.
      queueMayHoldMore = free <= 0 || fetched === free;
      if (free > 0 && fetched === free) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return {
    // Runs in line come first: a plain offer finds no room while any wait.
    offer: (runId) => inLine.length === 0 && accept(runId),
    offerWhenRoom(runId, waitMs) {
      if (inLine.length === 0 && accept(runId)) return Promise.resolve(true);
      const alone = options.aloneWithTheQueue?.() ?? true;
      if (stopping || !alone || waitMs <= 0 || inLine.length >= options.backlog) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const entry = {
          runId,
          admit: (admitted: boolean) => {
            clearTimeout(timer);
            resolve(admitted && accept(runId));
          },
        };
        const timer = setTimeout(() => {
          const at = inLine.indexOf(entry);
          if (at >= 0) inLine.splice(at, 1);
          resolve(false);
        }, waitMs);
        inLine.push(entry);
      });
    },
    inFlight: () => running.size,
    async stop() {
      stopping = true;
      // Runs in line go to the queue, as their callers do when told no.
      admitInLine();
      wakeQueueSide();
      // Not started yet: the next worker takes them from the queue (the reaper would, later, if this fails).
      const handed = waiting
        .splice(0)
        .map(({ runId }) =>
          options
            .handOff(runId)
            .catch((error: unknown) =>
              options.log(`run ${runId} could not be queued (the reaper will): ${String(error)}`),
            ),
        );
      await Promise.all(handed);
      await queueSide;
      await Promise.all(running.values());
      await completions.idle();
    },
  };
}

const globalKey = Symbol.for("conflux.localExecutor");
type GlobalWithExecutor = typeof globalThis & { [globalKey]?: LocalExecutor };

/**
 * The executor of the worker running in this process, if any. On globalThis because the Next.js server bundle (which
 * accepts webhooks) and the start script (which runs the worker) load separate copies of this module.
 */
export function localExecutor(): LocalExecutor | undefined {
  const holder: GlobalWithExecutor = globalThis;
  return holder[globalKey];
}

export function registerLocalExecutor(executor: LocalExecutor): () => void {
  const holder: GlobalWithExecutor = globalThis;
  holder[globalKey] = executor;
  return () => {
    if (holder[globalKey] === executor) delete holder[globalKey];
  };
}
