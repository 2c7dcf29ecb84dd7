"use client";
// Sample data for the selected node's data tree and previews: pinned samples and the latest test's outputs when
// there are any, else the outputs of this flow's latest finished run.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type ConnectorManifest, resolveOperation } from "@/lib/connector-manifest";
import type { FlowNode } from "@/lib/flow-graph";
import { expectedTypesFromSchema, type PreviewContext, type ValueType } from "@/lib/template-check";
import { useTRPC } from "../trpc";
import { availableData, mergeSamples, noSamples, previewContextFor, samplesFromRun, type DataSource } from "./available-data";
import { useDesignerStore } from "./designer-store";
import { samplesOf, useTestRunStore } from "./test-run-results";

export interface NodeData {
  sources: DataSource[];
  /** Undefined when no run or sample has data for this node's inputs yet. */
  context: PreviewContext | undefined;
  /** The JSON types each input field accepts, for the previews' wrong-type warning. */
  expectedTypes: Record<string, ValueType[]>;
}

export function useAvailableData(node: FlowNode, manifest: ConnectorManifest | undefined): NodeData {
  const trpc = useTRPC();
  const flowId = useDesignerStore((state) => state.flowId);
  const graph = useDesignerStore((state) => state.graph);
  const testResults = useTestRunStore((state) => state.results);
  const pinned = useMemo(() => samplesOf(graph, testResults), [graph, testResults]);
  // Polled while a step's panel is open, so a run started from the toolbar becomes the sample once it finishes.
  const runs = useQuery(
    trpc.runs.list.queryOptions({ flowId: flowId ?? "", limit: 20 }, { enabled: flowId !== null, refetchInterval: 10_000 }),
  );
  const latest = runs.data?.items.find((run) => run.status === "succeeded" || run.status === "failed");
  const run = useQuery(trpc.runs.get.queryOptions({ id: latest?.id ?? "" }, { enabled: latest !== undefined, staleTime: Infinity }));
  const runSteps = run.data?.steps;

  const inputSchema = resolveOperation(manifest, node)?.operation.inputSchema;
  const expectedTypes = useMemo(() => expectedTypesFromSchema(inputSchema), [inputSchema]);

  return useMemo(() => {
    const fromRun = runSteps ? samplesFromRun(runSteps) : noSamples;
    const samples = mergeSamples(fromRun, pinned);
    if (!graph) return { sources: [], context: undefined, expectedTypes };
    return {
      sources: availableData(graph, node.id, manifest, samples),
      context: previewContextFor(graph, node.id, samples),
      expectedTypes,
    };
  }, [graph, node.id, manifest, pinned, runSteps, expectedTypes]);
}
