// In-process wake-ups for webhook callers waiting on a run. A run executed in this process (the usual case: the
// webhook offers it to a local slot) signals when its Respond step has committed and when it ends, so the caller
// answers at once instead of at its next look at the Run row. Runs executed elsewhere are still seen by that look.
const waiting = new Map<string, Set<() => void>>();

/** Resolves when the run is signalled or after `ms`, whichever comes first; then look at the run again. */
export function waitForRunSignal(runId: string, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let waiters = waiting.get(runId);
    if (!waiters) {
      waiters = new Set();
      waiting.set(runId, waiters);
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      const current = waiting.get(runId);
      current?.delete(done);
      if (current?.size === 0) waiting.delete(runId);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    waiters.add(done);
  });
}

/** Something a waiting caller may want changed on the run: its response was stored, or it ended. */
export function signalRun(runId: string): void {
  const waiters = waiting.get(runId);
  if (!waiters) return;
  for (const wake of [...waiters]) wake();
}
