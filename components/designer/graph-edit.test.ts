import { describe, expect, it } from "vitest";
import { emptyFlowGraph, flowGraphSchema } from "@/lib/flow-graph";
import { appendStep, chainEnd, connect, defaultInputs, nextNodeId, removeNodes } from "./graph-edit";

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
    expect(rewired.edges.filter((edge) => edge.source === "trigger").map((edge) => edge.target)).toEqual(["http_request_2"]);
  });

  it("prefills declared defaults but leaves empty objects out", () => {
    const schema = {
      type: "object",
      properties: { method: { default: "GET" }, headers: { default: {} }, url: { type: "string" } },
    };
    expect(defaultInputs(schema)).toEqual({ method: "GET" });
  });
});
