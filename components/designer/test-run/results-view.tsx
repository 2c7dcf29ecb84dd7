"use client";
// The latest test run as the designer shows it: a banner over the canvas with the run's state, and the "Last test"
// section of the selected step's panel with its output or error and "Pin as sample".
import { ArrowDown, FlaskConical, Pin, PinOff, X } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import type { FlowNode } from "@/lib/flow-graph";
import { JsonView } from "../../runs/json-view";
import { Button } from "../../ui/button";
import { StatusBadge } from "../../ui/status-badge";
import {
  useDesignerActions,
  useLatestTestRun,
  useTestRunId,
  useTestRunStatus,
  useTestStepResult,
} from "../store/hooks";
import { pinProblem, pinSample, unfinishedRunStatuses } from "./run-results";

const bannerText: Record<string, string> = {
  queued: "Test queued…",
  running: "Testing the draft…",
  succeeded: "Test succeeded",
  failed: "Test failed",
  cancelled: "Test cancelled",
};

export function TestRunBanner() {
  const { runId, runStatus, runError } = useLatestTestRun();
  const { dismissTestRun: dismiss } = useDesignerActions();
  if (!runId || !runStatus) return null;
  return (
    <div
      role="status"
      data-testid="test-run-banner"
      data-status={runStatus}
      className="absolute left-3 top-3 z-10 flex max-w-md items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm shadow-sm"
    >
      <FlaskConical size={15} aria-hidden className="shrink-0 text-brand-600" />
      <span className="shrink-0 whitespace-nowrap font-medium text-slate-800">
        {bannerText[runStatus] ?? runStatus}
      </span>
      {runStatus === "failed" && runError && (
        <span className="min-w-0 truncate text-red-600" title={runError} data-testid="test-run-error">
          {runError}
        </span>
      )}
      {!unfinishedRunStatuses.has(runStatus) && (
        <Link href={`/runs/${runId}`} data-testid="test-run-link" className="shrink-0 text-xs text-brand-700 underline">
          Details
        </Link>
      )}
      <Button
        variant="ghost"
        className="!px-1.5 !py-1"
        aria-label="Hide test results"
        data-testid="test-run-dismiss"
        onClick={dismiss}
      >
        <X size={14} aria-hidden />
      </Button>
    </div>
  );
}

/** The node's pinned sample; its JSON is left out when it is the output shown just above. */
function PinnedSample({ node, sameAsOutput }: { node: FlowNode; sameAsOutput: boolean }) {
  const { edit } = useDesignerActions();
  if (node.sample === undefined) return null;
  return (
    <div className="flex flex-col gap-2" data-testid="pinned-sample">
      {sameAsOutput ? (
        <p className="text-xs text-slate-500">
          This output is pinned: the mapping preview uses it even after later tests.
        </p>
      ) : (
        <JsonView value={node.sample} testId="pinned-sample-json" label="Pinned sample" />
      )}
      <Button
        data-testid="unpin-sample-button"
        className="self-start"
        onClick={() => edit((graph) => pinSample(graph, node.id, undefined))}
      >
        <PinOff size={14} aria-hidden /> Unpin sample
      </Button>
    </div>
  );
}

/**
 * A line at the top of the panel with the step's status in the latest test, because the full "Last test" section sits
 * below the fields, out of sight on a laptop; its button scrolls there.
 */
export function TestResultSummary({ node }: { node: FlowNode }) {
  const runId = useTestRunId();
  const result = useTestStepResult(node.id);
  if (!runId) return null;
  return (
    <div
      data-testid="test-summary"
      className="flex items-center gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700"
    >
      <FlaskConical size={14} aria-hidden className="shrink-0 text-brand-600" />
      <span>Last test:</span>
      {result ? <StatusBadge status={result.status} /> : <span className="text-slate-500">did not run</span>}
      <Button
        variant="ghost"
        className="ml-auto !px-2 !py-1 text-xs"
        data-testid="show-test-result"
        onClick={() => {
          const section = document.getElementById("last-test-title")?.closest("section");
          section?.scrollIntoView({ behavior: "smooth", block: "start" });
          section?.focus({ preventScroll: true });
        }}
      >
        <ArrowDown size={13} aria-hidden /> Show result
      </Button>
    </div>
  );
}

export function TestResultsSection({ node }: { node: FlowNode }) {
  const { edit } = useDesignerActions();
  const runId = useTestRunId();
  const runStatus = useTestRunStatus();
  const whole = useTestStepResult(node.id);
  // Inside a For each the step ran once per item: the picker chooses whose result is shown (the first by default).
  const [itemIndex, setItemIndex] = useState(0);
  const items = whole?.items;
  const result = items ? (items[Math.min(itemIndex, items.length - 1)] ?? whole) : whole;
  if (!runId && node.sample === undefined) return null;
  const problem = result ? pinProblem(result.output, result.outputTruncated) : null;
  const pinned =
    result?.status === "succeeded" &&
    node.sample !== undefined &&
    JSON.stringify(node.sample) === JSON.stringify(result.output);

  return (
    <section
      aria-labelledby="last-test-title"
      data-testid="test-results"
      tabIndex={-1}
      className="flex scroll-mt-4 flex-col gap-3 border-t border-slate-200 pt-4"
    >
      <h3 id="last-test-title" className="flex items-center gap-2 text-sm font-semibold text-slate-800">
        <FlaskConical size={15} aria-hidden className="text-brand-600" /> Last test
        {result && <StatusBadge status={result.status} testId="test-step-status" />}
        {result && result.durationMs !== null && (
          <span className="text-xs font-normal text-slate-500">{result.durationMs} ms</span>
        )}
      </h3>
      {items && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <span>Item</span>
          <select
            data-testid="test-item-picker"
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={Math.min(itemIndex, items.length - 1)}
            onChange={(event) => setItemIndex(Number(event.target.value))}
          >
            {items.map((item, index) => (
              <option key={index} value={index}>
                {index + 1} of {items.length}
                {item.status === "failed" ? " (failed)" : item.status === "skipped" ? " (skipped)" : ""}
              </option>
            ))}
          </select>
          <span className="text-xs text-slate-500">The step ran once per item of the For each.</span>
        </label>
      )}
      {runId && !result && (
        <p className="text-sm text-slate-500" data-testid="test-step-not-run">
          {runStatus && unfinishedRunStatuses.has(runStatus)
            ? "Not reached yet."
            : "This step did not run in the last test."}
        </p>
      )}
      {result?.status === "skipped" && (
        <p className="text-sm text-slate-500" data-testid="test-step-skipped">
          Skipped: the test took another path, so this step did not run.
        </p>
      )}
      {result?.error && (
        <div role="alert" data-testid="test-step-error" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">{result.error.message}</p>
          <p className="mt-0.5 font-mono text-xs text-red-600">{result.error.code}</p>
        </div>
      )}
      {result && result.status !== "skipped" && result.output !== null && (
        <JsonView value={result.output} testId="test-step-output" label="Output" truncated={result.outputTruncated} />
      )}
      {result?.status === "succeeded" && (
        <div className="flex flex-col gap-1">
          <Button
            data-testid="pin-sample-button"
            className="self-start"
            disabled={problem !== null || pinned}
            title={problem ?? "Keep this output as the step's sample data for mapping, even after later tests"}
            onClick={() => {
              edit((graph) => pinSample(graph, node.id, result.output));
              toast.success("Pinned as sample data.");
            }}
          >
            <Pin size={14} aria-hidden /> {pinned ? "Pinned as sample" : "Pin as sample"}
          </Button>
          {problem && <p className="text-xs text-slate-500">{problem}</p>}
        </div>
      )}
      <PinnedSample node={node} sameAsOutput={pinned} />
    </section>
  );
}
