// A step's attempts as the run page shows them, read from the step's attempt log (StepRun.attemptLog): the events
// the runtime appends when an attempt fails and is tried again, when the next attempt starts, and when a step in
// flight starts again on another delivery (its worker stopped). Steps that ran once have no log.
import { z } from "zod";

const attemptEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("start"), attempt: z.number().int(), at: z.string() }),
  z.object({ kind: z.literal("resume"), attempt: z.number().int(), at: z.string() }),
  z.object({
    kind: z.literal("retry"),
    attempt: z.number().int(),
    at: z.string(),
    code: z.string(),
    message: z.string(),
    /** The wait the runtime chose before the next attempt (backoff or Retry-After). */
    waitMs: z.number(),
  }),
]);
export type AttemptEvent = z.infer<typeof attemptEventSchema>;

export interface StepAttempt {
  attempt: number;
  startedAt: Date;
  /** When it ended: when it failed, or when the step finished; null while it runs. */
  endedAt: Date | null;
  /** How long the runtime chose to wait before this attempt; null for the first and for a resumed one. */
  waitBeforeMs: number | null;
  /** Started again on another delivery after its worker stopped, not retried after an error. */
  resumed: boolean;
  /** "interrupted": its worker stopped before it ended, and a later attempt took over. */
  outcome: "running" | "succeeded" | "failed" | "interrupted";
  error: { code: string; message: string } | null;
}

interface StepTimes {
  finishedAt: Date | null;
  attemptLog: unknown;
  /** The step's final error, which is the last attempt's. */
  error: { code: string; message: string } | null;
}

/** The step's attempts in order; empty when it has no log (it ran once, or before attempts were logged). */
export function stepAttempts(step: StepTimes): StepAttempt[] {
  const parsed = z.array(z.unknown()).safeParse(step.attemptLog);
  if (!parsed.success) return [];
  const events = parsed.data.flatMap((raw) => {
    const event = attemptEventSchema.safeParse(raw);
    return event.success ? [event.data] : [];
  });
  const attempts: StepAttempt[] = [];
  let pendingWait: number | null = null;
  for (const event of events) {
    const at = new Date(event.at);
    if (event.kind === "retry") {
      const current = attempts.at(-1);
      if (current?.attempt === event.attempt) {
        current.endedAt = at;
        current.outcome = "failed";
        current.error = { code: event.code, message: event.message };
      }
      pendingWait = event.waitMs;
      continue;
    }
    const previous = attempts.at(-1);
    // An attempt cut short by a stopped worker ended when the next one started, as far as anyone can tell.
    if (previous && previous.endedAt === null) {
      previous.endedAt = at;
      previous.outcome = "interrupted";
    }
    attempts.push({
      attempt: event.attempt,
      startedAt: at,
      endedAt: null,
      waitBeforeMs: event.kind === "start" ? pendingWait : null,
      resumed: event.kind === "resume",
      outcome: "running",
      error: null,
    });
    pendingWait = null;
  }
  const last = attempts.at(-1);
  if (last && last.endedAt === null && step.finishedAt) {
    last.endedAt = step.finishedAt;
    last.error = step.error;
    last.outcome = step.error ? "failed" : "succeeded";
  }
  return attempts;
}
