"use client";
// A checklist of the workspace's other flows (widget "flows"): the "When a flow fails" trigger watches the ones
// ticked. Stores their ids; a ticked flow that was deleted since stays listed, so the user sees it and can untick it.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc";
import { errorMessage } from "../../ui/error-message";
import { useFlowId } from "../store/hooks";

function idsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}

export function FlowsField({
  id,
  testId,
  value,
  onChange,
}: {
  id: string;
  testId: string;
  value: unknown;
  onChange: (value: string[] | undefined) => void;
}) {
  const trpc = useTRPC();
  const ownId = useFlowId();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const chosen = idsOf(value);
  if (flows.isError)
    return <p className="text-xs text-red-600">Could not load the flows: {errorMessage(flows.error)}</p>;
  if (!flows.data) return <p className="text-xs text-slate-500">Loading flows…</p>;
  const others = flows.data.filter((flow) => flow.id !== ownId);
  const known = new Set(others.map((flow) => flow.id));
  const gone = chosen.filter((flowId) => !known.has(flowId));
  const toggle = (flowId: string, on: boolean) => {
    const next = on ? [...chosen, flowId] : chosen.filter((entry) => entry !== flowId);
    onChange(next.length > 0 ? next : undefined);
  };
  if (others.length === 0 && gone.length === 0)
    return <p className="text-xs text-slate-500">There is no other flow to watch yet.</p>;
  return (
    <div
      id={id}
      data-testid={testId}
      role="group"
      className="flex max-h-48 flex-col gap-1 overflow-y-auto rounded-md border border-slate-200 p-2"
    >
      {others.map((flow) => (
        <label key={flow.id} className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            data-testid={`flows-option-${flow.id}`}
            className="h-4 w-4 accent-brand-600"
            checked={chosen.includes(flow.id)}
            onChange={(event) => toggle(flow.id, event.target.checked)}
          />
          <span className="truncate">{flow.name}</span>
          <span className="ml-auto shrink-0 text-xs text-slate-400">{flow.status}</span>
        </label>
      ))}
      {gone.map((flowId) => (
        <label key={flowId} className="flex items-center gap-2 text-sm text-slate-500">
          <input type="checkbox" className="h-4 w-4 accent-brand-600" checked onChange={() => toggle(flowId, false)} />
          <span className="truncate">A deleted flow ({flowId})</span>
        </label>
      ))}
    </div>
  );
}
