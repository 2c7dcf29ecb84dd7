// The statements that execute a run: load it, claim it, hold its lease, finish it, and what the reaper, cancel and
// retention look for. Lease times come from the database's clock (now()), so workers whose clocks disagree never see
// a live lease as expired. Timestamps are stored in UTC without a time zone (as Prisma writes them), hence
// `AT TIME ZONE 'UTC'` wherever now() is compared with them.
import { z } from "zod";
import type { Db, DbOrTx } from "./client";
import { jsonb, sqlOf, utc, type SqlSource } from "./sql";
import { findStepsOfRun, type StoredStep } from "./step-runs.repository";

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
  const sql = sqlOf(db);
  const [{ rows }, steps] = await Promise.all([
    sql.query<Omit<RunForExecution, "steps">>(
      `SELECT id, "workspaceId", "flowVersionId", status::text AS status, "triggerData", "createdAt", "startedAt"
       FROM "Run" WHERE id = $1`,
      [runId],
    ),
    findStepsOfRun(sql, runId),
  ]);
  const run = rows[0];
  return run ? { ...run, steps } : null;
}

/** Marks the run running unless it finished or was cancelled meanwhile; false when it is no longer to be executed. */
export async function markRunRunning(db: SqlSource, runId: string, startedAt: Date): Promise<boolean> {
  const { rows } = await sqlOf(db).query(
    `UPDATE "Run" SET status = 'running', "startedAt" = $2::timestamp
     WHERE id = $1 AND status IN ('queued', 'running') RETURNING 1`,
    [runId, utc(startedAt)],
  );
  return rows.length === 1;
}

/** Ends an unfinished run; the lease goes in the same write, so a worker killed right after leaves no stale stamp. */
export async function finishRun(
  db: SqlSource,
  runId: string,
  status: "succeeded" | "failed",
  error: unknown,
): Promise<void> {
  await sqlOf(db).query(
    `UPDATE "Run" SET status = $2::"RunStatus", error = $3::jsonb, "finishedAt" = ${NOW}, "leaseOwner" = NULL,
       "leaseExpiresAt" = NULL
     WHERE id = $1 AND status IN ('queued', 'running') RETURNING 1`,
    [runId, status, jsonb(error)],
  );
}

/** Takes the lease of an unfinished run that nobody else holds (or whose holder's lease ran out). */
export async function takeRunLease(db: SqlSource, runId: string, owner: string, leaseMs: number): Promise<boolean> {
  const { rows } = await sqlOf(db).query(
    `UPDATE "Run" SET "leaseOwner" = $2, "leaseExpiresAt" = ${NOW} + make_interval(secs => $3::float8)
     WHERE id = $1 AND status IN ('queued', 'running')
       AND ("leaseOwner" IS NULL OR "leaseOwner" = $2 OR "leaseExpiresAt" < ${NOW})
     RETURNING 1`,
    [runId, owner, leaseMs / 1000],
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
