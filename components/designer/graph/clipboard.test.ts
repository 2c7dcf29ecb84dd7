import { describe, expect, it } from "vitest";
import { emptyFlowGraph, flowGraphSchema, type FlowGraph } from "@/lib/flow-graph";
import { CLIPBOARD_MARKER, PASTE_OFFSET, copySteps, pasteSteps, readSteps } from "./clipboard";
import { appendStep, updateNode } from "./graph-edit";

const http = { connectorId: "http", operation: "request", inputs: {} };

function twoSteps(): FlowGraph {
  let graph = appendStep(appendStep(emptyFlowGraph(), http).graph, http).graph;
  graph = updateNode(graph, "http_request_1", { accountId: "acc-1" });
  graph = updateNode(graph, "http_request_2", {
    accountId: "acc-gone",
    inputs: { body: "{{ steps.http_request_1.body }}" },
  });
  return graph;
}

describe("clipboard", () => {
  it("copies the selected steps and the edges between them, never the trigger", () => {
    const text = copySteps(twoSteps(), ["trigger", "http_request_1", "http_request_2"]);
    const content = text ? readSteps(text) : null;
    expect(content?.marker).toBe(CLIPBOARD_MARKER);
    expect(content?.nodes.map((node) => node.id)).toEqual(["http_request_1", "http_request_2"]);
    expect(content?.edges.map((edge) => `${edge.source}->${edge.target}`)).toEqual(["http_request_1->http_request_2"]);
    expect(copySteps(twoSteps(), ["trigger"])).toBeNull();
  });

  it("ignores foreign text", () => {
    expect(readSteps("hello")).toBeNull();
    expect(readSteps('{"nodes":[],"edges":[]}')).toBeNull();
    expect(readSteps(JSON.stringify({ marker: CLIPBOARD_MARKER, version: 2, nodes: [], edges: [] }))).toBeNull();
  });

  it("pastes with fresh ids, offset positions, rewired references and only known accounts", () => {
    const graph = twoSteps();
    const content = readSteps(copySteps(graph, ["http_request_1", "http_request_2"]) ?? "");
    if (!content) throw new Error("nothing copied");
    const pasted = pasteSteps(graph, content, new Set(["acc-1"]));
    expect(pasted.nodeIds).toEqual(["http_request_3", "http_request_4"]);
    const byId = (id: string) => pasted.graph.nodes.find((node) => node.id === id);
    expect(byId("http_request_3")?.position).toEqual({
      x: (byId("http_request_1")?.position.x ?? 0) + PASTE_OFFSET,
      y: (byId("http_request_1")?.position.y ?? 0) + PASTE_OFFSET,
    });
    expect(byId("http_request_3")?.accountId).toBe("acc-1");
    expect(byId("http_request_4")).not.toHaveProperty("accountId");
    expect(byId("http_request_4")?.inputs.body).toBe("{{ steps.http_request_3.body }}");
    expect(pasted.graph.edges.at(-1)).toMatchObject({
      source: "http_request_3",
      target: "http_request_4",
      sourceHandle: "next",
    });
    expect(flowGraphSchema.safeParse(pasted.graph).success).toBe(true);

    // Pasting again does not land on the first paste.
    const again = pasteSteps(pasted.graph, content, new Set());
    const first = again.graph.nodes.find((node) => node.id === "http_request_5")?.position;
    expect(first).toEqual({
      x: (byId("http_request_1")?.position.x ?? 0) + 2 * PASTE_OFFSET,
      y: (byId("http_request_1")?.position.y ?? 0) + 2 * PASTE_OFFSET,
    });
  });

  it("pastes into another flow", () => {
    const content = readSteps(copySteps(twoSteps(), ["http_request_2"]) ?? "");
    if (!content) throw new Error("nothing copied");
    const pasted = pasteSteps(emptyFlowGraph(), content, new Set());
    expect(pasted.nodeIds).toEqual(["http_request_1"]);
    // The reference points at a step that was not pasted, so it stays as it was.
    expect(pasted.graph.nodes[1]?.inputs.body).toBe("{{ steps.http_request_1.body }}");
    expect(flowGraphSchema.safeParse(pasted.graph).success).toBe(true);
  });

  it("renames references written steps.`id`, for ids holding -, but not text inside string literals", () => {
    const copied = readSteps(copySteps(twoSteps(), ["http_request_1", "http_request_2"]) ?? "");
    if (!copied) throw new Error("nothing copied");
    const [first, second] = copied.nodes;
    if (!first || !second) throw new Error("two steps expected");
    const content = {
      ...copied,
      nodes: [
        { ...first, id: "fetch-order" },
        {
          ...second,
          inputs: { body: '{{ steps.`fetch-order`.body & "steps.`fetch-order`" }}', note: "from steps.`fetch-order`" },
        },
      ],
      edges: copied.edges.map((edge) => ({ ...edge, source: "fetch-order" })),
    };
    const pasted = pasteSteps(twoSteps(), content, new Set());
    const [, renamedSecond] = pasted.nodeIds;
    expect(pasted.graph.nodes.find((node) => node.id === renamedSecond)?.inputs).toEqual({
      body: '{{ steps.http_request_3.body & "steps.`fetch-order`" }}',
      note: "from steps.`fetch-order`",
    });
  });
});
