// The dashboard over days and weeks: sealed 6-hour slots come from the rollup (server/db/run-rollup.repository.ts),
// the rest of the range (its ragged ends, slots still open or busy, slots older than the shortest retention) from
// the Run table, and the two are added up. Percentiles come from merged duration histograms, so they are within 5 %.
import { addInto, histogramPercentile, type Histogram } from "@/lib/duration-histogram";
import type { Db } from "../db/client";
import { dashboardSeries, topErrors } from "../db/run-dashboard.repository";
import type { RunQueryFilter } from "../db/run-history.repository";
import * as rollup from "../db/run-rollup.repository";
import { defaultRetentionDays } from "../runtime/retention";

const DAY_MS = 86_400_000;
/** Error groups kept per sealed range; the top few of the merge are shown. */
const ERROR_GROUPS = 200;

// What sealed slots hold never changes, so a process keeps what it read of a sealed range for a while: a dashboard
// refreshed every 15 s (by many people) reads the rollup once, and the Run table only for the range's open ends.
// Five minutes bounds how long a deleted flow's runs still count.
const SEALED_TTL_MS = 5 * 60_000;
const MAX_CACHED = 200;
type SealedPart = Awaited<ReturnType<typeof readSealed>>;
const sealedCache = new Map<string, { at: number; value: Promise<SealedPart> }>();

type SealedRange = { from: Date; to: Date; flowId?: string; windows: { from: Date; to: Date }[] };

function readSealed(db: Db, workspaceId: string, range: SealedRange) {
  return Promise.all([
    // Rollup rows exist for sealed slots only, so the span's unsealed slots add nothing here.
    rollup.rollupCounts(db, workspaceId, range),
    rollup.rollupHistogram(db, workspaceId, range),
    // Errors are not rolled up: read once per sealed span from the Run table (its sealed slots only), then cached.
    topErrors(db, workspaceId, { flowId: range.flowId, windows: range.windows }, ERROR_GROUPS),
  ]);
}

function cachedSealed(db: Db, workspaceId: string, range: SealedRange, now: number) {
  const windows = range.windows.map((w) => `${w.from.getTime()}-${w.to.getTime()}`).join(",");
  const key = [workspaceId, range.flowId ?? "", windows].join("|");
  const hit = sealedCache.get(key);
  if (hit && now - hit.at < SEALED_TTL_MS) return hit.value;
  if (sealedCache.size >= MAX_CACHED) sealedCache.clear();
  const value = readSealed(db, workspaceId, range);
  sealedCache.set(key, { at: now, value });
  value.catch(() => sealedCache.delete(key));
  return value;
}

export interface RollupRange {
  flowId?: string;
  from: Date;
  to: Date;
  now: Date;
  bucket: { seconds: number; origin: Date };
}

const floorSlot = (ms: number) => Math.floor(ms / rollup.SLOT_MS) * rollup.SLOT_MS;
const ceilSlot = (ms: number) => Math.ceil(ms / rollup.SLOT_MS) * rollup.SLOT_MS;

/** The slots of [from, to) a rollup may serve: whole, sealable, and younger than the shortest retention. */
async function servableSlots(db: Db, workspaceId: string, range: RollupRange) {
  const retention = await rollup.shortestRetentionDays(db, workspaceId, defaultRetentionDays());
  const floor = range.now.getTime() - (retention - 1) * DAY_MS;
  const start = ceilSlot(Math.max(range.from.getTime(), floor));
  const end = floorSlot(Math.min(range.to.getTime(), range.now.getTime() - rollup.SEAL_AFTER_MS));
  const slots: Date[] = [];
  for (let slot = start; slot + rollup.SLOT_MS <= end; slot += rollup.SLOT_MS) slots.push(new Date(slot));
  return slots;
}

export async function rollupDashboard(db: Db, workspaceId: string, range: RollupRange) {
  const candidates = await servableSlots(db, workspaceId, range);
  await rollup.sealSlots(db, workspaceId, candidates);
  const sealed = candidates.length
    ? await rollup.sealedSlots(db, workspaceId, candidates[0]!, new Date(candidates.at(-1)!.getTime() + rollup.SLOT_MS))
    : [];
  // The rest of the range, as windows between the sealed slots.
  const windows: { from: Date; to: Date }[] = [];
  let cursor = range.from.getTime();
  for (const slot of sealed) {
    if (slot.getTime() > cursor) windows.push({ from: new Date(cursor), to: slot });
    cursor = slot.getTime() + rollup.SLOT_MS;
  }
  if (cursor < range.to.getTime()) windows.push({ from: new Date(cursor), to: range.to });
  const raw: RunQueryFilter = { flowId: range.flowId, windows };
  // The sealed slots as contiguous spans.
  const sealedWindows: { from: Date; to: Date }[] = [];
  for (const slot of sealed) {
    const last = sealedWindows.at(-1);
    if (last && last.to.getTime() === slot.getTime()) last.to = new Date(slot.getTime() + rollup.SLOT_MS);
    else sealedWindows.push({ from: slot, to: new Date(slot.getTime() + rollup.SLOT_MS) });
  }
  const sealedRange: SealedRange | null = sealed.length
    ? {
        from: sealed[0]!,
        to: new Date(sealed.at(-1)!.getTime() + rollup.SLOT_MS),
        flowId: range.flowId,
        windows: sealedWindows,
      }
    : null;

  const [rawSeries, rawFlows, rawHist, rawErrors, [counts, hist, sealedErrors]] = await Promise.all([
    dashboardSeries(db, workspaceId, raw, range.bucket),
    rollup.rawFlowCounts(db, workspaceId, raw),
    rollup.rawHistogram(db, workspaceId, raw),
    topErrors(db, workspaceId, raw, ERROR_GROUPS),
    sealedRange
      ? cachedSealed(db, workspaceId, sealedRange, range.now.getTime())
      : Promise.resolve([[], [], []] satisfies SealedPart),
  ]);

  const bucketMs = range.bucket.seconds * 1000;
  const origin = range.bucket.origin.getTime();
  const series = [...rawSeries];
  const flows = new Map<string, { failed: number; total: number }>();
  for (const row of rawFlows) flows.set(row.flowId, { failed: row.failed, total: row.total });
  for (const row of counts) {
    const bucket = new Date(origin + Math.floor((row.slot.getTime() - origin) / bucketMs) * bucketMs);
    for (const status of ["succeeded", "failed", "cancelled"] as const) {
      if (row[status] > 0) series.push({ bucket, status, count: row[status] });
    }
    const flow = flows.get(row.flowId) ?? { failed: 0, total: 0 };
    flow.failed += row.failed;
    flow.total += row.succeeded + row.failed + row.cancelled;
    flows.set(row.flowId, flow);
  }
  const histogram: Histogram = new Map();
  for (const row of [...rawHist, ...hist]) addInto(histogram, row.b, row.c);
  const errors = new Map<string, (typeof rawErrors)[number]>();
  for (const group of [...sealedErrors, ...rawErrors]) {
    const key = JSON.stringify([group.code, group.message]);
    const seen = errors.get(key);
    errors.set(
      key,
      seen
        ? {
            ...seen,
            count: seen.count + group.count,
            lastSeen: seen.lastSeen > group.lastSeen ? seen.lastSeen : group.lastSeen,
          }
        : group,
    );
  }
  return {
    series,
    flows,
    errors: [...errors.values()].sort((a, b) => b.count - a.count || b.lastSeen.getTime() - a.lastSeen.getTime()),
    p50: histogramPercentile(histogram, 0.5),
    p95: histogramPercentile(histogram, 0.95),
  };
}
