import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { emptyFlowGraph } from "@/lib/flow-graph";
import { createDesignerStore, type DesignerStore } from "./designer-store";
import { COALESCE_MS, HISTORY_LIMIT, editKey } from "./edit-history";
import { appendStep, moveNode, updateNode } from "../graph/graph-edit";

const http = { connectorId: "http", operation: "request", inputs: {} };
let designer: DesignerStore;
const store = () => designer.getState();
const act = () => designer.getState().actions;
const ids = () => store().graph?.nodes.map((node) => node.id);
const url = () => store().graph?.nodes[1]?.inputs.url;
const typeUrl = (value: string) =>
  act().edit((graph) => updateNode(graph, "http_request_1", { inputs: { url: value } }));

describe("undo history", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    designer = createDesignerStore("flow-1");
    act().load(appendStep(emptyFlowGraph(), http).graph, 1);
  });
  afterEach(() => vi.useRealTimers());

  it("undoes and redoes an added step, and a new edit clears what could be redone", () => {
    act().edit((graph) => appendStep(graph, http).graph);
    expect(ids()).toEqual(["trigger", "http_request_1", "http_request_2"]);
    act().undo();
    expect(ids()).toEqual(["trigger", "http_request_1"]);
    expect(store().dirty).toBe(true);
    act().redo();
    expect(ids()).toEqual(["trigger", "http_request_1", "http_request_2"]);
    act().undo();
    act().edit((graph) => moveNode(graph, "trigger", { x: 5, y: 5 }));
    expect(store().history.future).toEqual([]);
    act().redo();
    expect(ids()).toEqual(["trigger", "http_request_1"]);
  });

  it("makes typing in one field one undo step, but a pause or another field a new one", () => {
    for (const value of ["h", "ht", "htt", "http"]) {
      typeUrl(value);
      vi.advanceTimersByTime(100);
    }
    expect(store().history.past).toHaveLength(1);
    vi.advanceTimersByTime(COALESCE_MS);
    typeUrl("http://x");
    expect(store().history.past).toHaveLength(2);
    act().edit((graph) => updateNode(graph, "http_request_1", { label: "Fetch" }));
    expect(store().history.past).toHaveLength(3);
    act().undo();
    act().undo();
    expect(url()).toBe("http");
    act().undo();
    expect(url()).toBeUndefined();
    act().undo();
    expect(url()).toBeUndefined();
  });

  it("never merges structural edits and keeps at most the limit", () => {
    act().edit((graph) => appendStep(graph, http).graph);
    act().edit((graph) => appendStep(graph, http).graph);
    expect(store().history.past).toHaveLength(2);
    for (let index = 0; index < HISTORY_LIMIT + 20; index += 1) {
      act().edit((graph) => moveNode(graph, "trigger", { x: index, y: 0 }));
      vi.advanceTimersByTime(COALESCE_MS + 1);
    }
    expect(store().history.past).toHaveLength(HISTORY_LIMIT);
  });

  it("drops from the selection what an undo takes away", () => {
    act().edit((graph) => appendStep(graph, http).graph);
    act().setSelection(["http_request_1", "http_request_2"], []);
    act().undo();
    expect(store().selectedNodeIds).toEqual(["http_request_1"]);
    expect(store().selectedId).toBeNull();
  });

  it("keys an edit by the node and field it touched", () => {
    const graph = appendStep(emptyFlowGraph(), http).graph;
    expect(editKey(graph, updateNode(graph, "http_request_1", { inputs: { url: "a" } }))).toBe(
      "http_request_1:inputs.url",
    );
    expect(editKey(graph, moveNode(graph, "trigger", { x: 1, y: 2 }))).toBe("trigger:position");
    expect(editKey(graph, appendStep(graph, http).graph)).toBeNull();
  });
});
