// The runs dashboard: counts, failure rate, duration percentiles, runs over time by status, the flows that fail most
// and the most frequent errors, for a time range and the list's other filters.
import { filterWindow, type ParsedRunFilter } from "@/lib/run-filters";
import type { Db } from "../db/client";
import * as dashboard from "../db/run-dashboard.repository";
import { rollupDashboard } from "./runs-dashboard-rollup.service";
import { queryFilterOf } from "./runs-history.service";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Bucket sizes that read well on a time axis; the smallest that keeps the chart under about 60 bars is used.
// From two days on, bars are whole 6-hour slots, the rollup's unit.
const BUCKETS = [5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY];
const MAX_BARS = 60;
const ROLLUP_FROM_SECONDS = 2 * DAY;

export function bucketSecondsFor(spanMs: number): number {
  const spanSeconds = spanMs / 1000;
  const usable = spanSeconds >= ROLLUP_FROM_SECONDS ? BUCKETS.filter((seconds) => seconds >= 6 * HOUR) : BUCKETS;
  return usable.find((seconds) => spanSeconds / seconds <= MAX_BARS) ?? BUCKETS[BUCKETS.length - 1]!;
}

export const STATUSES_IN_CHART = ["succeeded", "failed", "cancelled", "running", "queued"] as const;
type ChartStatus = (typeof STATUSES_IN_CHART)[number];
export type SeriesPoint = { start: Date } & Record<ChartStatus, number>;

export async function getDashboard(db: Db, workspaceId: string, input: ParsedRunFilter, now = new Date()) {
  // The dashboard always covers a window: the last 24 hours unless the filter names one.
  const filter: ParsedRunFilter = input.range || input.from ? input : { ...input, range: "24h" };
  const window = filterWindow(filter, now);
  const to = window.to ?? now;
  const from = window.from ?? new Date(to.getTime() - DAY * 1000);
  const seconds = bucketSecondsFor(to.getTime() - from.getTime());
  // Buckets align to whole units in UTC (hours, days) so that the bars of a shared link read the same everywhere.
  const origin = new Date(Math.floor(from.getTime() / (seconds * 1000)) * seconds * 1000);
  const query = { ...queryFilterOf(filter, now), from, to: window.to };

  // Over days, and narrowed by flow at most, counts come from the rollup of sealed 6-hour slots; filters the rollup
  // does not keep (status, trigger, error, business key) and short ranges read the Run table, with exact percentiles.
  const rolled =
    !filter.status && !filter.trigger && !filter.error && !filter.businessKey && seconds >= 6 * HOUR
      ? await rollupDashboard(db, workspaceId, { flowId: filter.flowId, from, to, now, bucket: { seconds, origin } })
      : null;
  const [exact, rows, failing, errors] = await Promise.all([
    rolled ? null : dashboard.dashboardTotals(db, workspaceId, query),
    rolled ? rolled.series : dashboard.dashboardSeries(db, workspaceId, query, { seconds, origin }),
    rolled ? topOf(db, rolled.flows) : dashboard.topFailingFlows(db, workspaceId, query, 5),
    rolled ? rolled.errors.slice(0, 8) : dashboard.topErrors(db, workspaceId, query, 8),
  ]);
  const totals = exact ?? totalsOf(rows, rolled);
  const failingFlows = failing;

  const points = new Map<number, SeriesPoint>();
  const pointAt = (start: number): SeriesPoint => {
    const existing = points.get(start);
    if (existing) return existing;
    const point: SeriesPoint = { start: new Date(start), succeeded: 0, failed: 0, cancelled: 0, running: 0, queued: 0 };
    points.set(start, point);
    return point;
  };
  // Every bucket of the range is present, empty ones as zeros, so the time axis has no gaps.
  for (let start = origin.getTime(); start < to.getTime(); start += seconds * 1000) pointAt(start);
  for (const row of rows) {
    const status = STATUSES_IN_CHART.find((known) => known === row.status);
    if (status) pointAt(row.bucket.getTime())[status] += row.count;
  }

  const finished = totals.succeeded + totals.failed;
  return {
    from,
    to,
    bucketSeconds: seconds,
    /** Percentiles from the rollup's histograms are within 5 %; otherwise exact (nearest rank). */
    approximatePercentiles: rolled !== null,
    totals: {
      ...totals,
      /** Failed among runs that succeeded or failed (cancelled and unfinished runs are neither). */
      failureRate: finished === 0 ? null : totals.failed / finished,
    },
    series: [...points.values()].sort((a, b) => a.start.getTime() - b.start.getTime()),
    failingFlows: failingFlows.map((flow) => ({
      ...flow,
      failureRate: flow.total === 0 ? 0 : flow.failed / flow.total,
    })),
    errors,
  };
}

function totalsOf(
  rows: { status: string; count: number }[],
  rolled: { p50: number | null; p95: number | null } | null,
): dashboard.DashboardTotals {
  const by = (status: string) => rows.filter((row) => row.status === status).reduce((sum, row) => sum + row.count, 0);
  const succeeded = by("succeeded");
  const failed = by("failed");
  const cancelled = by("cancelled");
  const active = by("queued") + by("running");
  return {
    total: succeeded + failed + cancelled + active,
    succeeded,
    failed,
    cancelled,
    active,
    p50: rolled?.p50 ?? null,
    p95: rolled?.p95 ?? null,
  };
}

/** The five flows with the most failed runs, named. */
async function topOf(db: Db, flows: Map<string, { failed: number; total: number }>) {
  const failing = [...flows.entries()].filter(([, counts]) => counts.failed > 0);
  const names = new Map(
    (
      await db.flow.findMany({ where: { id: { in: failing.map(([id]) => id) } }, select: { id: true, name: true } })
    ).map((flow) => [flow.id, flow.name]),
  );
  return failing
    .flatMap(([flowId, counts]) => {
      const flowName = names.get(flowId);
      return flowName === undefined ? [] : [{ flowId, flowName, ...counts }];
    })
    .sort((a, b) => b.failed - a.failed || a.flowName.localeCompare(b.flowName))
    .slice(0, 5);
}
