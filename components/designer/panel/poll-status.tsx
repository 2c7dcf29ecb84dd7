"use client";
// A running polling trigger's last check in the side panel: an analyst who just pressed Start wants to know that
// Conflux has looked at the remote system (and from when on it counts items as new), or why its last look failed.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc";
import { errorMessage } from "../../ui/error-message";
import { useFlowId } from "../store/hooks";

const REFRESH_MS = 5000;

export function PollStatus() {
  const trpc = useTRPC();
  const flowId = useFlowId();
  const flow = useQuery(trpc.flows.get.queryOptions({ id: flowId }));
  const running = flow.data?.status === "running";
  const state = useQuery(
    trpc.flows.startOptions.queryOptions(
      { id: flowId },
      { enabled: running, refetchInterval: running ? REFRESH_MS : false, refetchOnMount: "always" },
    ),
  );
  if (!running || !state.data?.polling) return null;
  if (state.isError) return <p className="text-xs text-red-600">{errorMessage(state.error)}</p>;
  const { lastFiredAt, lastError } = state.data;
  return (
    <section data-testid="poll-status" aria-label="Last check" className="flex flex-col gap-1 text-xs">
      {lastFiredAt ? (
        <p data-testid="poll-last-checked" className="text-emerald-700">
          Last checked at {new Date(lastFiredAt).toLocaleTimeString()}.
        </p>
      ) : (
        <p data-testid="poll-not-checked" className="text-slate-600">
          Not checked yet: the first check runs a few seconds after Start.
        </p>
      )}
      {lastError && (
        <p data-testid="poll-last-error" className="text-red-600">
          The last check failed: {lastError}
        </p>
      )}
    </section>
  );
}
