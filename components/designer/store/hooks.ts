"use client";
// The named ways to read the open flow's designer store. Each subscribes to one field, so a component re-renders
// only when what it shows changes; actions come as one object that never changes.
import type { FlowGraph } from "@/lib/flow-graph";
import { madeByNode, type TestStepResult } from "../test-run/run-results";
import type { DesignerActions, DesignerState } from "./designer-store";
import { useDesignerStore } from "./provider";

export function useDesignerActions(): DesignerActions {
  return useDesignerStore((state) => state.actions);
}

export function useFlowId(): string {
  return useDesignerStore((state) => state.flowId);
}

/** The draft graph; null until the flow has been loaded. */
export function useFlowGraph(): FlowGraph | null {
  return useDesignerStore((state) => state.graph);
}

/** Whether the draft has edits the server does not have yet. */
export function useIsDirty(): boolean {
  return useDesignerStore((state) => state.dirty);
}

export function useCanUndo(): boolean {
  return useDesignerStore((state) => state.history.past.length > 0);
}

export function useCanRedo(): boolean {
  return useDesignerStore((state) => state.history.future.length > 0);
}

/** Bumped when the canvas should fit the whole flow into view. */
export function useFitRequest(): number {
  return useDesignerStore((state) => state.fitRequest);
}

/** The node whose settings the side panel shows: set when exactly one node is selected. */
export function useSelectedNodeId(): string | null {
  return useDesignerStore((state) => state.selectedId);
}

export function useSelectedNodeIds(): string[] {
  return useDesignerStore((state) => state.selectedNodeIds);
}

export function useSelectedEdgeIds(): string[] {
  return useDesignerStore((state) => state.selectedEdgeIds);
}

/** The node the canvas should bring into view next, if any. */
export function useFocusRequest(): DesignerState["focusRequest"] {
  return useDesignerStore((state) => state.focusRequest);
}

/** The latest test run: its id, status, error and each step's result. */
export function useLatestTestRun(): DesignerState["testRun"] {
  return useDesignerStore((state) => state.testRun);
}

export function useTestRunId(): string | null {
  return useDesignerStore((state) => state.testRun.runId);
}

export function useTestRunStatus(): string | null {
  return useDesignerStore((state) => state.testRun.runStatus);
}

/** Each step's result in the latest test run, by step id. */
export function useTestResults(): Record<string, TestStepResult> {
  return useDesignerStore((state) => state.testRun.results);
}

/** The node's result in the latest test, unless the node now runs another operation (a switched trigger). */
export function useTestStepResult(nodeId: string): TestStepResult | undefined {
  return useDesignerStore((state) => {
    const result = state.testRun.results[nodeId];
    return result && madeByNode(state.graph, nodeId, result) ? result : undefined;
  });
}

/** Whether a test was started or hidden since the flow was opened (see test-run-slice.ts). */
export function useTestRunTouched(): boolean {
  return useDesignerStore((state) => state.testRunTouched);
}

/** Whether the toolbar's problems list is open, and the notice it opened with. */
export function useProblemsPanel(): DesignerState["problemsPanel"] {
  return useDesignerStore((state) => state.problemsPanel);
}
