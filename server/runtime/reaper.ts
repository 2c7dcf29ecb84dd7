// Reconciles runs that nothing would otherwise finish, and sends their job again:
// - queued runs whose job never arrived (the send failed after the run was saved, or the job was lost);
// - runs whose worker died: their lease ran out (a live worker renews it every few seconds, lease.ts), or they
//   are running without a lease since long ago (their worker died between releasing the lease and retrying).
// A run with a job waiting to be fetched is left alone. The dead worker's own job stays "active" until pg-boss
// expires it, which is why it does not count. No transaction or lock is held meanwhile: with the embedded PGlite
// an open transaction would block pg-boss's own connection. Two reapers racing only make a spare job, and the run
// lock and the lease make it step aside.
import type { Db } from "../db/client";
import { databaseNow, findRunsWithExpiredLease, findUnleasedRunsSince } from "../db/run-execution.repository";
import type { RunQueue } from "./queue";

export const STRANDED_AFTER_MS = 30_000;
/** Lease (30 s) + one reaper period stays well inside the one minute in which a dead worker's runs resume. */
export const REAP_EVERY_MS = 10_000;
const BATCH = 200;

export async function requeueStrandedRuns(
  db: Db,
  queue: RunQueue,
  options: { now?: Date; log: (line: string) => void },
): Promise<string[]> {
  // Leases are stamped with the database's clock (lease.ts), so they are judged by it too. Read as epoch
  // milliseconds: the driver adapter misreads a timestamptz when the session's time zone is not UTC.
  const now = options.now ?? (await databaseNow(db));
  const cutoff = new Date(now.getTime() - STRANDED_AFTER_MS);
  const [expired, unleased] = await Promise.all([
    findRunsWithExpiredLease(db, now, BATCH),
    findUnleasedRunsSince(db, cutoff, BATCH),
  ]);

  const reasons = new Map<string, string>();
  for (const run of unleased) {
    reasons.set(run.id, run.status === "queued" ? "queued with no job" : "running with no worker holding it");
  }
  for (const run of expired) {
    reasons.set(
      run.id,
      `the lease of ${run.leaseOwner ?? "its worker"} expired at ${run.leaseExpiresAt?.toISOString()}`,
    );
  }
  const waiting = await queue.runsWithWaitingJob([...reasons.keys()]);

  const resent: string[] = [];
  for (const [runId, reason] of reasons) {
    if (waiting.has(runId)) continue;
    await queue.sendRun(runId, { resend: true });
    resent.push(runId);
    options.log(`reaper: re-sent run ${runId} (${reason})`);
  }
  return resent;
}
