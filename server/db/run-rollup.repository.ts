// The dashboard's rollup of 6-hour slots (RunRollup, RunRollupSlot). A slot is sealed, once, when it ended over an
// hour ago and none of its runs is queued or running: from then on its runs never change (new runs, replays
// included, are created "now"), so its counts and duration histogram are final. Retention deleting a slot's runs is
// handled by the reader, which uses rollups only for slots younger than the workspace's shortest retention.
import { z } from "zod";
import { HISTOGRAM_BASE, HISTOGRAM_MAX_BUCKET } from "@/lib/duration-histogram";
import { Prisma, type Db, type DbOrTx } from "./client";
import { whereOf, type RunQueryFilter } from "./run-history.repository";

export const SLOT_MS = 6 * 3_600_000;
/** A slot is sealed only once it ended this long ago, past any transaction still committing runs into it. */
export const SEAL_AFTER_MS = 3_600_000;

const slotOf = (column: Prisma.Sql) => Prisma.sql`date_bin(interval '6 hours', ${column}, timestamp '2000-01-01')`;
const ts = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp`;

/** The SQL bucket of a duration, as lib/duration-histogram.ts's bucketOf. */
export const bucketSql = Prisma.sql`CASE WHEN r."durationMs" < 1 THEN 0
  ELSE LEAST(${HISTOGRAM_MAX_BUCKET}, floor(ln(r."durationMs") / ln(${HISTOGRAM_BASE}))::int + 1) END`;

/** Seals the slots among `slots` (starts, all ended before now - SEAL_AFTER_MS) that are not sealed yet and can be. */
export async function sealSlots(db: Db, workspaceId: string, slots: readonly Date[]): Promise<void> {
  if (slots.length === 0) return;
  const first = slots[0]!;
  const end = new Date(slots[slots.length - 1]!.getTime() + SLOT_MS);
  const sealed = z
    .array(z.object({ slot: z.date() }))
    .parse(
      await db.$queryRaw`SELECT slot FROM "RunRollupSlot" WHERE "workspaceId" = ${workspaceId} AND slot >= ${ts(first)} AND slot < ${ts(end)}`,
    );
  const done = new Set(sealed.map((row) => row.slot.getTime()));
  const missing = slots.filter((slot) => !done.has(slot.getTime()));
  if (missing.length === 0) return;
  const busy = z.array(z.object({ slot: z.date() })).parse(
    await db.$queryRaw`
      SELECT DISTINCT ${slotOf(Prisma.sql`r."createdAt"`)} AS slot FROM "Run" r
      WHERE r."workspaceId" = ${workspaceId} AND r.status IN ('queued', 'running')
        AND r."createdAt" >= ${ts(missing[0]!)} AND r."createdAt" < ${ts(end)}`,
  );
  const unfinished = new Set(busy.map((row) => row.slot.getTime()));
  const sealable = missing.filter((slot) => !unfinished.has(slot.getTime()));
  if (sealable.length === 0) return;
  const list = Prisma.sql`ARRAY[${Prisma.join(sealable.map(ts))}]`;
  const from = sealable[0]!;
  const to = new Date(sealable[sealable.length - 1]!.getTime() + SLOT_MS);
  await db.$transaction([
    db.$executeRaw`
      WITH r AS (
        SELECT r."flowId", ${slotOf(Prisma.sql`r."createdAt"`)} AS slot, r.status, r."durationMs"
        FROM "Run" r
        WHERE r."workspaceId" = ${workspaceId} AND r."isTest" = false
          AND r."createdAt" >= ${ts(from)} AND r."createdAt" < ${ts(to)}
      ), picked AS (SELECT * FROM r WHERE slot = ANY(${list})),
      hist AS (
        SELECT "flowId", slot, jsonb_object_agg(b::text, c) AS durations FROM (
          SELECT "flowId", slot, ${Prisma.sql`CASE WHEN "durationMs" < 1 THEN 0
            ELSE LEAST(${HISTOGRAM_MAX_BUCKET}, floor(ln("durationMs") / ln(${HISTOGRAM_BASE}))::int + 1) END`} AS b,
            count(*)::int AS c
          FROM picked WHERE "durationMs" IS NOT NULL GROUP BY 1, 2, 3
        ) t GROUP BY 1, 2
      ), counts AS (
        SELECT "flowId", slot,
          count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
          count(*) FILTER (WHERE status = 'failed')::int AS failed,
          count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
        FROM picked GROUP BY 1, 2
      )
      INSERT INTO "RunRollup" ("workspaceId", "flowId", slot, succeeded, failed, cancelled, durations)
      SELECT ${workspaceId}, c."flowId", c.slot, c.succeeded, c.failed, c.cancelled, COALESCE(h.durations, '{}'::jsonb)
      FROM counts c LEFT JOIN hist h ON h."flowId" = c."flowId" AND h.slot = c.slot
      ON CONFLICT DO NOTHING`,
    db.$executeRaw`
      INSERT INTO "RunRollupSlot" ("workspaceId", slot) SELECT ${workspaceId}, unnest(${list})
      ON CONFLICT DO NOTHING`,
  ]);
}

/** Sealed slots of [from, to), in order. */
export async function sealedSlots(db: DbOrTx, workspaceId: string, from: Date, to: Date): Promise<Date[]> {
  const rows = z
    .array(z.object({ slot: z.date() }))
    .parse(
      await db.$queryRaw`SELECT slot FROM "RunRollupSlot" WHERE "workspaceId" = ${workspaceId} AND slot >= ${ts(from)} AND slot < ${ts(to)} ORDER BY slot`,
    );
  return rows.map((row) => row.slot);
}

const countRowSchema = z.object({
  flowId: z.string(),
  slot: z.date(),
  succeeded: z.number(),
  failed: z.number(),
  cancelled: z.number(),
});

/** The rollup counts of [from, to) per flow and slot (sealed slots only hold rows). */
export async function rollupCounts(db: DbOrTx, workspaceId: string, range: { from: Date; to: Date; flowId?: string }) {
  const flow = range.flowId ? Prisma.sql`AND "flowId" = ${range.flowId}` : Prisma.empty;
  return z.array(countRowSchema).parse(
    await db.$queryRaw`
      SELECT "flowId", slot, succeeded, failed, cancelled FROM "RunRollup"
      WHERE "workspaceId" = ${workspaceId} AND slot >= ${ts(range.from)} AND slot < ${ts(range.to)} ${flow}`,
  );
}

const histogramRowSchema = z.array(z.object({ b: z.number(), c: z.number() }));

/** The merged duration histogram of the rollup rows of [from, to). */
export async function rollupHistogram(
  db: DbOrTx,
  workspaceId: string,
  range: { from: Date; to: Date; flowId?: string },
) {
  const flow = range.flowId ? Prisma.sql`AND "flowId" = ${range.flowId}` : Prisma.empty;
  return histogramRowSchema.parse(
    await db.$queryRaw`
      SELECT e.key::int AS b, sum(e.value::int)::int AS c
      FROM "RunRollup", jsonb_each_text(durations) e
      WHERE "workspaceId" = ${workspaceId} AND slot >= ${ts(range.from)} AND slot < ${ts(range.to)} ${flow}
      GROUP BY 1`,
  );
}

/** The duration histogram of runs straight from the Run table (the parts of a range not rolled up). */
export async function rawHistogram(db: DbOrTx, workspaceId: string, filter: RunQueryFilter) {
  return histogramRowSchema.parse(
    await db.$queryRaw`
      SELECT ${bucketSql} AS b, count(*)::int AS c FROM "Run" r
      WHERE ${whereOf(workspaceId, filter)} AND r."durationMs" IS NOT NULL GROUP BY 1`,
  );
}

/** Run counts per flow straight from the Run table. */
export async function rawFlowCounts(db: DbOrTx, workspaceId: string, filter: RunQueryFilter) {
  return z.array(z.object({ flowId: z.string(), failed: z.number(), total: z.number() })).parse(
    await db.$queryRaw`
      SELECT r."flowId", count(*) FILTER (WHERE r.status = 'failed')::int AS failed, count(*)::int AS total
      FROM "Run" r WHERE ${whereOf(workspaceId, filter)} GROUP BY 1`,
  );
}

/** Days of the shortest retention among the workspace's flows: older slots may have lost runs to it. */
export async function shortestRetentionDays(db: DbOrTx, workspaceId: string, defaultDays: number): Promise<number> {
  const [row] = z
    .array(z.object({ days: z.number().nullable() }))
    .parse(
      await db.$queryRaw`SELECT min(COALESCE("retentionDays", ${defaultDays}::int))::int AS days FROM "Flow" WHERE "workspaceId" = ${workspaceId}`,
    );
  return row?.days ?? defaultDays;
}
