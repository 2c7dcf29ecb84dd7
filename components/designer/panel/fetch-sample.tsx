"use client";
// "Fetch a sample" in a polling trigger's panel: the trigger polls once, with the chosen account, for what changed in
// the last days, and the first item becomes its sample (pinned on the trigger, offered by Test and Run now with data),
// so fields can be mapped from real data before Start. Nothing is saved of the poll itself and no run is made.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { DownloadCloud } from "lucide-react";
import { useState } from "react";
import type { FlowNode } from "@/lib/flow-graph";
import { useTRPC } from "../../trpc";
import { Button } from "../../ui/button";
import { errorMessage } from "../../ui/error-message";
import { useDesignerActions, useFlowId } from "../store/hooks";
import { pinSample } from "../test-run/run-results";

type Outcome = { kind: "found"; data: unknown; itemCount: number } | { kind: "none" | "error"; message: string };

export function FetchSample({ node }: { node: FlowNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const flowId = useFlowId();
  const { edit } = useDesignerActions();
  const fetchSample = useMutation(trpc.flows.fetchTriggerSample.mutationOptions());
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function run() {
    setOutcome(null);
    try {
      const fetched = await fetchSample.mutateAsync({
        id: flowId,
        trigger: {
          connectorId: node.connectorId,
          operation: node.operation,
          inputs: node.inputs,
          ...(node.accountId ? { accountId: node.accountId } : {}),
        },
      });
      if (!fetched.found) {
        setOutcome({ kind: "none", message: fetched.message });
        return;
      }
      edit((graph) => pinSample(graph, node.id, fetched.data));
      void queryClient.invalidateQueries({ queryKey: trpc.flows.testSamples.pathKey() });
      setOutcome({ kind: "found", data: fetched.data, itemCount: fetched.itemCount });
    } catch (error) {
      setOutcome({ kind: "error", message: errorMessage(error) });
    }
  }

  return (
    <section
      data-testid="fetch-sample"
      aria-label="Fetch a sample"
      className="flex flex-col gap-2 rounded-md border border-slate-200 p-3"
    >
      <span className="text-sm font-medium text-slate-700">Sample data</span>
      <p className="text-xs text-slate-600">
        Look once for a recent item with these settings and account; the first one found becomes the trigger&apos;s
        sample for mapping and tests. Nothing is processed and no run starts.
      </p>
      <div>
        <Button data-testid="fetch-sample-button" disabled={fetchSample.isPending} onClick={() => void run()}>
          <DownloadCloud size={14} aria-hidden /> {fetchSample.isPending ? "Fetching…" : "Fetch a sample"}
        </Button>
      </div>
      {outcome?.kind === "found" && (
        <>
          <p data-testid="fetch-sample-status" className="text-xs text-emerald-700">
            Fetched the first of {outcome.itemCount} item{outcome.itemCount === 1 ? "" : "s"}: Insert data, Test and Run
            now with data use it.
          </p>
          <pre
            data-testid="fetch-sample-data"
            className="max-h-56 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs text-slate-700"
          >
            {JSON.stringify(outcome.data, null, 2)}
          </pre>
        </>
      )}
      {outcome && outcome.kind !== "found" && (
        <p
          data-testid="fetch-sample-status"
          className={`text-xs ${outcome.kind === "error" ? "text-red-600" : "text-amber-700"}`}
        >
          {outcome.message}
        </p>
      )}
    </section>
  );
}
