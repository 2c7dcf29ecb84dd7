// The statements that execute a run: load it, claim it, hold its lease, finish it, and what the reaper, cancel and
// retention look for. Lease times come from the database's clock (now()), so workers whose clocks disagree never see
// a live lease as expired. Timestamps are stored in UTC without a time zone (as Prisma writes them), hence
// `AT TIME ZONE 'UTC'` wherever now() is compared with them.
import { z } from "zod";
import type { Db, DbOrTx, Prisma } from "./client";
import { toJsonInput } from "./json";

const unfinished = ["queued", "running"] as const;

const runForExecution = { steps: true } satisfies Prisma.RunInclude;
export type RunForExecution = Prisma.RunGetPayload<{ include: typeof runForExecution }>;

/** The run with the step rows of earlier deliveries (the checkpoints); its version's graph is read by version id. */
export async function loadRunForExecution(db: DbOrTx, runId: string): Promise<RunForExecution | null> {
  return db.run.findUnique({ where: { id: runId }, include: runForExecution });
}

/** Marks the run running unless it finished or was cancelled meanwhile; false when it is no longer to be executed. */
export async function markRunRunning(db: DbOrTx, runId: string, startedAt: Date): Promise<boolean> {
  const { count } = await db.run.updateMany({
    where: { id: runId, status: { in: [...unfinished] } },
    data: { status: "running", startedAt },
  });
  return count === 1;
}

/** Ends an unfinished run; the lease goes in the same write, so a worker killed right after leaves no stale stamp. */
export async function finishRun(
  db: DbOrTx,
  runId: string,
  status: "succeeded" | "failed",
  error: unknown,
): Promise<void> {
  await db.run.updateMany({
    where: { id: runId, status: { in: [...unfinished] } },
    data: { status, error: toJsonInput(error), finishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null },
  });
}

/** Takes the lease of an unfinished run that nobody else holds (or whose holder's lease ran out). */
export async function takeRunLease(db: DbOrTx, runId: string, owner: string, leaseMs: number): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Run"
    SET "leaseOwner" = ${owner}, "leaseExpiresAt" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000})
    WHERE id = ${runId} AND status IN ('queued', 'running')
      AND ("leaseOwner" IS NULL OR "leaseOwner" = ${owner} OR "leaseExpiresAt" < (now() AT TIME ZONE 'UTC'))`;
  return count === 1;
}

/** Pushes the lease's expiry forward; false when another worker holds it now. */
export async function renewRunLease(db: DbOrTx, runId: string, owner: string, leaseMs: number): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Run"
    SET "leaseExpiresAt" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000})
    WHERE id = ${runId} AND "leaseOwner" = ${owner}`;
  return count === 1;
}

export async function releaseRunLease(db: DbOrTx, runId: string, owner: string): Promise<void> {
  await db.run.updateMany({
    where: { id: runId, leaseOwner: owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}

export async function findRunLease(db: DbOrTx, runId: string) {
  return db.run.findUnique({ where: { id: runId }, select: { status: true, leaseOwner: true } });
}

/** The run's status alone: the cancel watch reads it about once a second per executing run. */
export async function findRunStatusById(db: DbOrTx, runId: string) {
  return db.run.findUnique({ where: { id: runId }, select: { status: true } });
}

/** What a webhook caller waiting on the run needs: its status, a Respond step's response, its error. */
export async function findRunResponse(db: DbOrTx, runId: string) {
  return db.run.findUnique({ where: { id: runId }, select: { status: true, response: true, error: true } });
}

export async function saveRunResponse(db: DbOrTx, runId: string, response: unknown): Promise<void> {
  await db.run.update({ where: { id: runId }, data: { response: toJsonInput(response) } });
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
