// A flow's alert rule (Flow settings): start the "When a flow fails" flows once when this many runs fail within this
// many minutes. One schema for the settings form and the server, so both refuse the same values in the same words.
import { z } from "zod";

export const MAX_ALERT_FAILURES = 1000;
/** Processed failures are remembered for a day, so no window can be longer. */
export const MAX_ALERT_WINDOW_MINUTES = 1440;

export const alertRuleSchema = z.object({
  failures: z
    .number({ error: "Enter a number of failed runs" })
    .int("Enter a whole number of failed runs")
    .min(1, "At least 1 failed run")
    .max(MAX_ALERT_FAILURES, `At most ${MAX_ALERT_FAILURES} failed runs`),
  withinMinutes: z
    .number({ error: "Enter a number of minutes" })
    .int("Enter a whole number of minutes")
    .min(1, "At least 1 minute")
    .max(MAX_ALERT_WINDOW_MINUTES, `At most ${MAX_ALERT_WINDOW_MINUTES} minutes (a day)`),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;
