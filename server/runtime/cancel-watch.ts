// Cancelling reaches a run in flight through its Run row: the web process only sets the status to "cancelled", and
// the worker executing the run notices within about a second and aborts the step's signal, which closes the step's
// HTTP request. Polling the row (one indexed primary-key read per executing run) needs no extra channel between
// processes and works the same on the embedded PGlite and on a shared Postgres.
import { ConfluxError } from "@/lib/errors";
import { withoutHeldWrites } from "../db/carried-writes";
import type { SqlSource } from "../db/sql";
import { findRunStatusById } from "../db/run-execution.repository";
import { failRunningStepsOfCancelledRun } from "../db/step-runs.repository";

export const CANCEL_POLL_MS = 1_000;

export const CANCELLED_BY_USER = { code: "CANCELLED", message: "Cancelled by a user", retryable: false } as const;

export class RunCancelledError extends ConfluxError {
  constructor(runId: string) {
    super("CANCELLED", `Run ${runId} was cancelled by a user`);
  }
}

export interface CancelWatchOptions {
  /** The worker's own signal (shutdown, lost lease); the execution also stops when it aborts. */
  signal: AbortSignal;
  log: (line: string) => void;
  pollMs?: number;
}

/**
 * Runs `execute` with a signal that also aborts when the run is cancelled. After a cancellation the step that was in
 * flight (left "running" by the executor, as after a shutdown) is marked failed with CANCELLED, and the abort is not
 * rethrown: the run is finished, so its job must complete rather than be retried. Resolves to what `execute` did,
 * or undefined after a cancellation.
 */
export async function executeWatchingForCancel<T>(
  db: SqlSource,
  runId: string,
  options: CancelWatchOptions,
  execute: (signal: AbortSignal) => Promise<T>,
): Promise<T | undefined> {
  const cancelled = new AbortController();
  const pollMs = options.pollMs ?? CANCEL_POLL_MS;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> = Promise.resolve();

  const check = async () => {
    try {
      // Beside the execution, on the connection itself: the check must not send the execution's held writes.
      const run = await findRunStatusById(withoutHeldWrites(db), runId);
      if (run?.status === "cancelled" && !finished) {
        options.log(`run ${runId} was cancelled; stopping its step in flight`);
        cancelled.abort(new RunCancelledError(runId));
      }
    } catch (error) {
      // A failed read only delays noticing a cancellation; the next poll tries again.
      options.log(
        `run ${runId}: could not check for cancellation: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const schedule = () => {
    timer = setTimeout(() => {
      checking = check().finally(() => {
        if (!finished && !cancelled.signal.aborted) schedule();
      });
    }, pollMs);
  };
  schedule();

  let result: T | undefined;
  try {
    result = await execute(AbortSignal.any([options.signal, cancelled.signal]));
  } catch (error) {
    if (!cancelled.signal.aborted) throw error;
  } finally {
    finished = true;
    clearTimeout(timer);
    await checking;
  }
  if (cancelled.signal.aborted) await failStepsInFlight(db, runId);
  return result;
}

/**
 * Marks the run's steps still "running" as failed with CANCELLED. Only for a cancelled run: on a live run a running
 * step may belong to an executor that is still working on it.
 */
export async function failStepsInFlight(db: SqlSource, runId: string): Promise<number> {
  return failRunningStepsOfCancelledRun(db, runId, CANCELLED_BY_USER);
}
