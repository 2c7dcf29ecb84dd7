"use client";
// A step's attempts under its time bar, when it ran more than once: when each started (from the run's start), how
// long it took and how it ended, and how long the runtime waited before trying again (backoff or Retry-After).
import type { StepAttempt } from "@/lib/step-attempts";
import { formatDuration } from "@/lib/format";

export function StepAttemptsList({ attempts, runStart }: { attempts: readonly StepAttempt[]; runStart: number }) {
  return (
    <ol className="flex flex-col gap-1 text-xs text-slate-600" data-testid="step-attempts" aria-label="Attempts">
      {attempts.map((attempt) => {
        const took = attempt.endedAt ? attempt.endedAt.getTime() - attempt.startedAt.getTime() : null;
        return (
          <li key={attempt.attempt} className="flex flex-col gap-0.5">
            {attempt.waitBeforeMs !== null && (
              <span className="flex items-center gap-2 pl-4 text-slate-500" data-testid="attempt-wait">
                <span aria-hidden className="inline-block h-0 w-4 border-t-2 border-dashed border-slate-400" />
                waited {formatDuration(attempt.waitBeforeMs)} before trying again
              </span>
            )}
            <span className="flex flex-wrap items-baseline gap-x-2" data-testid="step-attempt">
              <span className="font-medium text-slate-700">Attempt {attempt.attempt}</span>
              <span className="tabular-nums">
                +{formatDuration(Math.max(0, attempt.startedAt.getTime() - runStart))}
              </span>
              <span className="tabular-nums">{took === null ? "running" : `took ${formatDuration(took)}`}</span>
              {attempt.resumed && <span className="text-slate-500">(started again after its worker stopped)</span>}
              {attempt.outcome === "succeeded" && <span className="text-[#0072B2]">succeeded</span>}
              {attempt.outcome === "interrupted" && <span className="text-slate-500">cut short</span>}
              {attempt.error && (
                <span className="min-w-0 break-words text-[#B34700]">
                  {attempt.error.code}: {attempt.error.message}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
