"use client";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { AlertTriangle } from "lucide-react";
import { memo } from "react";
import { ConnectorIcon } from "../connector-icon";

export type StepNodeData = {
  stepId: string;
  isTrigger: boolean;
  title: string;
  subtitle: string;
  icon: string | undefined;
  problems: string[];
};
export type StepFlowNode = Node<StepNodeData, "step">;

function StepNodeView({ data, selected }: NodeProps<StepFlowNode>) {
  const problem = data.problems.length > 0;
  return (
    <div
      data-testid={`node-${data.stepId}`}
      data-problems={data.problems.length}
      className={`w-64 rounded-lg border bg-white px-3 py-2.5 shadow-sm transition-shadow ${
        selected ? "border-brand-500 ring-2 ring-brand-500/30" : "border-slate-300 hover:shadow-md"
      }`}
    >
      {!data.isTrigger && <Handle type="target" position={Position.Top} className="!h-2.5 !w-2.5 !bg-slate-400" />}
      <div className="flex items-center gap-2.5">
        <span
          className={`grid h-9 w-9 shrink-0 place-items-center rounded-md ${data.isTrigger ? "bg-amber-100 text-amber-700" : "bg-brand-50 text-brand-700"}`}
        >
          <ConnectorIcon name={data.icon} />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{data.isTrigger ? "Trigger" : data.subtitle}</p>
          <p className="truncate text-sm font-semibold text-slate-900">{data.title}</p>
        </div>
        {problem && (
          <span title={data.problems.join("\n")} className="text-amber-600" data-testid="node-problem-marker">
            <AlertTriangle size={16} aria-label={`${data.problems.length} problem(s)`} />
          </span>
        )}
      </div>
      <p className="mt-1.5 truncate font-mono text-[11px] text-slate-400">{data.stepId}</p>
      <Handle type="source" position={Position.Bottom} className="!h-2.5 !w-2.5 !bg-brand-500" />
    </div>
  );
}

export const StepNode = memo(StepNodeView);
