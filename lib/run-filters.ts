// What narrows the run history: one shape for the URL of /runs, the tRPC inputs of the list, dashboard, bulk
// actions and CSV export, so a filter the user sees is exactly the filter the server applies.
import { z } from "zod";

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatusValue = z.infer<typeof runStatusSchema>;

export const TRIGGER_KINDS = ["manual", "schedule", "poll", "webhook", "flowFailed"] as const;
export const triggerLabels: Record<string, string> = {
  manual: "Run now",
  schedule: "Schedule",
  poll: "New event",
  webhook: "Webhook",
  flowFailed: "Flow failed",
};

/** Relative ranges are worked out when a query runs, so a shared link always means "the last 24 hours". */
export const TIME_RANGES = ["1h", "24h", "7d", "30d", "custom"] as const;
export type TimeRange = (typeof TIME_RANGES)[number];
export const timeRangeLabels: Record<TimeRange, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom",
};
const rangeMs: Record<Exclude<TimeRange, "custom">, number> = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
};

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === "" ? undefined : value))
    .optional();

export const runFilterSchema = z.object({
  flowId: text(100),
  status: runStatusSchema.optional(),
  trigger: text(40),
  range: z.enum(TIME_RANGES).optional(),
  /** For a custom range: ISO times; either end may be open. */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** Part of the error's message or its code, any case. */
  error: text(200),
  /** The whole business key, as the flow computed it (e.g. an order number). */
  businessKey: text(200),
});
export type RunFilter = z.input<typeof runFilterSchema>;
export type ParsedRunFilter = z.output<typeof runFilterSchema>;

/** The time window a filter means at `now`: [from, to), either end open. */
export function filterWindow(filter: ParsedRunFilter, now = new Date()): { from?: Date; to?: Date } {
  if (!filter.range) return { from: filter.from, to: filter.to };
  if (filter.range === "custom") return { from: filter.from, to: filter.to };
  return { from: new Date(now.getTime() - rangeMs[filter.range]) };
}

export const runSortSchema = z.enum(["started", "duration"]);
export type RunSort = z.infer<typeof runSortSchema>;

const FILTER_KEYS = ["flowId", "status", "trigger", "range", "from", "to", "error", "businessKey"] as const;

/** Reads a filter from URL search params; anything malformed is dropped rather than breaking the page. */
export function filterFromSearchParams(params: URLSearchParams): ParsedRunFilter {
  const filter: ParsedRunFilter = {};
  for (const key of FILTER_KEYS) {
    const raw = params.get(key);
    if (raw === null || raw === "") continue;
    const parsed = runFilterSchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) Object.assign(filter, { [key]: parsed.data });
  }
  return filter;
}

/** Writes a filter into URL search params (keeping other params), leaving out what is not set. */
export function filterToSearchParams(filter: ParsedRunFilter, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value === undefined) params.delete(key);
    else params.set(key, value instanceof Date ? value.toISOString() : value);
  }
  return params;
}
