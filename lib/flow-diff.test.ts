import { describe, expect, it } from "vitest";
import { describeField, diffGraphs, isEmptyDiff } from "./flow-diff";
import { emptyFlowGraph, type FlowEdge, type FlowGraph, type FlowNode } from "./flow-graph";

function callNode(url: string): FlowNode {
  return {
    id: "call_api",
    type: "action",
    position: { x: 0, y: 150 },
    connectorId: "http",
    operation: "request",
    label: "Call API",
    inputs: { method: "GET", url },
  };
}

const callEdge: FlowEdge = { id: "e1", source: "trigger", target: "call_api", sourceHandle: "next" };

function withCall(url: string, node: FlowNode = callNode(url), edge: FlowEdge = callEdge): FlowGraph {
  const graph = emptyFlowGraph();
  graph.nodes.push(node);
  graph.edges.push(edge);
  return graph;
}

describe("diffGraphs", () => {
  it("finds nothing between equal graphs, whatever the key order", () => {
    const a = withCall("https://example.test/a");
    const b = withCall("", { ...callNode(""), inputs: { url: "https://example.test/a", method: "GET" } });
    expect(isEmptyDiff(diffGraphs(a, b))).toBe(true);
  });

  it("lists added and removed nodes and edges by name", () => {
    const diff = diffGraphs(emptyFlowGraph(), withCall("https://example.test/a"));
    expect(diff.nodesAdded).toEqual([{ id: "call_api", name: "Call API" }]);
    expect(diff.edgesAdded).toEqual([{ source: "trigger", target: "call_api", sourceHandle: "next" }]);
    const back = diffGraphs(withCall("https://example.test/a"), emptyFlowGraph());
    expect(back.nodesRemoved.map((node) => node.id)).toEqual(["call_api"]);
    expect(back.edgesRemoved).toHaveLength(1);
    expect(back.nodesAdded).toEqual([]);
  });

  it("names the fields of a changed node", () => {
    const before = withCall("https://example.test/a");
    const after = withCall("", {
      ...callNode("https://example.test/b"),
      accountId: "acc_1",
      position: { x: 40, y: 150 },
      settings: { maxAttempts: 1 },
    });
    expect(diffGraphs(before, after).nodesChanged).toEqual([
      { id: "call_api", name: "Call API", fields: ["account", "inputs.url", "settings.maxAttempts", "position"] },
    ]);
  });

  it("matches edges by what they connect, not by id", () => {
    const before = withCall("https://example.test/a");
    const renamed = withCall("https://example.test/a", undefined, { ...callEdge, id: "renamed" });
    expect(isEmptyDiff(diffGraphs(before, renamed))).toBe(true);
    const rewired = withCall("https://example.test/a", undefined, { ...callEdge, sourceHandle: "error" });
    const diff = diffGraphs(before, rewired);
    expect(diff.edgesAdded).toEqual([{ source: "trigger", target: "call_api", sourceHandle: "error" }]);
    expect(diff.edgesRemoved).toEqual([{ source: "trigger", target: "call_api", sourceHandle: "next" }]);
  });

  it("names a node by its operation when it has no label", () => {
    const graph = emptyFlowGraph();
    expect(diffGraphs(graph, { ...graph, nodes: [] }).nodesRemoved).toEqual([{ id: "trigger", name: "manual" }]);
  });

  it("names every node of both graphs for the edges, and describes fields for people", () => {
    const diff = diffGraphs(withCall("https://example.test/a"), emptyFlowGraph());
    expect(diff.nodeNames).toEqual({ trigger: "manual", call_api: "Call API" });
    expect(["inputs.url", "position", "settings.maxAttempts", "account"].map(describeField)).toEqual([
      "url",
      "moved",
      "maxAttempts setting",
      "account",
    ]);
  });
});
