// The statements that execute a run: load it, claim it, hold its lease, finish it, and what the reaper, cancel and
// retention look for. Lease times come from the database's clock (now()), so workers whose clocks disagree never see
// a live lease as expired. Timestamps are stored in UTC without a time zone (as Prisma writes them), hence
// `AT TIME ZONE 'UTC'` wherever now() is compared with them.
import { z } from "zod";
import { carryOrSend } from "./carried-writes";
import type { Db, DbOrTx } from "./client";
import { jsonb, sqlOf, utc, type SqlSource } from "./sql";
import type { StoredStep } from "./step-runs.repository";

const unfinished = ["queued", "running"] as const;
const NOW = `(now() AT TIME ZONE 'UTC')`;

/** A run as the executor reads it, with the step rows of earlier deliveries (the checkpoints). */
export interface RunForExecution {
  id: string;
  workspaceId: string;
  flowVersionId: string;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  triggerData: unknown;
  createdAt: Date;
  startedAt: Date | null;
  steps: StoredStep[];
}

export async function loadRunForExecution(db: SqlSource, runId: string): Promise<RunForExecution | null> {
  // One round trip: the run and its step rows (as JSON) together.
  const { rows } = await sqlOf(db).query<RunForExecution>(
    `SELECT id, "workspaceId", "flowVersionId", status::text AS status, "triggerData", "createdAt", "startedAt",
       COALESCE((SELECT json_agg(json_build_object('stepId', s."stepId", 'status', s.status, 'output', s.output,
         'outputTruncated', s."outputTruncated", 'error', s.error, 'attempts', s.attempts))
         FROM "StepRun" s WHERE s."runId" = r.id), '[]'::json) AS steps
     FROM "Run" r WHERE id = $1`,
    [runId],
  );
  const run = rows[0];
  if (!run) return null;
  // Through Prisma's raw queries the JSON may come back as text.
  const steps: unknown = typeof run.steps === "string" ? JSON.parse(run.steps) : run.steps;
  return { ...run, steps: storedStepsSchema.parse(steps) };
}

export const storedStepsSchema = z.array(
  z.object({
    stepId: z.string(),
    status: z.enum(["running", "succeeded", "failed", "skipped"]),
    output: z.unknown(),
    outputTruncated: z.boolean(),
    error: z.unknown(),
    attempts: z.number(),
  }),
);

/** Marks the run running unless it finished or was cancelled meanwhile; false when it is no longer to be executed. */
export async function markRunRunning(db: SqlSource, runId: string, startedAt: Date): Promise<boolean> {
  const { rows } = await sqlOf(db).query(
    `UPDATE "Run" SET status = 'running', "startedAt" = $2::timestamp
     WHERE id = $1 AND status IN ('queued', 'running') RETURNING 1`,
    [runId, utc(startedAt)],
  );
  return rows.length === 1;
}

/**
 * Ends an unfinished run, carrying the last step's held outcome (carried-writes.ts); the lease goes in the same
 * write, so a worker killed right after leaves no stale stamp. False when the run had already ended (cancelled).
 */
export async function finishRun(
  db: SqlSource,
  runId: string,
  status: "succeeded" | "failed",
  error: unknown,
): Promise<boolean> {
  const rows = await carryOrSend(db, {
    row: `Run:${runId}`,
    text: `UPDATE "Run" SET status = $2::"RunStatus", error = $3::jsonb, "finishedAt" = ${NOW}, "leaseOwner" = NULL,
       "leaseExpiresAt" = NULL
     WHERE id = $1 AND status IN ('queued', 'running') RETURNING 1`,
    values: [runId, status, jsonb(error)],
  });
  return rows.length === 1;
}

/**
 * Takes the lease of an unfinished run that nobody else holds (or whose holder's lease ran out), marking it running
 * (in the same write, so executing a run costs one statement fewer); returns how many
 * times the run has stopped its worker, or null when the lease is held elsewhere. Taking over a lease that ran out
 * means its worker died or stalled while executing the run: that counts as one more stop, in the same write.
 */
export async function takeRunLease(
  db: SqlSource,
  runId: string,
  owner: string,
  leaseMs: number,
): Promise<{ workerStops: number } | null> {
  const { rows } = await sqlOf(db).query<{ workerStops: number }>(
    `UPDATE "Run" SET "leaseOwner" = $2, "leaseExpiresAt" = ${NOW} + make_interval(secs => $3::float8),
       status = 'running', "startedAt" = COALESCE("startedAt", ${NOW}),
       "workerStops" = "workerStops" +
         CASE WHEN "leaseOwner" IS NOT NULL AND "leaseOwner" <> $2 AND "leaseExpiresAt" < ${NOW} THEN 1 ELSE 0 END
     WHERE id = $1 AND status IN ('queued', 'running')
       AND ("leaseOwner" IS NULL OR "leaseOwner" = $2 OR "leaseExpiresAt" < ${NOW})
     RETURNING "workerStops"`,
    [runId, owner, leaseMs / 1000],
  );
  return rows[0] ?? null;
}

/**
 * Fails an unfinished run that this worker holds, with its steps still in flight, in one statement: a poison run
 * that kept stopping its workers is not delivered again.
 */
export async function failLeasedRun(db: SqlSource, runId: string, owner: string, error: unknown): Promise<boolean> {
  const { rows } = await sqlOf(db).query(
    `WITH run AS (
       UPDATE "Run" SET status = 'failed', error = $3::jsonb, "finishedAt" = ${NOW}, "leaseOwner" = NULL,
         "leaseExpiresAt" = NULL
       WHERE id = $1 AND "leaseOwner" = $2 AND status IN ('queued', 'running') RETURNING id
     ), steps AS (
       UPDATE "StepRun" SET status = 'failed', error = $3::jsonb, "finishedAt" = ${NOW}
       WHERE "runId" IN (SELECT id FROM run) AND status = 'running' RETURNING 1
     )
     SELECT 1 FROM run`,
    [runId, owner, jsonb(error)],
  );
  return rows.length === 1;
}

/** Pushes the lease's expiry forward; false when another worker holds it now. */
export async function renewRunLease(db: SqlSource, runId: string, owner: string, leaseMs: number): Promise<boolean> {
  const { rows } = await sqlOf(db).query(
    `UPDATE "Run" SET "leaseExpiresAt" = ${NOW} + make_interval(secs => $3::float8)
     WHERE id = $1 AND "leaseOwner" = $2 RETURNING 1`,
    [runId, owner, leaseMs / 1000],
  );
  return rows.length === 1;
}

export async function releaseRunLease(db: SqlSource, runId: string, owner: string): Promise<void> {
  await sqlOf(db).query(
    `UPDATE "Run" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL WHERE id = $1 AND "leaseOwner" = $2 RETURNING 1`,
    [runId, owner],
  );
}

export async function findRunLease(db: SqlSource, runId: string) {
  const { rows } = await sqlOf(db).query<{ status: string; leaseOwner: string | null }>(
    `SELECT status::text AS status, "leaseOwner" FROM "Run" WHERE id = $1`,
    [runId],
  );
  return rows[0] ?? null;
}

/** The run's status alone: the cancel watch reads it about once a second per executing run. */
export async function findRunStatusById(db: SqlSource, runId: string) {
  const { rows } = await sqlOf(db).query<{ status: string }>(`SELECT status::text AS status FROM "Run" WHERE id = $1`, [
    runId,
  ]);
  return rows[0] ?? null;
}

/** Unfinished runs whose lease ran out: their worker died. */
export async function findRunsWithExpiredLease(db: DbOrTx, now: Date, limit: number) {
  return db.run.findMany({
    where: { status: { in: [...unfinished] }, leaseExpiresAt: { lt: now } },
    orderBy: { leaseExpiresAt: "asc" },
    take: limit,
    select: { id: true, leaseOwner: true, leaseExpiresAt: true },
  });
}

/** Queued runs without a lease since before `cutoff` (their job never came), and running ones without a worker. */
export async function findUnleasedRunsSince(db: DbOrTx, cutoff: Date, limit: number) {
  return db.run.findMany({
    where: {
      leaseOwner: null,
      OR: [
        { status: "queued", createdAt: { lt: cutoff } },
        { status: "running", startedAt: { lt: cutoff } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, status: true },
  });
}

const clockSchema = z.array(z.object({ ms: z.number() })).length(1);

/** The database's clock. Read as epoch milliseconds: the driver adapter misreads a timestamptz outside UTC. */
export async function databaseNow(db: Db): Promise<Date> {
  const [row] = clockSchema.parse(await db.$queryRaw`SELECT (extract(epoch FROM now()) * 1000)::float8 AS ms`);
  return new Date(row?.ms ?? Date.now());
}

/** Deletes up to `limit` finished runs past their flow's retention (or `defaultDays`); returns how many. */
export async function deleteExpiredRunsBatch(db: DbOrTx, defaultDays: number, limit: number): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "Run" WHERE id IN (
      SELECT r.id FROM "Run" r JOIN "Flow" f ON f.id = r."flowId"
      WHERE r.status IN ('succeeded', 'failed', 'cancelled')
        AND r."finishedAt" < (now() AT TIME ZONE 'UTC') - make_interval(days => COALESCE(f."retentionDays", ${defaultDays}::int))
      LIMIT ${limit}
    )`;
}
