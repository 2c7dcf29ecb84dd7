// One executor per run at a time. pg-boss may hand the same run to two workers (a job retried after it expired
// while its first delivery still runs, or two jobs for one run); a session advisory lock on the run id makes the
// second delivery step aside. The lock lives as long as the session, so a worker that dies releases it at once.
// The lock is taken by the execution's first statement (claimRun), together with the lease and the run's load, and
// a run that ended keeps it until its connection's next claim lets it go: executing a run costs no statement for
// the lock of its own. Holding a finished run's lock a little longer harms nobody: a late delivery of it only steps
// aside, as it would have found the run finished anyway.
// PGlite serves every socket client from one session, where advisory locks are re-entrant, so an in-process set
// covers the embedded default's single worker.
import { createRunConnection, type RunConnection } from "../db/carried-writes";
import { createSqlPool, preparedStatements } from "../db/sql";

/** What the task did with the lock: never took it (held elsewhere), or took it and the run ended or not. */
export type LockedTaskOutcome = "not-locked" | "run-ended" | "run-unfinished";

export interface RunLocks {
  /**
   * Runs `task` on a connection of its own, which takes the run's lock with its first statement (claimRun). Returns
   * false when the task found the lock held by another executor. Writes the task holds back (carried-writes.ts) are
   * sent before the connection goes back; so is the unlock, unless the run ended (the next claim lets it go).
   */
  withLock(runId: string, task: (sql: RunConnection) => Promise<LockedTaskOutcome>): Promise<boolean>;
  close(): Promise<void>;
}

export function createRunLocks(databaseUrl: string, size: number): RunLocks {
  const pool = createSqlPool(databaseUrl, { max: size, applicationName: "conflux-run-locks" });
  // An idle client that loses its connection emits on the pool; without a listener that would crash the worker.
  pool.on("error", () => undefined);
  const local = new Set<string>();
  return {
    async withLock(runId, task) {
      if (local.has(runId)) return false;
      local.add(runId);
      try {
        const client = await pool.connect();
        let broken = false;
        try {
          const connection = createRunConnection(preparedStatements(client));
          let outcome: LockedTaskOutcome;
          try {
            outcome = await task(connection);
          } catch (error) {
            // Whether the lock was taken is unknown: ending the session is the sure way to let it go.
            broken = true;
            throw error;
          }
          if (outcome === "run-unfinished") {
            // A plain query: held writes go first. A run left unfinished must be free for its next delivery now.
            await connection.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [runId]).catch(() => {
              broken = true;
            });
          } else {
            // The run's last statement carried everything when it ended; anything still held goes now.
            await connection.flush().catch(() => {
              broken = true;
            });
          }
          return outcome !== "not-locked";
        } finally {
          // A client whose unlock failed may still hold the lock: destroy it so the session (and lock) ends.
          client.release(broken);
        }
      } finally {
        local.delete(runId);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
