// Helpers for polling triggers: the interval field every one of them offers, and telling a polling trigger apart
// from the other kinds where the registry holds them all as AnyTrigger.
import { z } from "zod";
import { field } from "./fields";
import type { AnyPollingTrigger, AnyTrigger } from "./types";

/** Polling more often than this burdens the source system for little gain; App Connect's floor is similar. */
export const MIN_POLL_INTERVAL_SECONDS = 10;
export const MAX_POLL_INTERVAL_SECONDS = 24 * 3600;

/** The `intervalSeconds` input field of a polling trigger, defaulting to the trigger's own interval. */
export function pollIntervalField(defaultSeconds: number) {
  return z
    .number()
    .int()
    .min(MIN_POLL_INTERVAL_SECONDS)
    .max(MAX_POLL_INTERVAL_SECONDS)
    .default(defaultSeconds)
    .meta(
      field({
        title: "Check every (seconds)",
        description: `How often to look for new items; at least ${MIN_POLL_INTERVAL_SECONDS} seconds.`,
        order: 90,
      }),
    );
}

export function isPollingTrigger(trigger: AnyTrigger): trigger is AnyPollingTrigger {
  return (
    trigger.kind === "poll" &&
    "poll" in trigger &&
    typeof trigger.poll === "function" &&
    "intervalSeconds" in trigger &&
    typeof trigger.intervalSeconds === "number"
  );
}

const configuredInterval = z.object({ intervalSeconds: z.number().int().min(MIN_POLL_INTERVAL_SECONDS) });

/** The interval a node's parsed input asks for, or the trigger's default when it names none. */
export function pollIntervalSeconds(trigger: AnyPollingTrigger, parsedInput: unknown): number {
  const configured = configuredInterval.safeParse(parsedInput);
  return configured.success
    ? configured.data.intervalSeconds
    : Math.max(MIN_POLL_INTERVAL_SECONDS, trigger.intervalSeconds);
}
