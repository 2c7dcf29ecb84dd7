"use client";
// The steps of a run as a timeline: each step's card shows when it started (from the run's start), how long it took
// as a bar on the run's time axis, and its attempts with the waits between them; the steps a For each ran per item are folded under it, one
// group per item, so a loop over 500 order lines stays one line until opened.
import { ChevronRight } from "lucide-react";
import type { ReactNode } from "react";
import { formatDuration } from "@/lib/format";
import type { StepAttempt } from "@/lib/step-attempts";
import { StatusBadge } from "../ui/status-badge";
import { JsonView } from "./json-view";
import { StepAttemptsList } from "./step-attempts-list";
import { StepFiles, type StepFile } from "./step-files";

export interface TimelineStep {
  id: string;
  stepId: string;
  label: string | null;
  connectorId: string;
  operation: string;
  status: string;
  attempts: number;
  sequence: number;
  parentStepId: string | null;
  itemIndex: number | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  input: unknown;
  output: unknown;
  inputTruncated: boolean;
  outputTruncated: boolean;
  error: { code: string; message: string } | null;
  files?: StepFile[];
  /** One entry per attempt when the step ran more than once (retried, or resumed after its worker stopped). */
  attemptTimeline: StepAttempt[];
}

interface Axis {
  start: number;
  span: number;
}

const attemptColour: Record<StepAttempt["outcome"], string> = {
  failed: "bg-[#D55E00]",
  interrupted: "bg-slate-400",
  succeeded: "bg-[#0072B2]",
  running: "bg-[#0072B2]",
};
/** Waits between attempts: dashes, so they read as "nothing happening" without relying on colour. */
const waitPattern = "bg-[repeating-linear-gradient(90deg,#94a3b8_0_3px,transparent_3px_6px)]";

function Segment({ from, to, axis, className }: { from: number; to: number; axis: Axis; className: string }) {
  const left = Math.max(0, Math.min(100, ((from - axis.start) / axis.span) * 100));
  const width = Math.max(0.6, Math.min(100 - left, ((to - from) / axis.span) * 100));
  return <div className={`absolute h-2 rounded ${className}`} style={{ left: `${left}%`, width: `${width}%` }} />;
}

function TimeBar({ step, axis }: { step: TimelineStep; axis: Axis }) {
  const attempts = step.attemptTimeline;
  const begin = (attempts[0]?.startedAt ?? step.startedAt).getTime();
  const offset = begin - axis.start;
  const end = step.finishedAt?.getTime() ?? Date.now();
  return (
    <div className="flex items-center gap-3 text-xs text-slate-500" data-testid="step-timing">
      <span className="w-24 shrink-0 tabular-nums">+{formatDuration(Math.max(0, offset))}</span>
      <div className="relative h-2 flex-1 rounded bg-slate-100" aria-hidden>
        {attempts.length > 1 ? (
          attempts.map((attempt, index) => {
            const previousEnd = attempts[index - 1]?.endedAt?.getTime();
            const from = attempt.startedAt.getTime();
            return [
              previousEnd !== undefined && from > previousEnd && (
                <Segment
                  key={`wait-${attempt.attempt}`}
                  from={previousEnd}
                  to={from}
                  axis={axis}
                  className={waitPattern}
                />
              ),
              <Segment
                key={`attempt-${attempt.attempt}`}
                from={from}
                to={attempt.endedAt?.getTime() ?? end}
                axis={axis}
                className={attemptColour[attempt.outcome]}
              />,
            ];
          })
        ) : (
          <Segment
            from={begin}
            to={end}
            axis={axis}
            className={step.status === "failed" ? "bg-[#D55E00]" : "bg-[#0072B2]"}
          />
        )}
      </div>
      <span className="w-32 shrink-0 text-right tabular-nums">
        {formatDuration(step.durationMs)}
        {step.attempts > 1 ? ` · ${step.attempts} attempts` : ""}
      </span>
    </div>
  );
}

function StepCard(props: {
  runId: string;
  step: TimelineStep;
  axis: Axis;
  errorBox: (step: TimelineStep) => ReactNode;
  children?: ReactNode;
}) {
  const { step } = props;
  return (
    <li data-testid={`step-${step.stepId}`} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-col gap-2 border-b border-slate-100 px-4 py-3">
        <div className="flex items-center gap-3">
          <span className="grid h-6 w-6 place-items-center rounded-full bg-slate-100 text-xs font-medium text-slate-600">
            {step.sequence + 1}
          </span>
          <div className="min-w-0 flex-1">
            <p className="font-medium">{step.label ?? step.stepId}</p>
            <p className="font-mono text-xs text-slate-500">
              {step.stepId} · {step.connectorId}.{step.operation}
            </p>
          </div>
          <StatusBadge status={step.status} testId="step-status" />
        </div>
        <TimeBar step={step} axis={props.axis} />
        {step.attemptTimeline.length > 1 && (
          <StepAttemptsList attempts={step.attemptTimeline} runStart={props.axis.start} />
        )}
      </div>
      <div className="flex flex-col gap-3 p-4">
        {props.errorBox(step)}
        <div className="grid gap-4 lg:grid-cols-2">
          <JsonView label="Input" value={step.input} truncated={step.inputTruncated} testId="step-input" />
          <JsonView label="Output" value={step.output} truncated={step.outputTruncated} testId="step-output" />
        </div>
        <StepFiles runId={props.runId} files={step.files ?? []} />
        {props.children}
      </div>
    </li>
  );
}

export function RunTimeline(props: {
  runId: string;
  steps: TimelineStep[];
  runStart: Date;
  runEnd: Date | null;
  errorBox: (step: TimelineStep) => ReactNode;
}) {
  const start = props.runStart.getTime();
  const last = Math.max(
    props.runEnd?.getTime() ?? 0,
    ...props.steps.map((step) => (step.finishedAt ?? step.startedAt).getTime()),
  );
  const axis: Axis = { start, span: Math.max(1, last - start) };
  const children = new Map<string, TimelineStep[]>();
  for (const step of props.steps) {
    if (step.parentStepId === null) continue;
    children.set(step.parentStepId, [...(children.get(step.parentStepId) ?? []), step]);
  }
  const topLevel = props.steps.filter((step) => step.parentStepId === null);
  const render = (step: TimelineStep): ReactNode => {
    const inner = children.get(step.stepId) ?? [];
    const items = new Map<number, TimelineStep[]>();
    for (const child of inner) items.set(child.itemIndex ?? 0, [...(items.get(child.itemIndex ?? 0) ?? []), child]);
    return (
      <StepCard key={step.id} runId={props.runId} step={step} axis={axis} errorBox={props.errorBox}>
        {items.size > 0 && (
          <details className="group rounded-lg border border-slate-200" data-testid={`step-items-${step.stepId}`}>
            <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm text-slate-700">
              <ChevronRight size={14} aria-hidden className="transition-transform group-open:rotate-90" />
              {items.size} item{items.size === 1 ? "" : "s"} · {inner.length} step run{inner.length === 1 ? "" : "s"}
              {inner.some((child) => child.status === "failed") && (
                <span className="text-[#B34700]">
                  · {inner.filter((child) => child.status === "failed").length} failed
                </span>
              )}
            </summary>
            <div className="flex flex-col gap-3 border-t border-slate-100 p-3">
              {[...items.entries()].map(([index, itemSteps]) => (
                <section key={index} aria-label={`Item ${index + 1}`}>
                  <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500">Item {index + 1}</h3>
                  <ol className="flex flex-col gap-3">{itemSteps.map(render)}</ol>
                </section>
              ))}
            </div>
          </details>
        )}
      </StepCard>
    );
  };
  return <ol className="flex flex-col gap-4">{topLevel.map(render)}</ol>;
}
