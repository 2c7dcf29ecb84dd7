import { describe, expect, it } from "vitest";
import {
  describeIssues,
  emptyFlowGraph,
  flowGraphSchema,
  nodeTypeFor,
  stepSettingsOf,
  type FlowGraph,
} from "./flow-graph";

function graphWithHttpStep(): FlowGraph {
  const graph = emptyFlowGraph();
  graph.nodes.push({
    id: "call_api",
    type: "action",
    position: { x: 0, y: 160 },
    connectorId: "http",
    operation: "request",
    inputs: { method: "GET", url: "http://127.0.0.1:9/ping" },
  });
  graph.edges.push({ id: "e1", source: "trigger", target: "call_api", sourceHandle: "next" });
  return graph;
}

describe("flowGraphSchema", () => {
  it("accepts a new flow and a flow with a step", () => {
    expect(flowGraphSchema.parse(emptyFlowGraph()).nodes).toHaveLength(1);
    expect(flowGraphSchema.parse(graphWithHttpStep()).edges[0]?.target).toBe("call_api");
  });

  it("defaults an edge's handle to next", () => {
    const graph = graphWithHttpStep();
    const parsed = flowGraphSchema.parse({ ...graph, edges: [{ id: "e1", source: "trigger", target: "call_api" }] });
    expect(parsed.edges[0]?.sourceHandle).toBe("next");
  });

  it("names the field that breaks the schema, with the node's id", () => {
    const graph: unknown = {
      ...graphWithHttpStep(),
      nodes: [emptyFlowGraph().nodes[0], { ...graphWithHttpStep().nodes[1], position: { x: "left", y: 0 } }],
    };
    const result = flowGraphSchema.safeParse(graph);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error, graph)).toMatch(/^nodes\[1\] \(call_api\)\.position\.x:/);
  });

  it("refuses duplicate ids, dangling edges, edges into the trigger and a missing trigger", () => {
    const duplicate = graphWithHttpStep();
    duplicate.nodes.push({ ...duplicate.nodes[1]! });
    expect(flowGraphSchema.safeParse(duplicate).error?.issues[0]?.message).toMatch(/duplicate node id "call_api"/);

    const dangling = graphWithHttpStep();
    dangling.edges.push({ id: "e2", source: "call_api", target: "ghost", sourceHandle: "next" });
    expect(flowGraphSchema.safeParse(dangling).error?.issues[0]?.message).toMatch(/does not exist \("ghost"\)/);

    const intoTrigger = graphWithHttpStep();
    intoTrigger.edges.push({ id: "e2", source: "call_api", target: "trigger", sourceHandle: "next" });
    expect(flowGraphSchema.safeParse(intoTrigger).error?.issues[0]?.message).toMatch(/into the trigger/);

    const noTrigger = graphWithHttpStep();
    noTrigger.nodes.shift();
    noTrigger.edges = [];
    expect(flowGraphSchema.safeParse(noTrigger).error?.issues[0]?.message).toMatch(/exactly one trigger/);
  });

  it("refuses an unknown schema version and a bad node id", () => {
    expect(flowGraphSchema.safeParse({ ...emptyFlowGraph(), schemaVersion: 2 }).success).toBe(false);
    const badId = emptyFlowGraph();
    badId.nodes[0]!.id = "1 starts with a digit";
    expect(flowGraphSchema.safeParse(badId).success).toBe(false);
  });

  it("keeps step settings within bounds and fills in their defaults", () => {
    const withSettings = (settings: unknown): unknown => {
      const graph = graphWithHttpStep();
      return { ...graph, nodes: [graph.nodes[0], { ...graph.nodes[1], settings }] };
    };
    const parsed = flowGraphSchema.parse(withSettings({ maxAttempts: 5, timeoutMs: 10_000, onError: "branch" }));
    expect(parsed.nodes[1]?.settings).toEqual({ maxAttempts: 5, timeoutMs: 10_000, onError: "branch" });
    for (const bad of [
      { maxAttempts: 0 },
      { maxAttempts: 11 },
      { timeoutMs: 999 },
      { timeoutMs: 300_001 },
      { onError: "retry" },
    ]) {
      expect(flowGraphSchema.safeParse(withSettings(bad)).success).toBe(false);
    }
    expect(stepSettingsOf({})).toEqual({ maxAttempts: 3, timeoutMs: undefined, onError: "fail" });
    expect(stepSettingsOf({ settings: { onError: "continue" } })).toMatchObject({
      maxAttempts: 3,
      onError: "continue",
    });
  });

  it("accepts the each handle and names control node types by operation", () => {
    const graph = graphWithHttpStep();
    graph.edges[0] = { id: "e1", source: "trigger", target: "call_api", sourceHandle: "each" };
    expect(flowGraphSchema.safeParse(graph).success).toBe(true);
    expect([nodeTypeFor("core", "if"), nodeTypeFor("core", "forEach"), nodeTypeFor("core", "respond")]).toEqual([
      "if",
      "forEach",
      "respond",
    ]);
    expect([nodeTypeFor("core", "log"), nodeTypeFor("http", "if")]).toEqual(["action", "action"]);
  });
});
