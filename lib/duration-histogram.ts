// Durations counted in logarithmic buckets, so that stored rollups can be merged and still give percentiles within
// 5 % (each bucket spans a factor of 1.1). Bucket 0 holds durations under 1 ms; bucket b >= 1 holds
// [1.1^(b-1), 1.1^b) ms. The SQL that fills them (server/db/run-rollup.repository.ts) uses the same formula.

export const HISTOGRAM_BASE = 1.1;
export const HISTOGRAM_MAX_BUCKET = 240;

export type Histogram = Map<number, number>;

export function bucketOf(ms: number): number {
  if (ms < 1) return 0;
  return Math.min(HISTOGRAM_MAX_BUCKET, Math.floor(Math.log(ms) / Math.log(HISTOGRAM_BASE)) + 1);
}

export function addInto(target: Histogram, bucket: number, count: number): void {
  target.set(bucket, (target.get(bucket) ?? 0) + count);
}

/**
 * The nearest-rank percentile `p` (0..1) of the counted durations, as the geometric middle of its bucket (rounded
 * to whole ms); null when nothing was counted.
 */
export function histogramPercentile(histogram: Histogram, p: number): number | null {
  const total = [...histogram.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket) ?? 0;
    if (seen >= rank) {
      if (bucket === 0) return 0;
      return Math.round(Math.pow(HISTOGRAM_BASE, bucket - 0.5));
    }
  }
  return null;
}
