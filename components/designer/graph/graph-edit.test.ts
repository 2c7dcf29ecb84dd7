import { describe, expect, it } from "vitest";
import { emptyFlowGraph, flowGraphSchema } from "@/lib/flow-graph";
import {
  appendStep,
  chainEnd,
  connect,
  defaultInputs,
  insertStepOnEdge,
  nextNodeId,
  moveNodes,
  removeEdges,
  removeNodes,
  updateSettings,
  visibleHandles,
} from "./graph-edit";

const http = { connectorId: "http", operation: "request", inputs: { method: "GET" } };

describe("graph edits", () => {
  it("appends steps to the end of the chain with readable ids and keeps the graph valid", () => {
    const first = appendStep(emptyFlowGraph(), http);
    const second = appendStep(first.graph, http);
    expect(first.nodeId).toBe("http_request_1");
    expect(second.nodeId).toBe("http_request_2");
    expect(second.graph.edges.map((edge) => [edge.source, edge.target])).toEqual([
      ["trigger", "http_request_1"],
      ["http_request_1", "http_request_2"],
    ]);
    expect(chainEnd(second.graph)?.id).toBe("http_request_2");
    expect(flowGraphSchema.safeParse(second.graph).success).toBe(true);
  });

  it("reuses no id, even after a delete", () => {
    const { graph } = appendStep(appendStep(emptyFlowGraph(), http).graph, http);
    const without = removeNodes(graph, ["http_request_1"]);
    expect(nextNodeId(without, "http", "request")).toBe("http_request_1");
    expect(nextNodeId(graph, "http", "request")).toBe("http_request_3");
  });

  it("bridges the gap when a middle step is deleted and never deletes the trigger", () => {
    const { graph } = appendStep(appendStep(emptyFlowGraph(), http).graph, http);
    const bridged = removeNodes(graph, ["http_request_1", "trigger"]);
    expect(bridged.nodes.map((node) => node.id)).toEqual(["trigger", "http_request_2"]);
    expect(bridged.edges.map((edge) => [edge.source, edge.target])).toEqual([["trigger", "http_request_2"]]);
  });

  it("refuses edges into the trigger and onto the same node, and keeps one next edge per node", () => {
    const { graph } = appendStep(appendStep(emptyFlowGraph(), http).graph, http);
    expect(connect(graph, "http_request_1", "trigger")).toBe(graph);
    expect(connect(graph, "http_request_1", "http_request_1")).toBe(graph);
    const rewired = connect(graph, "trigger", "http_request_2");
    expect(rewired.edges.filter((edge) => edge.source === "trigger").map((edge) => edge.target)).toEqual([
      "http_request_2",
    ]);
  });

  it("prefills declared defaults but leaves empty objects out", () => {
    const schema = {
      type: "object",
      properties: { method: { default: "GET" }, headers: { default: {} }, url: { type: "string" } },
    };
    expect(defaultInputs(schema)).toEqual({ method: "GET" });
  });

  it("adds If, For each and Respond as control nodes on the right paths", () => {
    const core = (operation: string) => ({ connectorId: "core", operation, inputs: {} });
    let graph = appendStep(emptyFlowGraph(), core("if")).graph;
    graph = appendStep(graph, core("forEach")).graph;
    graph = appendStep(graph, core("log")).graph;
    graph = appendStep(graph, core("respond")).graph;
    expect(graph.nodes.map((node) => [node.id, node.type])).toEqual([
      ["trigger", "trigger"],
      ["if_1", "if"],
      ["forEach_1", "forEach"],
      ["core_log_1", "action"],
      ["respond_1", "respond"],
    ]);
    // The If's true branch leads on; the first step after a For each is its loop body, the next one follows the loop.
    expect(graph.edges.map((edge) => `${edge.source}-${edge.sourceHandle}->${edge.target}`)).toEqual([
      "trigger-next->if_1",
      "if_1-true->forEach_1",
      "forEach_1-each->core_log_1",
      "forEach_1-next->respond_1",
    ]);
    expect(chainEnd(graph)?.id).toBe("respond_1");
    expect(flowGraphSchema.safeParse(graph).success).toBe(true);
    // The loop body and the step after the loop sit side by side, not on top of each other.
    const body = graph.nodes.find((node) => node.id === "core_log_1")?.position;
    const after = graph.nodes.find((node) => node.id === "respond_1")?.position;
    expect(after?.y).toBe(body?.y);
    expect(Math.abs((after?.x ?? 0) - (body?.x ?? 0))).toBeGreaterThanOrEqual(280);
  });

  it("connects from a handle, one edge per handle, and refuses handles the node does not have", () => {
    let graph = appendStep(emptyFlowGraph(), { connectorId: "core", operation: "if", inputs: {} }).graph;
    graph = appendStep(graph, http).graph;
    graph = appendStep(graph, http).graph;
    const branched = connect(graph, "if_1", "http_request_2", "false");
    expect(
      branched.edges.filter((edge) => edge.source === "if_1").map((edge) => [edge.sourceHandle, edge.target]),
    ).toEqual([
      ["true", "http_request_1"],
      ["false", "http_request_2"],
    ]);
    const moved = connect(branched, "if_1", "http_request_1", "false");
    expect(moved.edges.filter((edge) => edge.sourceHandle === "false").map((edge) => edge.target)).toEqual([
      "http_request_1",
    ]);
    expect(connect(graph, "if_1", "http_request_2", "next")).toBe(graph);
    expect(connect(graph, "http_request_1", "http_request_2", "each")).toBe(graph);
    expect(connect(graph, "http_request_1", "http_request_2", "error").edges.at(-1)).toMatchObject({
      sourceHandle: "error",
    });
  });

  it("stores only the settings that differ from the defaults and shows the error handle for branch", () => {
    const { graph } = appendStep(emptyFlowGraph(), http);
    const node = () => {
      const found = withSettings.nodes[1];
      if (!found) throw new Error("the step is gone");
      return found;
    };
    let withSettings = updateSettings(graph, "http_request_1", { maxAttempts: 5, onError: "branch" });
    expect(node().settings).toEqual({ maxAttempts: 5, onError: "branch" });
    expect(visibleHandles(withSettings, node())).toEqual(["next", "error"]);
    withSettings = updateSettings(withSettings, "http_request_1", { onError: undefined, timeoutMs: 5_000 });
    expect(node().settings).toEqual({ maxAttempts: 5, timeoutMs: 5_000 });
    expect(visibleHandles(withSettings, node())).toEqual(["next"]);
    withSettings = updateSettings(withSettings, "http_request_1", { maxAttempts: undefined, timeoutMs: undefined });
    expect(node()).not.toHaveProperty("settings");
    expect(flowGraphSchema.safeParse(withSettings).success).toBe(true);
  });

  it("inserts a step on an edge, keeping the edge's path in and moving what follows down", () => {
    let graph = appendStep(emptyFlowGraph(), { connectorId: "core", operation: "if", inputs: {} }).graph;
    graph = appendStep(graph, http).graph;
    const before = graph.nodes.find((node) => node.id === "http_request_1")?.position;
    const split = graph.edges.find((edge) => edge.source === "if_1");
    const inserted = insertStepOnEdge(graph, split?.id ?? "", { connectorId: "core", operation: "log", inputs: {} });
    if (!inserted) throw new Error("nothing inserted");
    expect(inserted.nodeId).toBe("core_log_1");
    expect(inserted.graph.edges.map((edge) => `${edge.source}-${edge.sourceHandle}->${edge.target}`)).toEqual([
      "trigger-next->if_1",
      "if_1-true->core_log_1",
      "core_log_1-next->http_request_1",
    ]);
    expect(inserted.graph.nodes.find((node) => node.id === "core_log_1")?.position).toEqual(before);
    expect(inserted.graph.nodes.find((node) => node.id === "http_request_1")?.position.y).toBe((before?.y ?? 0) + 150);
    expect(flowGraphSchema.safeParse(inserted.graph).success).toBe(true);
    // An If inserted mid-chain passes the rest on along its true path.
    const withIf = insertStepOnEdge(graph, "trigger-next-if_1", { connectorId: "core", operation: "if", inputs: {} });
    expect(
      withIf?.graph.edges.some(
        (edge) => edge.source === "if_2" && edge.sourceHandle === "true" && edge.target === "if_1",
      ),
    ).toBe(true);
    expect(insertStepOnEdge(graph, "no-such-edge", http)).toBeNull();
  });

  it("leaves the graph alone when removing or moving nothing, so no empty undo step is recorded", () => {
    const { graph } = appendStep(emptyFlowGraph(), http);
    expect(removeEdges(graph, ["nope"])).toBe(graph);
    expect(removeNodes(graph, ["gone"])).toBe(graph);
    expect(moveNodes(graph, new Map([["trigger", { x: 0, y: 0 }]]))).toBe(graph);
    const moved = moveNodes(
      graph,
      new Map([
        ["trigger", { x: 5, y: 0 }],
        ["http_request_1", { x: 5, y: 150 }],
      ]),
    );
    expect(moved.nodes.map((node) => node.position.x)).toEqual([5, 5]);
  });
});
