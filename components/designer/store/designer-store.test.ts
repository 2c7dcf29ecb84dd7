import { describe, expect, it } from "vitest";
import { emptyFlowGraph } from "@/lib/flow-graph";
import { appendStep } from "../graph/graph-edit";
import { createDesignerStore } from "./designer-store";

const http = { connectorId: "http", operation: "request", inputs: {} };

function openedFlow(flowId: string) {
  const store = createDesignerStore(flowId);
  store.getState().actions.load(appendStep(emptyFlowGraph(), http).graph, 3);
  return store;
}

describe("designer store", () => {
  it("keeps each open flow's draft, selection, test and problems list in its own store", () => {
    const first = openedFlow("flow-1");
    const { actions } = first.getState();
    actions.select("http_request_1");
    actions.focusNode("http_request_1");
    actions.beginTestRun("run-1");
    actions.openProblemsWith("Fix the problem first, then start the flow.");
    actions.edit((graph) => appendStep(graph, http).graph);

    const second = createDesignerStore("flow-2");
    expect(second.getState()).toMatchObject({
      flowId: "flow-2",
      graph: null,
      dirty: false,
      selectedId: null,
      focusRequest: null,
      testRun: { runId: null, results: {} },
      testRunTouched: false,
      problemsPanel: { open: false, notice: null },
    });
    expect(first.getState()).toMatchObject({
      flowId: "flow-1",
      dirty: true,
      selectedId: "http_request_1",
      focusRequest: { nodeId: "http_request_1", seq: 1 },
      testRun: { runId: "run-1", runStatus: "queued" },
      problemsPanel: { open: true, notice: "Fix the problem first, then start the flow." },
    });
  });

  it("hands out actions that stay the same object while the state changes", () => {
    const store = openedFlow("flow-1");
    const before = store.getState().actions;
    before.edit((graph) => appendStep(graph, http).graph);
    before.setSelection(["trigger"], []);
    expect(store.getState().actions).toBe(before);
  });

  it("loads a restored draft clean: no history, no selection", () => {
    const store = openedFlow("flow-1");
    const { actions } = store.getState();
    actions.edit((graph) => appendStep(graph, http).graph);
    actions.setSelection(["http_request_2"], []);
    actions.load(emptyFlowGraph(), 7);
    expect(store.getState()).toMatchObject({ revision: 7, dirty: false, selectedId: null, selectedNodeIds: [] });
    expect(store.getState().history.past).toEqual([]);
  });

  it("remembers a hidden test, so the flow's latest test is not shown again until the flow is reopened", () => {
    const store = openedFlow("flow-1");
    const { actions } = store.getState();
    actions.beginTestRun("run-1");
    actions.updateTestRun("failed", "Boom", {});
    expect(store.getState().testRun).toMatchObject({ runStatus: "failed", runError: "Boom" });
    actions.dismissTestRun();
    expect(store.getState()).toMatchObject({ testRun: { runId: null, runStatus: null }, testRunTouched: true });
  });

  it("forgets a focus request only once the canvas has moved to that one", () => {
    const store = openedFlow("flow-1");
    const { actions } = store.getState();
    actions.focusNode("trigger");
    actions.focusNode("http_request_1");
    actions.focusDone(1);
    expect(store.getState().focusRequest).toEqual({ nodeId: "http_request_1", seq: 2 });
    actions.focusDone(2);
    expect(store.getState().focusRequest).toBeNull();
  });

  it("opens the problems list with a notice, and a user's toggle clears it", () => {
    const store = openedFlow("flow-1");
    const { actions } = store.getState();
    actions.openProblemsWith("Fix these 2 problems first, then start the flow.");
    actions.setProblemsOpen(false);
    actions.setProblemsOpen(true);
    expect(store.getState().problemsPanel).toEqual({ open: true, notice: null });
  });
});
