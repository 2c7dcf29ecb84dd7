import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow-graph";
import { moveNodes } from "../graph/graph-edit";
import { onlyMoved } from "./use-problems";

const graph: FlowGraph = {
  schemaVersion: 1,
  nodes: [
    { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, connectorId: "core", operation: "manual", inputs: {} },
    {
      id: "a",
      type: "action",
      position: { x: 0, y: 150 },
      connectorId: "core",
      operation: "log",
      inputs: { message: "hi" },
    },
  ],
  edges: [{ id: "trigger-a", source: "trigger", target: "a", sourceHandle: "next" }],
};

describe("onlyMoved", () => {
  it("is true when steps only moved, so the problems need no new check", () => {
    expect(onlyMoved(graph, moveNodes(graph, new Map([["a", { x: 10, y: 10 }]])))).toBe(true);
  });

  it("is false when an input, a node or an edge changed", () => {
    const edited: FlowGraph = {
      ...graph,
      nodes: graph.nodes.map((node) => (node.id === "a" ? { ...node, inputs: { message: "" } } : node)),
    };
    expect(onlyMoved(graph, edited)).toBe(false);
    expect(onlyMoved(graph, { ...graph, nodes: graph.nodes.slice(0, 1) })).toBe(false);
    expect(onlyMoved(graph, { ...graph, edges: [] })).toBe(false);
  });
});
