// Reading run history at scale: the filtered, keyset-paginated list and the rows behind bulk actions and the CSV
// export. Raw SQL, because keyset conditions on (createdAt, id) and (durationMs, id) and the generated columns
// (durationMs, errorCode, errorMessage, see the run_history migration) are beyond Prisma's query builder. Every query
// is scoped by workspace and leaves test runs out.
import { z } from "zod";
import type { RunSort } from "@/lib/run-filters";
import { Prisma, type DbOrTx } from "./client";

export interface RunQueryFilter {
  flowId?: string;
  status?: string;
  trigger?: string;
  from?: Date;
  to?: Date;
  error?: string;
  businessKey?: string;
  /** Only these parts of [from, to): the dashboard reads the rest from rollups. */
  windows?: { from: Date; to: Date }[];
}

/** The WHERE clause of a filter (aliasing "Run" as r); each part matches an index (see schema.prisma). */
export function whereOf(workspaceId: string, filter: RunQueryFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`r."workspaceId" = ${workspaceId}`, Prisma.sql`r."isTest" = false`];
  if (filter.flowId) parts.push(Prisma.sql`r."flowId" = ${filter.flowId}`);
  if (filter.status) parts.push(Prisma.sql`r.status = ${filter.status}::"RunStatus"`);
  if (filter.trigger) parts.push(Prisma.sql`r."triggerKind" = ${filter.trigger}`);
  if (filter.from) parts.push(Prisma.sql`r."createdAt" >= ${filter.from}`);
  if (filter.to) parts.push(Prisma.sql`r."createdAt" < ${filter.to}`);
  if (filter.windows) {
    const windows = filter.windows.map((w) => Prisma.sql`(r."createdAt" >= ${w.from} AND r."createdAt" < ${w.to})`);
    parts.push(windows.length === 0 ? Prisma.sql`false` : Prisma.sql`(${Prisma.join(windows, " OR ")})`);
  }
  if (filter.businessKey) parts.push(Prisma.sql`r."businessKey" = ${filter.businessKey}`);
  if (filter.error) {
    const pattern = `%${filter.error.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`(r."errorMessage" ILIKE ${pattern} OR r."errorCode" ILIKE ${pattern})`);
  }
  return Prisma.join(parts, " AND ");
}

const runRowSchema = z.object({
  id: z.string(),
  flowId: z.string(),
  flowName: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed", "cancelled"]),
  triggerKind: z.string(),
  businessKey: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  replayOfRunId: z.string().nullable(),
});
export type RunRow = z.infer<typeof runRowSchema>;

const columns = Prisma.sql`r.id, r."flowId", f.name AS "flowName", r.status::text AS status, r."triggerKind",
  r."businessKey", r."createdAt", r."startedAt", r."finishedAt", r."durationMs", r."errorCode", r."errorMessage",
  r."replayOfRunId"`;

/** Where a page ends: the sort value of its last row and its id. */
// The sort value is a creation time (ISO) or a duration in ms; anything else is refused before it reaches SQL.
export const runCursorSchema = z.object({
  v: z.union([z.iso.datetime(), z.number().int().nonnegative()]),
  id: z.string(),
});
export type RunCursor = z.infer<typeof runCursorSchema>;

export async function listRunPage(
  db: DbOrTx,
  workspaceId: string,
  args: { filter: RunQueryFilter; sort: RunSort; limit: number; cursor?: RunCursor },
): Promise<{ items: RunRow[]; next: RunCursor | null }> {
  const where = [whereOf(workspaceId, args.filter)];
  let order: Prisma.Sql;
  if (args.sort === "duration") {
    // Only finished runs have a duration; the longest first.
    where.push(Prisma.sql`r."durationMs" IS NOT NULL`);
    if (args.cursor)
      where.push(Prisma.sql`(r."durationMs", r.id) < (${Number(args.cursor.v)}::int, ${args.cursor.id})`);
    order = Prisma.sql`r."durationMs" DESC, r.id DESC`;
  } else {
    if (args.cursor) {
      where.push(Prisma.sql`(r."createdAt", r.id) < (${new Date(String(args.cursor.v))}, ${args.cursor.id})`);
    }
    order = Prisma.sql`r."createdAt" DESC, r.id DESC`;
  }
  const rows = await db.$queryRaw`
    SELECT ${columns} FROM "Run" r JOIN "Flow" f ON f.id = r."flowId"
    WHERE ${Prisma.join(where, " AND ")} ORDER BY ${order} LIMIT ${args.limit + 1}`;
  const parsed = z.array(runRowSchema).parse(rows);
  const items = parsed.slice(0, args.limit);
  const last = items.at(-1);
  const next =
    parsed.length > args.limit && last
      ? { v: args.sort === "duration" ? (last.durationMs ?? 0) : last.createdAt.toISOString(), id: last.id }
      : null;
  return { items, next };
}

/** Runs created after the newest one a list shows (newest first, at most `limit`), for live updates. */
export async function listRunsNewerThan(
  db: DbOrTx,
  workspaceId: string,
  args: { filter: RunQueryFilter; after: { createdAt: Date; id: string }; limit: number },
): Promise<RunRow[]> {
  const rows = await db.$queryRaw`
    SELECT ${columns} FROM "Run" r JOIN "Flow" f ON f.id = r."flowId"
    WHERE ${whereOf(workspaceId, args.filter)} AND (r."createdAt", r.id) > (${args.after.createdAt}, ${args.after.id})
    ORDER BY r."createdAt" DESC, r.id DESC LIMIT ${args.limit}`;
  return z.array(runRowSchema).parse(rows);
}

/** The current state of runs a list shows (those not finished when it read them), by id. */
export async function findRunRows(db: DbOrTx, workspaceId: string, ids: readonly string[]): Promise<RunRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw`
    SELECT ${columns} FROM "Run" r JOIN "Flow" f ON f.id = r."flowId"
    WHERE r."workspaceId" = ${workspaceId} AND r.id IN (${Prisma.join(ids)})`;
  return z.array(runRowSchema).parse(rows);
}

/** How many runs match, up to `cap` (counting stops there so a huge match stays quick). */
export async function countMatching(db: DbOrTx, workspaceId: string, filter: RunQueryFilter, cap: number) {
  const [row] = z
    .array(z.object({ count: z.number() }))
    .parse(
      await db.$queryRaw`SELECT count(*)::int AS count FROM (SELECT 1 FROM "Run" r WHERE ${whereOf(workspaceId, filter)} LIMIT ${cap}) t`,
    );
  return row?.count ?? 0;
}

/** Ids of matching runs in keyset order, a batch at a time (bulk actions over "all N matching"). */
export async function matchingRunIds(
  db: DbOrTx,
  workspaceId: string,
  args: { filter: RunQueryFilter; after?: { createdAt: Date; id: string }; limit: number },
): Promise<{ id: string; createdAt: Date }[]> {
  const after = args.after
    ? Prisma.sql`AND (r."createdAt", r.id) < (${args.after.createdAt}, ${args.after.id})`
    : Prisma.empty;
  const rows = await db.$queryRaw`
    SELECT r.id, r."createdAt" FROM "Run" r WHERE ${whereOf(workspaceId, args.filter)} ${after}
    ORDER BY r."createdAt" DESC, r.id DESC LIMIT ${args.limit}`;
  return z.array(z.object({ id: z.string(), createdAt: z.date() })).parse(rows);
}
