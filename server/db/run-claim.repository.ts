// The worker's first statement for a run: the run lock, the lease and the load in one round trip (claimRun). Lease
// times come from the database's clock, as everywhere in run-execution.repository.ts.
import { z } from "zod";
import { storedStepsSchema, type RunForExecution } from "./run-execution.repository";
import { sqlOf, type SqlSource } from "./sql";

const NOW = `(now() AT TIME ZONE 'UTC')`;

/**
 * What a worker's first statement for a run found. `locked` false: another executor holds the run lock (nothing else
 * was done). Otherwise `lease` says whether this worker took the lease: when it did, `run` is the run as it now
 * stands (running, under this worker's lease) with its checkpoints; when it did not, `status` and `leaseOwner` are
 * the run's as the statement saw them (null when the run does not exist).
 */
export type RunClaim =
  | { locked: false }
  | { locked: true; lease: { workerStops: number }; run: RunForExecution }
  | { locked: true; lease: null; status: string | null; leaseOwner: string | null };

const claimRowSchema = z.object({
  locked: z.boolean(),
  workerStops: z.number().nullable(),
  statusBefore: z.string().nullable(),
  leaseOwnerBefore: z.string().nullable(),
  id: z.string().nullable(),
  workspaceId: z.string().nullable(),
  flowVersionId: z.string().nullable(),
  triggerData: z.unknown(),
  createdAt: z.date().nullable(),
  startedAt: z.date().nullable(),
  steps: z.unknown(),
});

/**
 * Starts executing a run in one round trip: takes its run lock (run-lock.ts says why), takes its lease and marks it
 * running (as takeRunLease), and loads it with its checkpoints (as loadRunForExecution). Each part happens only if
 * the one before it succeeded. First it lets go of any run lock the connection still holds: that of a run it
 * executed to its end before, whose unlock was left to this statement to save a round trip (RunLocks.withLock).
 */
export async function claimRun(db: SqlSource, runId: string, owner: string, leaseMs: number): Promise<RunClaim> {
  // OFFSET 0 keeps the earlier unlock a subquery of its own, evaluated before the lock is taken.
  const { rows } = await sqlOf(db).query(
    `WITH lock AS MATERIALIZED (
       SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked
       FROM (SELECT pg_advisory_unlock_all() OFFSET 0) AS earlier_runs
     ), leased AS (
       UPDATE "Run" SET "leaseOwner" = $2, "leaseExpiresAt" = ${NOW} + make_interval(secs => $3::float8),
         status = 'running', "startedAt" = COALESCE("startedAt", ${NOW}),
         "workerStops" = "workerStops" +
           CASE WHEN "leaseOwner" IS NOT NULL AND "leaseOwner" <> $2 AND "leaseExpiresAt" < ${NOW} THEN 1 ELSE 0 END
       WHERE id = $1 AND status IN ('queued', 'running')
         AND ("leaseOwner" IS NULL OR "leaseOwner" = $2 OR "leaseExpiresAt" < ${NOW})
         AND (SELECT locked FROM lock)
       RETURNING id, "workspaceId", "flowVersionId", "triggerData", "createdAt", "startedAt", "workerStops"
     )
     SELECT lock.locked, leased."workerStops", before.status::text AS "statusBefore",
       before."leaseOwner" AS "leaseOwnerBefore", leased.id, leased."workspaceId", leased."flowVersionId",
       leased."triggerData", leased."createdAt", leased."startedAt",
       CASE WHEN leased.id IS NOT NULL THEN COALESCE((SELECT json_agg(json_build_object('stepId', s."stepId",
         'status', s.status, 'output', s.output, 'outputTruncated', s."outputTruncated", 'error', s.error,
         'attempts', s.attempts)) FROM "StepRun" s WHERE s."runId" = $1), '[]'::json) END AS steps
     FROM lock LEFT JOIN leased ON true LEFT JOIN "Run" before ON before.id = $1`,
    [runId, owner, leaseMs / 1000],
  );
  const row = claimRowSchema.parse(rows[0]);
  if (!row.locked) return { locked: false };
  if (row.id === null || row.workspaceId === null || row.flowVersionId === null || row.createdAt === null) {
    return { locked: true, lease: null, status: row.statusBefore, leaseOwner: row.leaseOwnerBefore };
  }
  const steps: unknown = typeof row.steps === "string" ? JSON.parse(row.steps) : row.steps;
  return {
    locked: true,
    lease: { workerStops: row.workerStops ?? 0 },
    run: {
      id: row.id,
      workspaceId: row.workspaceId,
      flowVersionId: row.flowVersionId,
      status: "running",
      triggerData: row.triggerData,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      steps: storedStepsSchema.parse(steps),
    },
  };
}
