"use client";
// Sample data for the selected node's data tree and previews: pinned samples and the latest test's outputs when
// there are any, else the outputs of this flow's latest finished run.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { type ConnectorManifest, resolveOperation } from "@/lib/connector-manifest";
import type { FlowNode } from "@/lib/flow-graph";
import { expectedTypesFromSchema, type PreviewContext, type ValueType } from "@/lib/template-check";
import { useTRPC } from "../../trpc";
import {
  availableData,
  mergeSamples,
  noSamples,
  previewContextFor,
  samplesFromRun,
  type DataSource,
} from "./available-data";
import { useFlowGraph, useFlowId, useTestResults } from "../store/hooks";
import { samplesOf, testInputsOf, unfinishedRunStatuses } from "../test-run/run-results";

export interface NodeData {
  sources: DataSource[];
  /** Undefined when no run or sample has data for this node's inputs yet. */
  context: PreviewContext | undefined;
  /** The JSON types each input field accepts, for the previews' wrong-type warning. */
  expectedTypes: Record<string, ValueType[]>;
}

/** The later of two runs by creation, the order the run list uses. */
function newer<T extends { createdAt: Date }>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a || !b) return a ?? b;
  return b.createdAt.getTime() > a.createdAt.getTime() ? b : a;
}

export function useAvailableData(node: FlowNode, manifest: ConnectorManifest | undefined): NodeData {
  const trpc = useTRPC();
  const flowId = useFlowId();
  const graph = useFlowGraph();
  const testResults = useTestResults();
  const pinned = useMemo(() => samplesOf(graph, testResults), [graph, testResults]);
  // A For each's items from the latest test, so `item` inside the loop previews its first item.
  const testInputs = useMemo(() => testInputsOf(graph, testResults), [graph, testResults]);
  // The newest succeeded and the newest failed run, one each, rather than a page to search: the later is the sample.
  // Not polled: they are read again when a panel opens or the window regains focus, and when a run started from the
  // toolbar finishes (useRunNowWatcher).
  const succeeded = useQuery(trpc.runs.list.queryOptions({ flowId, status: "succeeded", limit: 1 }));
  const failed = useQuery(trpc.runs.list.queryOptions({ flowId, status: "failed", limit: 1 }));
  const latest = newer(succeeded.data?.items[0], failed.data?.items[0]);
  const run = useQuery(
    trpc.runs.get.queryOptions({ id: latest?.id ?? "" }, { enabled: latest !== undefined, staleTime: Infinity }),
  );
  const runSteps = run.data?.steps;

  const inputSchema = resolveOperation(manifest, node)?.operation.inputSchema;
  const expectedTypes = useMemo(() => expectedTypesFromSchema(inputSchema), [inputSchema]);

  return useMemo(() => {
    const fromRun = runSteps ? samplesFromRun(runSteps, graph) : noSamples;
    const samples = mergeSamples(fromRun, pinned, testInputs);
    if (!graph) return { sources: [], context: undefined, expectedTypes };
    return {
      sources: availableData(graph, node.id, manifest, samples),
      context: previewContextFor(graph, node.id, samples),
      expectedTypes,
    };
  }, [graph, node.id, manifest, pinned, testInputs, runSteps, expectedTypes]);
}

/**
 * Follows a run started from the designer ("Run now") until it finishes, then has the step panels read the latest
 * finished run again, so it becomes their sample without their polling the run list. Returns what starts following.
 */
export function useRunNowWatcher(flowId: string): (runId: string) => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<string | null>(null);
  const run = useQuery(
    trpc.runs.get.queryOptions(
      { id: runId ?? "" },
      {
        enabled: runId !== null,
        refetchInterval: (query) =>
          query.state.data && !unfinishedRunStatuses.has(query.state.data.run.status) ? false : 2000,
      },
    ),
  );
  const finished =
    run.data !== undefined && run.data.run.id === runId && !unfinishedRunStatuses.has(run.data.run.status);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey({ flowId }) });
  }, [finished, flowId, queryClient, trpc]);
  return setRunId;
}
