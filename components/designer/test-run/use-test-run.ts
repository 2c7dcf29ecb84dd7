"use client";
// "Test flow" in the designer: saves the draft, starts a test run of it, polls the run about every second until it
// finishes and keeps each step's result in the designer store (the canvas, the side panel and the mapping preview
// read it).
import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { useTRPC } from "../../trpc";
import { useDesignerActions, useFlowGraph, useFlowId, useTestRunId, useTestRunTouched } from "../store/hooks";
import { useDesignerStoreApi } from "../store/provider";
import { stepResultsOf, unfinishedRunStatuses } from "./run-results";

export function useTestRun(save: () => Promise<boolean>) {
  const trpc = useTRPC();
  const flowId = useFlowId();
  const store = useDesignerStoreApi();
  const runId = useTestRunId();
  const touched = useTestRunTouched();
  const { beginTestRun, updateTestRun } = useDesignerActions();
  // The samples of the trigger on the canvas, which follow it the moment it is switched, saved or not.
  const triggerNode = useFlowGraph()?.nodes.find((node) => node.type === "trigger");
  const trigger = triggerNode ? { connectorId: triggerNode.connectorId, operation: triggerNode.operation } : undefined;
  const samplesQuery = useQuery(
    trpc.flows.testSamples.queryOptions({ id: flowId, trigger }, { refetchOnWindowFocus: false }),
  );
  const lastTestRunId = samplesQuery.data?.lastTestRunId ?? null;

  // On opening a flow, its latest test is shown again, as it was left; not once a test was started or hidden here.
  useEffect(() => {
    if (!touched && lastTestRunId) beginTestRun(lastTestRunId);
  }, [touched, lastTestRunId, beginTestRun]);

  const run = useQuery(
    trpc.runs.get.queryOptions(
      { id: runId ?? "" },
      {
        enabled: runId !== null,
        refetchInterval: (query) =>
          query.state.data && !unfinishedRunStatuses.has(query.state.data.run.status) ? false : 1000,
      },
    ),
  );
  useEffect(() => {
    if (!run.data || run.data.run.id !== runId) return;
    updateTestRun(run.data.run.status, run.data.run.error?.message ?? null, stepResultsOf(run.data.steps));
  }, [run.data, runId, updateTestRun]);

  const testRun = useMutation(trpc.flows.testRun.mutationOptions());
  const startTest = useCallback(
    async (payload: unknown): Promise<void> => {
      // The test runs what is saved, so save first; a refused save has already told the user why.
      if (!(await save())) throw new Error("The flow could not be saved, so it was not tested.");
      const { revision } = store.getState();
      const started = await testRun.mutateAsync({ id: flowId, baseRevision: revision, payload });
      beginTestRun(started.runId);
    },
    [save, testRun, flowId, beginTestRun, store],
  );

  return {
    startTest,
    starting: testRun.isPending,
    samples: samplesQuery.data,
    refreshSamples: () => void samplesQuery.refetch(),
  };
}
