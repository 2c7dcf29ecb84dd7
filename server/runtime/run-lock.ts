// One executor per run at a time. pg-boss may hand the same run to two workers (a job retried after it expired
// while its first delivery still runs, or two jobs for one run); a session advisory lock on the run id makes the
// second delivery step aside. The lock lives as long as the session, so a worker that dies releases it at once.
// PGlite serves every socket client from one session, where advisory locks are re-entrant, so an in-process set
// covers the embedded default's single worker.
import { createRunConnection, type RunConnection } from "../db/carried-writes";
import { createSqlPool, preparedStatements } from "../db/sql";

export interface RunLocks {
  /**
   * Runs `task` holding the run's lock; returns false without running it when another executor holds it. The task
   * gets the connection that holds the lock, so the run's own statements need no other connection; writes it holds
   * back (carried-writes.ts) are sent before the lock is let go.
   */
  withLock(runId: string, task: (sql: RunConnection) => Promise<void>): Promise<boolean>;
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
          const result = await client.query<{ locked: boolean }>(
            "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
            [runId],
          );
          if (!result.rows[0]?.locked) return false;
          const connection = createRunConnection(preparedStatements(client));
          try {
            await task(connection);
          } finally {
            // A plain query: held writes (none when the run ended, whose last statement carried them) go first.
            await connection.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [runId]).catch(() => {
              broken = true;
            });
          }
          return true;
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
