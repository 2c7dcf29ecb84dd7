"use client";
// "Test flow" in the designer: saves the draft, starts a test run of it, polls the run about every second until it
// finishes and keeps each step's result in the test-run store (the canvas, the side panel and the mapping preview read it).
import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { useTRPC } from "../../trpc";
import { useDesignerStore } from "../store/designer-store";
import { stepResultsOf, unfinishedRunStatuses, useTestRunStore } from "./run-results";

export function useTestRun(flowId: string, save: () => Promise<boolean>) {
  const trpc = useTRPC();
  const { flowId: testedFlowId, runId, begin, update, clear } = useTestRunStore();
  const samplesQuery = useQuery(trpc.flows.testSamples.queryOptions({ id: flowId }, { refetchOnWindowFocus: false }));
  const lastTestRunId = samplesQuery.data?.lastTestRunId ?? null;

  // Another flow's test means nothing here; on opening a flow, its latest test is shown again, as it was left.
  useEffect(() => {
    if (testedFlowId === flowId) return;
    if (lastTestRunId) begin(flowId, lastTestRunId);
    else if (testedFlowId !== null) clear();
  }, [flowId, testedFlowId, lastTestRunId, begin, clear]);

  const current = testedFlowId === flowId ? runId : null;
  const run = useQuery(
    trpc.runs.get.queryOptions(
      { id: current ?? "" },
      {
        enabled: current !== null,
        refetchInterval: (query) =>
          query.state.data && !unfinishedRunStatuses.has(query.state.data.run.status) ? false : 1000,
      },
    ),
  );
  useEffect(() => {
    if (!run.data || run.data.run.id !== current) return;
    update(run.data.run.status, run.data.run.error?.message ?? null, stepResultsOf(run.data.steps));
  }, [run.data, current, update]);

  const testRun = useMutation(trpc.flows.testRun.mutationOptions());
  const startTest = useCallback(
    async (payload: unknown): Promise<void> => {
      // The test runs what is saved, so save first; a refused save has already told the user why.
      if (!(await save())) throw new Error("The flow could not be saved, so it was not tested.");
      const { revision } = useDesignerStore.getState();
      const started = await testRun.mutateAsync({ id: flowId, baseRevision: revision, payload });
      begin(flowId, started.runId);
    },
    [save, testRun, flowId, begin],
  );

  return {
    startTest,
    starting: testRun.isPending,
    samples: samplesQuery.data,
    refreshSamples: () => void samplesQuery.refetch(),
  };
}
