// Scheduler: a run every N seconds, or at the times of a cron expression in a chosen time zone. The runtime's ticker
// creates the runs; this file owns what a valid schedule is and when it next fires.
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { defineTrigger, field } from "../../sdk";

export const MIN_INTERVAL_SECONDS = 10;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Why a cron expression is unusable, or undefined when it is fine. Seconds are refused: minutes are fine enough. */
function cronProblem(expression: string, timezone: string): string | undefined {
  const text = expression.trim();
  if (text === "@secondly" || (!text.startsWith("@") && text.split(/\s+/).length !== 5)) {
    return "use five fields: minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5";
  }
  try {
    CronExpressionParser.parse(text, { tz: timezone }).next();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const scheduleInput = z
  .object({
    mode: z
      .enum(["interval", "cron"])
      .default("interval")
      .meta(field({ title: "Repeat", order: 1, enumLabels: { interval: "Every N seconds", cron: "Cron expression" } })),
    intervalSeconds: z
      .number()
      .int()
      .min(MIN_INTERVAL_SECONDS)
      .max(31 * 24 * 3600)
      .default(300)
      .meta(
        field({
          title: "Every (seconds)",
          description: `How long between runs; at least ${MIN_INTERVAL_SECONDS} seconds.`,
          visibleWhen: { field: "mode", equals: "interval" },
          order: 2,
        }),
      ),
    cron: z
      .string()
      .max(200)
      .optional()
      .meta(
        field({
          title: "Cron expression",
          description: "minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5 for 9:00 on weekdays.",
          placeholder: "0 9 * * 1-5",
          widget: "cron",
          visibleWhen: { field: "mode", equals: "cron" },
          order: 3,
        }),
      ),
    timezone: z
      .string()
      .default("UTC")
      .refine(isTimeZone, "is not a known time zone (use an IANA name such as Europe/Berlin)")
      .meta(
        field({ title: "Time zone", widget: "timezone", visibleWhen: { field: "mode", equals: "cron" }, order: 4 }),
      ),
  })
  .superRefine((value, ctx) => {
    if (value.mode !== "cron") return;
    if (!value.cron?.trim()) {
      ctx.addIssue({ code: "custom", path: ["cron"], message: "is required when Repeat is a cron expression" });
      return;
    }
    const problem = isTimeZone(value.timezone) ? cronProblem(value.cron, value.timezone) : undefined;
    if (problem) ctx.addIssue({ code: "custom", path: ["cron"], message: `is not valid: ${problem}` });
  });

export type ScheduleConfig = z.output<typeof scheduleInput>;

export const scheduleTrigger = defineTrigger({
  key: "schedule",
  kind: "schedule",
  label: "Scheduler",
  description: "Starts the flow at regular intervals or at the times of a cron expression.",
  group: "Toolbox",
  input: scheduleInput,
  output: z.object({
    scheduledAt: z.string().meta({ title: "Scheduled time", description: "When the run was due (ISO 8601)." }),
    firedAt: z.string().meta({ title: "Fired at", description: "When the run was created (ISO 8601)." }),
  }),
  sample: { scheduledAt: "2026-01-05T09:00:00.000Z", firedAt: "2026-01-05T09:00:00.412Z" },
});

/**
 * The first due time strictly after `after`. For intervals the cadence is kept from `previous` when given, so a run
 * that fires late does not shift every later one; missed slots are skipped rather than replayed in a burst.
 */
export function nextScheduleTime(config: ScheduleConfig, after: Date, previous?: Date): Date {
  if (config.mode === "interval") {
    const step = config.intervalSeconds * 1000;
    if (previous) {
      const next = previous.getTime() + step;
      if (next > after.getTime()) return new Date(next);
    }
    return new Date(after.getTime() + step);
  }
  const expression = CronExpressionParser.parse((config.cron ?? "").trim(), {
    currentDate: after,
    tz: config.timezone,
  });
  return expression.next().toDate();
}
