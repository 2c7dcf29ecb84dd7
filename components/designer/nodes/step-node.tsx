"use client";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { AlertTriangle, GitBranch, KeyRound, Repeat, Reply } from "lucide-react";
import { memo } from "react";
import type { EdgeHandle, NodeType } from "@/lib/flow-graph";
import { ConnectorIcon } from "../../connector-icon";

export type StepNodeData = {
  stepId: string;
  nodeType: NodeType;
  isTrigger: boolean;
  title: string;
  subtitle: string;
  icon: string | undefined;
  /** The chosen account's name; null when the step has none, "" while the accounts load. */
  accountName: string | null;
  problems: string[];
  /** The step's status in the latest test run (running, succeeded, failed, skipped); absent when it did not run. */
  testStatus?: string;
  /** The paths leaving the node, one handle each (see graph-edit's visibleHandles). */
  handles: EdgeHandle[];
};

const controlIcons = { if: GitBranch, forEach: Repeat, respond: Reply } as const;

// How each path reads and looks at the bottom of a node; "next" alone stays an unlabelled dot, as before.
const handleStyles: Record<EdgeHandle, { label: string; color: string; text: string }> = {
  next: { label: "next", color: "!bg-brand-500", text: "text-brand-700" },
  true: { label: "true", color: "!bg-emerald-500", text: "text-emerald-700" },
  false: { label: "false", color: "!bg-slate-500", text: "text-slate-600" },
  error: { label: "error", color: "!bg-red-500", text: "text-red-700" },
  each: { label: "each", color: "!bg-violet-500", text: "text-violet-700" },
};

function SourceHandles({ stepId, handles }: { stepId: string; handles: EdgeHandle[] }) {
  const labelled = handles.length > 1 || handles[0] !== "next";
  return (
    <>
      {handles.map((handle, index) => {
        const left = `${((index + 1) / (handles.length + 1)) * 100}%`;
        const style = handleStyles[handle];
        return (
          <Handle
            key={handle}
            id={handle}
            type="source"
            position={Position.Bottom}
            style={{ left }}
            data-testid={`handle-${stepId}-${handle}`}
            title={`Drag to connect the ${style.label} path`}
            className={`!h-2.5 !w-2.5 ${style.color}`}
          >
            {labelled && (
              // Beside the dot, level with it, where the edge has not left yet: the line leaves straight down and never
              // crosses the text. The first path's label faces left, the others right, away from each other.
              <span
                className={`pointer-events-none absolute top-1/2 -translate-y-1/2 whitespace-nowrap rounded-sm bg-white px-1 text-[11px] leading-4 font-medium ${style.text} ${
                  index === 0 && handles.length > 1 ? "right-full mr-1" : "left-full ml-1"
                }`}
              >
                {style.label}
              </span>
            )}
          </Handle>
        );
      })}
    </>
  );
}
export type StepFlowNode = Node<StepNodeData, "step">;

function StepNodeView({ data, selected }: NodeProps<StepFlowNode>) {
  const problem = data.problems.length > 0;
  return (
    <div
      data-testid={`node-${data.stepId}`}
      data-problems={data.problems.length}
      data-test-status={data.testStatus}
      // React Flow's node wrapper takes the keyboard focus and hides its outline, so the card shows the focus ring.
      className={`w-64 rounded-lg border bg-white px-3 py-2.5 shadow-sm transition-shadow in-focus-visible:ring-2 in-focus-visible:ring-brand-500 in-focus-visible:ring-offset-2 ${testOutline(data.testStatus)} ${
        selected ? "border-brand-500 ring-2 ring-brand-500/30" : "border-slate-300 hover:shadow-md"
      }`}
    >
      <TestStatusBadge stepId={data.stepId} status={data.testStatus} />
      {!data.isTrigger && <Handle type="target" position={Position.Top} className="!h-2.5 !w-2.5 !bg-slate-400" />}
      <div className="flex items-center gap-2.5">
        <span
          className={`grid h-9 w-9 shrink-0 place-items-center rounded-md ${data.isTrigger ? "bg-amber-100 text-amber-700" : "bg-brand-50 text-brand-700"}`}
        >
          <NodeIcon nodeType={data.nodeType} icon={data.icon} />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
            {data.isTrigger ? "Trigger" : data.subtitle}
          </p>
          <p className="truncate text-sm font-semibold text-slate-900">{data.title}</p>
        </div>
        {problem && (
          <span title={data.problems.join("\n")} className="text-amber-600" data-testid="node-problem-marker">
            <AlertTriangle size={16} aria-label={`${data.problems.length} problem(s)`} />
          </span>
        )}
      </div>
      <div className="mt-1.5 flex items-center justify-between gap-2 text-[11px]">
        {data.accountName ? (
          <span data-testid="node-account" title="Account" className="flex min-w-0 items-center gap-1 text-slate-600">
            <KeyRound size={11} aria-hidden className="shrink-0 text-slate-400" />
            <span className="truncate">{data.accountName}</span>
          </span>
        ) : (
          <span />
        )}
        <span className="shrink-0 truncate font-mono text-slate-400">{data.stepId}</span>
      </div>
      <SourceHandles stepId={data.stepId} handles={data.handles} />
    </div>
  );
}

function NodeIcon({ nodeType, icon }: { nodeType: NodeType; icon: string | undefined }) {
  if (nodeType === "if" || nodeType === "forEach" || nodeType === "respond") {
    const Icon = controlIcons[nodeType];
    return <Icon aria-hidden size={18} />;
  }
  return <ConnectorIcon name={icon} />;
}

export const StepNode = memo(StepNodeView);

// A test's status is an outline, so it never hides the selection ring or the problem marker.
const testStyles: Record<string, { outline: string; badge: string; label: string }> = {
  running: {
    outline: "outline-2 outline-offset-2 outline-sky-400 animate-pulse",
    badge: "bg-sky-500",
    label: "Running",
  },
  succeeded: { outline: "outline-2 outline-offset-2 outline-emerald-500", badge: "bg-emerald-600", label: "Succeeded" },
  failed: { outline: "outline-2 outline-offset-2 outline-red-500", badge: "bg-red-600", label: "Failed" },
  skipped: {
    outline: "outline-2 outline-offset-2 outline-dashed outline-slate-300",
    badge: "bg-slate-400",
    label: "Skipped",
  },
};

function testOutline(status: string | undefined): string {
  return status ? (testStyles[status]?.outline ?? "") : "";
}

function TestStatusBadge({ stepId, status }: { stepId: string; status: string | undefined }) {
  const style = status ? testStyles[status] : undefined;
  if (!status || !style) return null;
  return (
    <span
      data-testid={`node-test-status-${stepId}`}
      data-status={status}
      className={`absolute -right-2 -top-2.5 rounded-full px-1.5 py-0.5 text-[10px] font-semibold text-white shadow-sm ${style.badge}`}
    >
      {style.label}
    </span>
  );
}
