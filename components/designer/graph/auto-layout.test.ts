import { describe, expect, it } from "vitest";
import { emptyFlowGraph, type FlowGraph } from "@/lib/flow-graph";
import { LAYOUT_NODE_HEIGHT, LAYOUT_NODE_WIDTH, layoutFlow } from "./auto-layout";
import { appendStep, connect, moveNodes } from "./graph-edit";

const step = (connectorId: string, operation: string) => ({ connectorId, operation, inputs: {} });

function branchingFlow(): FlowGraph {
  let graph = appendStep(emptyFlowGraph(), step("core", "if")).graph;
  graph = appendStep(graph, step("http", "request")).graph; // the true branch
  graph = appendStep(graph, step("core", "log")).graph;
  graph = appendStep(graph, step("http", "request")).graph;
  // http_request_2 becomes the false branch, listed before the true one, so the order comes from the handles.
  graph = { ...graph, edges: graph.edges.filter((edge) => edge.target !== "http_request_2") };
  graph = {
    ...graph,
    nodes: [graph.nodes[0], graph.nodes[1], graph.nodes[4], graph.nodes[2], graph.nodes[3]].flatMap((node) =>
      node ? [node] : [],
    ),
  };
  graph = connect(graph, "if_1", "http_request_2", "false");
  // Everything piled up in one spot, as a messy canvas might be.
  return moveNodes(graph, new Map(graph.nodes.map((node) => [node.id, { x: 0, y: 0 }])));
}

describe("auto-layout", () => {
  it("puts parents above children, without overlaps, and the If's true branch left of its false branch", async () => {
    const graph = await layoutFlow(branchingFlow());
    const at = (id: string) => {
      const node = graph.nodes.find((candidate) => candidate.id === id);
      if (!node) throw new Error(`no node ${id}`);
      return node.position;
    };
    for (const edge of graph.edges)
      expect(at(edge.source).y + LAYOUT_NODE_HEIGHT).toBeLessThanOrEqual(at(edge.target).y);
    for (const a of graph.nodes) {
      for (const b of graph.nodes) {
        if (a === b) continue;
        const apart =
          Math.abs(a.position.x - b.position.x) >= LAYOUT_NODE_WIDTH ||
          Math.abs(a.position.y - b.position.y) >= LAYOUT_NODE_HEIGHT;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    const trueBranch = graph.edges.find((edge) => edge.source === "if_1" && edge.sourceHandle === "true")?.target ?? "";
    expect(at(trueBranch).x).toBeLessThan(at("http_request_2").x);
  });
});
