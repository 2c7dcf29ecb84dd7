// The latest "Test flow" run of the flow: polled by test-run/use-test-run.ts, read by the canvas, the side panel
// and the mapping preview.
import type { TestStepResult } from "../test-run/run-results";
import type { SliceSet } from "./slice";

export interface TestRunState {
  testRun: {
    runId: string | null;
    runStatus: string | null;
    runError: string | null;
    results: Record<string, TestStepResult>;
  };
  /**
   * Whether a test was started or hidden since the flow was opened. Until then, opening the flow shows its latest
   * test again; after "Hide", that test stays hidden until the flow is opened again.
   */
  testRunTouched: boolean;
}

export interface TestRunActions {
  beginTestRun(runId: string): void;
  updateTestRun(runStatus: string, runError: string | null, results: Record<string, TestStepResult>): void;
  dismissTestRun(): void;
}

const noTestRun: TestRunState["testRun"] = { runId: null, runStatus: null, runError: null, results: {} };

export const initialTestRunState: TestRunState = { testRun: noTestRun, testRunTouched: false };

export function testRunActions(set: SliceSet<TestRunState>): TestRunActions {
  return {
    beginTestRun: (runId) =>
      set({ testRun: { runId, runStatus: "queued", runError: null, results: {} }, testRunTouched: true }),
    updateTestRun: (runStatus, runError, results) =>
      set((state) => ({ testRun: { ...state.testRun, runStatus, runError, results } })),
    dismissTestRun: () => set({ testRun: noTestRun, testRunTouched: true }),
  };
}
