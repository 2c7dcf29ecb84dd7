// The runs dashboard: counts, failure rate, duration percentiles, runs over time by status, the flows that fail most
// and the most frequent errors, for a time range and the list's other filters.
import { filterWindow, type ParsedRunFilter } from "@/lib/run-filters";
import type { DbOrTx } from "../db/client";
import * as dashboard from "../db/run-dashboard.repository";
import { queryFilterOf } from "./runs-history.service";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Bucket sizes that read well on a time axis; the smallest that keeps the chart under about 60 bars is used.
const BUCKETS = [5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY];
const MAX_BARS = 60;

export function bucketSecondsFor(spanMs: number): number {
  const spanSeconds = spanMs / 1000;
  return BUCKETS.find((seconds) => spanSeconds / seconds <= MAX_BARS) ?? BUCKETS[BUCKETS.length - 1]!;
}

export const STATUSES_IN_CHART = ["succeeded", "failed", "cancelled", "running", "queued"] as const;
type ChartStatus = (typeof STATUSES_IN_CHART)[number];
export type SeriesPoint = { start: Date } & Record<ChartStatus, number>;

export async function getDashboard(db: DbOrTx, workspaceId: string, input: ParsedRunFilter, now = new Date()) {
  // The dashboard always covers a window: the last 24 hours unless the filter names one.
  const filter: ParsedRunFilter = input.range || input.from ? input : { ...input, range: "24h" };
  const window = filterWindow(filter, now);
  const to = window.to ?? now;
  const from = window.from ?? new Date(to.getTime() - DAY * 1000);
  const seconds = bucketSecondsFor(to.getTime() - from.getTime());
  // Buckets align to whole units in UTC (hours, days) so that the bars of a shared link read the same everywhere.
  const origin = new Date(Math.floor(from.getTime() / (seconds * 1000)) * seconds * 1000);
  const query = { ...queryFilterOf(filter, now), from, to: window.to };

  const [totals, rows, failingFlows, errors] = await Promise.all([
    dashboard.dashboardTotals(db, workspaceId, query),
    dashboard.dashboardSeries(db, workspaceId, query, { seconds, origin }),
    dashboard.topFailingFlows(db, workspaceId, query, 5),
    dashboard.topErrors(db, workspaceId, query, 8),
  ]);

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
