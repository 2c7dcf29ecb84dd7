// In-process wake-ups for webhook callers waiting on a run. A run executed in this process (the usual case: the
// webhook offers it to a local slot) signals when its Respond step has committed, with the response, and when it
// ends, so the caller answers at once without reading the Run row. Runs executed elsewhere are seen by that read.

/** What a signal says: the committed response of a Respond step, or nothing (look at the run). */
export interface RunSignal {
  response?: unknown;
}

const waiting = new Map<string, Set<(signal: RunSignal | undefined) => void>>();

/** Resolves with the signal, or undefined after `ms` or on abort, whichever comes first. */
export function waitForRunSignal(runId: string, ms: number, abort?: AbortSignal): Promise<RunSignal | undefined> {
  return new Promise((resolve) => {
    let waiters = waiting.get(runId);
    if (!waiters) {
      waiters = new Set();
      waiting.set(runId, waiters);
    }
    const done = (signal: RunSignal | undefined) => {
      clearTimeout(timer);
      abort?.removeEventListener("abort", timedOut);
      const current = waiting.get(runId);
      current?.delete(done);
      if (current?.size === 0) waiting.delete(runId);
      resolve(signal);
    };
    const timedOut = () => done(undefined);
    const timer = setTimeout(timedOut, ms);
    abort?.addEventListener("abort", timedOut, { once: true });
    waiters.add(done);
  });
}

/** Something a waiting caller wants changed on the run: its response was committed, or it ended. */
export function signalRun(runId: string, signal: RunSignal = {}): void {
  const waiters = waiting.get(runId);
  if (!waiters) return;
  for (const wake of [...waiters]) wake(signal);
}
