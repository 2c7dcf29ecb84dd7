"use client";
import { useQuery } from "@tanstack/react-query";
import { AlertCircle, ArrowLeft } from "lucide-react";
import Link from "next/link";
import { formatDateTime, formatDuration } from "@/lib/format";
import { useTRPC } from "../trpc";
import { errorMessage } from "../ui/error-message";
import { StatusBadge } from "../ui/status-badge";
import { ReplayList, ReplayOfLink } from "./replay-links";
import { RunActions } from "./run-actions";
import { RunTimeline } from "./run-timeline";

const unfinished = new Set(["queued", "running"]);

function ErrorBox({ error, testId }: { error: { code: string; message: string } | null; testId: string }) {
  if (!error) return null;
  return (
    <div
      data-testid={testId}
      role="alert"
      className="flex gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800"
    >
      <AlertCircle size={16} aria-hidden className="mt-0.5 shrink-0" />
      <div>
        <p className="font-medium">{error.message}</p>
        <p className="mt-0.5 font-mono text-xs text-red-600">{error.code}</p>
      </div>
    </div>
  );
}

export function RunDetail({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const result = useQuery(
    trpc.runs.get.queryOptions(
      { id: runId },
      // Poll only while the run can still change.
      { refetchInterval: (query) => (query.state.data && !unfinished.has(query.state.data.run.status) ? false : 1000) },
    ),
  );

  if (result.isError) return <p className="p-8 text-red-600">Could not load this run: {errorMessage(result.error)}</p>;
  if (!result.data) return <p className="p-8 text-sm text-slate-500">Loading the run…</p>;
  const { run, steps } = result.data;

  return (
    <>
      <header className="border-b border-slate-200 bg-white px-8 py-6">
        <Link href="/runs" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-900">
          <ArrowLeft size={14} aria-hidden /> All runs
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{run.flowName}</h1>
          <StatusBadge status={run.status} testId="run-status" />
          <div className="ml-auto">
            <RunActions run={run} />
          </div>
        </div>
        <dl className="mt-3 flex flex-wrap gap-x-8 gap-y-1 text-sm text-slate-600">
          <div>
            <dt className="inline text-slate-400">Run </dt>
            <dd className="inline font-mono text-xs">{run.id}</dd>
          </div>
          <div>
            <dt className="inline text-slate-400">Version </dt>
            <dd className="inline">
              <Link href={`/flows/${run.flowId}`} className="hover:underline">
                {run.isTest ? "Test of the draft" : `v${run.flowVersionNumber}`}
              </Link>
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-400">Started </dt>
            <dd className="inline">{formatDateTime(run.startedAt ?? run.createdAt)}</dd>
          </div>
          <div>
            <dt className="inline text-slate-400">Duration </dt>
            <dd className="inline tabular-nums">{formatDuration(run.durationMs)}</dd>
          </div>
          {run.businessKey && (
            <div>
              <dt className="inline text-slate-400">Business key </dt>
              <dd className="inline font-mono text-xs" data-testid="run-business-key">
                <Link href={`/runs?businessKey=${encodeURIComponent(run.businessKey)}`} className="hover:underline">
                  {run.businessKey}
                </Link>
              </dd>
            </div>
          )}
          {run.startedBy && (
            <div>
              <dt className="inline text-slate-400">{run.replayOfRunId ? "Replayed by " : "Started by "}</dt>
              <dd className="inline" data-testid="run-started-by">
                {run.startedBy}
              </dd>
            </div>
          )}
          {run.cancelledBy && (
            <div>
              <dt className="inline text-slate-400">Cancelled by </dt>
              <dd className="inline" data-testid="run-cancelled-by">
                {run.cancelledBy}
              </dd>
            </div>
          )}
          <ReplayOfLink replayOfRunId={run.replayOfRunId} original={run.replayOf} />
        </dl>
      </header>
      <section className="flex flex-col gap-4 p-8">
        <ErrorBox error={run.error} testId="run-error" />
        <ReplayList replays={run.replays} />
        {steps.length === 0 && <p className="text-sm text-slate-500">No step has started yet.</p>}
        <RunTimeline
          runId={run.id}
          steps={steps}
          runStart={run.startedAt ?? run.createdAt}
          runEnd={run.finishedAt}
          errorBox={(step) => <ErrorBox error={step.error} testId="step-error" />}
        />
      </section>
    </>
  );
}
