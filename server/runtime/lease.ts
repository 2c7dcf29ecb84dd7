// Worker leases. The advisory run lock (run-lock.ts) keeps two executors of a run apart, but nothing outside the
// dying process can tell from it that a run needs a new delivery. The lease can: the executing worker stamps the
// Run row with its id and an expiry it keeps pushing forward, so a run whose lease ran out belongs to a worker that
// died (SIGKILL, lost machine) and the reaper sends it again. Lease times come from the database's clock, so the
// workers' and the reaper's clocks may disagree without a live lease ever looking expired.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { ConfluxError } from "@/lib/errors";
import { withoutHeldWrites } from "../db/carried-writes";
import type { SqlSource } from "../db/sql";
import {
  failLeasedRun,
  findRunLease,
  releaseRunLease as releaseLease,
  renewRunLease as renewLease,
  takeRunLease as takeLease,
} from "../db/run-execution.repository";
import type { RunClaim } from "../db/run-claim.repository";

/** How long a lease holds without renewal: the longest a dead worker's run waits before the reaper sees it. */
export const LEASE_MS = 30_000;
/** Renewing at a third of the lease leaves room for two failed renewals before it expires. */
export const LEASE_RENEW_MS = 10_000;
/** How many times a run may stop its worker (killed, or stalled past its lease) before it is failed (config default). */
export const MAX_WORKER_STOPS = 3;

/** host:pid:random, so an operator can find the process, and a restarted process with a reused pid is still new. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

export class LeaseLostError extends ConfluxError {
  constructor(runId: string, reason: string) {
    super("UNAVAILABLE", `This worker stopped executing run ${runId}: ${reason}`, { retryable: true });
  }
}

export interface LeaseOptions {
  /** This worker's id (newWorkerId()). */
  owner: string;
  /** The worker's shutdown signal; the execution also stops when the lease is lost. */
  signal: AbortSignal;
  log: (line: string) => void;
  leaseMs?: number;
  renewMs?: number;
  /** A run that stopped its worker this many times is failed instead of executed again (MAX_WORKER_STOPS). */
  maxWorkerStops?: number;
  /** The lease as the execution's first statement (claimRun) took it or found it; taken here when absent. */
  claimed?: Exclude<RunClaim, { locked: false }>;
}

/**
 * "leased-elsewhere": a live worker holds the run, so this delivery steps aside. "given-up": the run stopped its
 * workers too many times and was failed without executing it again.
 */
export type LeaseOutcome = "ran" | "leased-elsewhere" | "lease-lost" | "given-up";

/** The error of a run failed for stopping its workers: readable on the run page, never retried. */
export function workerStoppedError(stops: number) {
  return {
    code: "WORKER_STOPPED",
    message:
      `This run stopped the worker ${stops} times (the worker was killed or stalled while executing it), so it is ` +
      `not delivered again. Look at the step it was on, fix the cause, then replay it.`,
    retryable: false,
  } as const;
}

/**
 * Executes a run holding its lease: taken before `execute` starts, renewed while it runs, cleared when it ends
 * (also when it throws, so a retried job or another worker need not wait for the expiry). When a renewal finds the
 * lease taken by another worker, or the lease ran out while renewals failed, `execute`'s signal aborts.
 */
export async function runUnderLease(
  db: SqlSource,
  runId: string,
  options: LeaseOptions,
  /** Resolves to true when it ended the run, which clears the lease in the same write. */
  execute: (signal: AbortSignal) => Promise<boolean | void>,
): Promise<LeaseOutcome> {
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const renewMs = options.renewMs ?? LEASE_RENEW_MS;
  const claimed = options.claimed;
  const taken = claimed ? claimed.lease : await takeLease(db, runId, options.owner, leaseMs);
  if (!taken) {
    const run = claimed?.lease === null ? claimed : await findRunLease(db, runId);
    if (run && (run.status === "queued" || run.status === "running")) {
      options.log(`run ${runId} is leased by ${run.leaseOwner ?? "another worker"}; this delivery steps aside`);
      return "leased-elsewhere";
    }
    // Missing or finished: nothing to lease, and the executor knows how to drop such a job.
    await execute(options.signal);
    return "ran";
  }

  // A run whose every delivery ends with its worker dead would otherwise be re-sent by the reaper forever.
  const maxStops = options.maxWorkerStops ?? MAX_WORKER_STOPS;
  if (taken.workerStops >= maxStops) {
    options.log(`run ${runId} stopped its worker ${taken.workerStops} times; it is failed, not executed again`);
    await failLeasedRun(db, runId, options.owner, workerStoppedError(taken.workerStops));
    return "given-up";
  }

  const lost = new AbortController();
  const loseLease = (reason: string) => {
    options.log(`run ${runId}: ${reason}; this worker stops executing it`);
    lost.abort(new LeaseLostError(runId, reason));
  };
  let heldUntil = Date.now() + leaseMs;
  const renew = async () => {
    const startedAt = Date.now();
    try {
      // Beside the execution, on the connection itself: a renewal must not send the execution's held writes.
      if (await renewLease(withoutHeldWrites(db), runId, options.owner, leaseMs)) heldUntil = startedAt + leaseMs;
      // A run that just ended cleared its own lease; nobody took it over.
      else if (!finished) loseLease("another worker took over its lease");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Past the expiry the reaper may already have handed the run to another worker: stop rather than race it.
      if (Date.now() >= heldUntil) loseLease(`its lease expired while renewals failed (${reason})`);
      else options.log(`run ${runId}: lease renewal failed, will retry: ${reason}`);
    }
  };

  let finished = false;
  let endedRun = false;
  let renewing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const scheduleRenewal = () => {
    timer = setTimeout(() => {
      renewing = renew().finally(() => {
        if (!finished && !lost.signal.aborted) scheduleRenewal();
      });
    }, renewMs);
  };
  scheduleRenewal();

  try {
    endedRun = (await execute(AbortSignal.any([options.signal, lost.signal]))) === true;
    return lost.signal.aborted ? "lease-lost" : "ran";
  } catch (error) {
    // The new lease holder finishes the run; this delivery's job is done. A shutdown still throws, so the job retries.
    if (lost.signal.aborted && !options.signal.aborted) return "lease-lost";
    throw error;
  } finally {
    finished = true;
    clearTimeout(timer);
    await renewing;
    // A run that ended here had its lease cleared by the same write; only a run left unfinished needs this one.
    if (!endedRun) {
      await releaseLease(db, runId, options.owner).catch((error: unknown) =>
        options.log(`run ${runId}: could not clear its lease (it expires on its own): ${String(error)}`),
      );
    }
  }
}
