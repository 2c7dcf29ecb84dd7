// The aggregates of the runs dashboard, straight from the Run table. The covering indexes (workspace or flow, then
// createdAt, with status, isTest, flowId and durationMs) let counts, series and percentiles read the index alone;
// top errors read only failed runs through (workspaceId, status, createdAt). Measured by `npm run bench:history`.
import { z } from "zod";
import type { DbOrTx } from "./client";
import { whereOf, type RunQueryFilter } from "./run-history.repository";

const count = z.coerce.number().int();
const nullableNumber = z.coerce.number().nullable();

const totalsSchema = z.object({
  total: count,
  succeeded: count,
  failed: count,
  cancelled: count,
  active: count,
  p50: nullableNumber,
  p95: nullableNumber,
});
export type DashboardTotals = z.infer<typeof totalsSchema>;

export async function dashboardTotals(db: DbOrTx, workspaceId: string, filter: RunQueryFilter) {
  const rows = await db.$queryRaw`
    SELECT count(*) AS total,
      count(*) FILTER (WHERE r.status = 'succeeded') AS succeeded,
      count(*) FILTER (WHERE r.status = 'failed') AS failed,
      count(*) FILTER (WHERE r.status = 'cancelled') AS cancelled,
      count(*) FILTER (WHERE r.status IN ('queued', 'running')) AS active,
      percentile_disc(0.5) WITHIN GROUP (ORDER BY r."durationMs") AS p50,
      percentile_disc(0.95) WITHIN GROUP (ORDER BY r."durationMs") AS p95
    FROM "Run" r WHERE ${whereOf(workspaceId, filter)}`;
  const [totals] = z.array(totalsSchema).parse(rows);
  if (!totals) throw new Error("an aggregate query returned no row");
  return totals;
}

const seriesRowSchema = z.object({ bucket: z.date(), status: z.string(), count });

/** Runs per time bucket and status; `origin` aligns the buckets (the start of the range). */
export async function dashboardSeries(
  db: DbOrTx,
  workspaceId: string,
  filter: RunQueryFilter,
  bucket: { seconds: number; origin: Date },
) {
  const rows = await db.$queryRaw`
    SELECT date_bin(make_interval(secs => ${bucket.seconds}), r."createdAt", ${bucket.origin}::timestamp) AS bucket,
      r.status::text AS status, count(*) AS count
    FROM "Run" r WHERE ${whereOf(workspaceId, filter)}
    GROUP BY 1, 2 ORDER BY 1`;
  return z.array(seriesRowSchema).parse(rows);
}

const failingFlowSchema = z.object({ flowId: z.string(), flowName: z.string(), failed: count, total: count });

/** The flows with the most failed runs, with their run count for a failure rate. */
export async function topFailingFlows(db: DbOrTx, workspaceId: string, filter: RunQueryFilter, limit: number) {
  const rows = await db.$queryRaw`
    SELECT t."flowId", f.name AS "flowName", t.failed, t.total FROM (
      SELECT r."flowId", count(*) FILTER (WHERE r.status = 'failed') AS failed, count(*) AS total
      FROM "Run" r WHERE ${whereOf(workspaceId, filter)} GROUP BY r."flowId"
    ) t JOIN "Flow" f ON f.id = t."flowId"
    WHERE t.failed > 0 ORDER BY t.failed DESC, f.name LIMIT ${limit}`;
  return z.array(failingFlowSchema).parse(rows);
}

const topErrorSchema = z.object({
  code: z.string().nullable(),
  message: z.string().nullable(),
  count,
  lastSeen: z.date(),
});

/** Failed runs grouped by error code and message, most frequent first, with when each was last seen. */
export async function topErrors(db: DbOrTx, workspaceId: string, filter: RunQueryFilter, limit: number) {
  const failed: RunQueryFilter = { ...filter, status: "failed" };
  const rows = await db.$queryRaw`
    SELECT r."errorCode" AS code, r."errorMessage" AS message, count(*) AS count, max(r."createdAt") AS "lastSeen"
    FROM "Run" r WHERE ${whereOf(workspaceId, failed)}
    GROUP BY 1, 2 ORDER BY count(*) DESC, max(r."createdAt") DESC LIMIT ${limit}`;
  return z.array(topErrorSchema).parse(rows);
}
