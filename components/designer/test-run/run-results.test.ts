import { describe, expect, it } from "vitest";
import { emptyFlowGraph, flowGraphSchema, MAX_NODE_SAMPLE_BYTES, type FlowGraph } from "@/lib/flow-graph";
import {
  parseSampleJson,
  pinProblem,
  pinSample,
  samplesOf,
  stepResultsOf,
  testInputsOf,
  type RunStepLike,
} from "./run-results";

function graphWithLog(): FlowGraph {
  const graph = emptyFlowGraph();
  graph.nodes.push({
    id: "note",
    type: "action",
    position: { x: 0, y: 150 },
    connectorId: "core",
    operation: "log",
    inputs: {},
  });
  graph.edges.push({ id: "e1", source: "trigger", target: "note", sourceHandle: "next" });
  return graph;
}

function step(stepId: string, status: RunStepLike["status"], output: unknown, outputTruncated = false): RunStepLike {
  return { stepId, status, output, outputTruncated, error: null, attempts: 1, durationMs: 3 };
}

describe("test run results", () => {
  it("keys step results by step id", () => {
    const results = stepResultsOf([step("trigger", "succeeded", { a: 1 }), step("note", "failed", null)]);
    expect(results.trigger?.output).toEqual({ a: 1 });
    expect(results.note?.status).toBe("failed");
  });

  it("gathers a For each's steps (stored as <id>#<index>) under their node, item by item, the first standing for all", () => {
    const loop = { ...step("each", "succeeded", { items: 2 }), input: { items: [{ sku: "A" }, { sku: "B" }] } };
    const results = stepResultsOf([
      step("trigger", "succeeded", {}),
      loop,
      step("note#0", "succeeded", { message: "A" }),
      step("note#1", "failed", null),
    ]);
    expect(results.note?.status).toBe("failed");
    expect(results.note?.items?.map((item) => item.status)).toEqual(["succeeded", "failed"]);
    expect(results).not.toHaveProperty("note#0");
    // Previews inside the loop use the first item: its output and the loop's first item.
    expect(samplesOf(graphWithLog(), results).note).toEqual({ message: "A" });
    expect(testInputsOf(graphWithLog(), results).each).toEqual({ items: [{ sku: "A" }, { sku: "B" }] });
    const allRan = stepResultsOf([step("note#0", "succeeded", { message: "A" }), step("note#1", "succeeded", {})]);
    expect(allRan.note?.status).toBe("succeeded");
  });

  it("builds samples from pinned outputs, overridden by the latest test's whole succeeded outputs", () => {
    const graph = pinSample(graphWithLog(), "note", { message: "pinned" });
    expect(samplesOf(graph, {})).toEqual({ note: { message: "pinned" } });
    const results = stepResultsOf([
      step("trigger", "succeeded", { orderNo: "A" }),
      step("note", "succeeded", { message: "fresh" }),
    ]);
    expect(samplesOf(graph, results)).toEqual({ trigger: { orderNo: "A" }, note: { message: "fresh" } });
    const failed = stepResultsOf([step("note", "failed", null)]);
    expect(samplesOf(graph, failed)).toEqual({ note: { message: "pinned" } });
    const cut = stepResultsOf([step("note", "succeeded", { $truncated: true }, true)]);
    expect(samplesOf(graph, cut)).toEqual({ note: { message: "pinned" } });
  });

  it("pins and unpins a sample that the graph schema accepts", () => {
    const pinned = pinSample(graphWithLog(), "note", { message: "hi", level: "info" });
    expect(flowGraphSchema.parse(pinned).nodes[1]?.sample).toEqual({ message: "hi", level: "info" });
    const unpinned = pinSample(pinned, "note", undefined);
    expect("sample" in (unpinned.nodes[1] ?? {})).toBe(false);
  });

  it("refuses to pin what is missing, cut or too large, and the schema refuses an oversized sample", () => {
    const huge = { text: "x".repeat(MAX_NODE_SAMPLE_BYTES) };
    expect(pinProblem({ ok: true }, false)).toBeNull();
    expect(pinProblem(null, false)).toMatch(/no output/);
    expect(pinProblem({ ok: true }, true)).toMatch(/cut/);
    expect(pinProblem(huge, false)).toMatch(/larger than 64 KB/);
    const result = flowGraphSchema.safeParse(pinSample(graphWithLog(), "note", huge));
    expect(result.success).toBe(false);
  });

  it("parses pasted JSON, treating empty as {} and naming a syntax error", () => {
    expect(parseSampleJson("")).toEqual({ ok: true, value: {} });
    expect(parseSampleJson('{"orderNo":"A-1"}')).toEqual({ ok: true, value: { orderNo: "A-1" } });
    expect(parseSampleJson("[1, 2]")).toEqual({ ok: true, value: [1, 2] });
    const bad = parseSampleJson("{ orderNo: }");
    expect(bad.ok).toBe(false);
    expect(bad.ok ? "" : bad.message).toMatch(/^Not valid JSON/);
  });
});

describe("samples after the trigger is switched", () => {
  it("drops a test result the node's old operation made, keeping the others", () => {
    const graph = graphWithLog();
    const results = stepResultsOf([
      { ...step("trigger", "succeeded", { orderNo: "old" }), connectorId: "core", operation: "manual" },
      { ...step("note", "succeeded", { message: "hi" }), connectorId: "core", operation: "log" },
    ]);
    const switched: FlowGraph = {
      ...graph,
      nodes: graph.nodes.map((node) => (node.id === "trigger" ? { ...node, operation: "webhook" } : node)),
    };
    expect(samplesOf(switched, results)).toEqual({ note: { message: "hi" } });
    expect(samplesOf({ ...switched, nodes: graph.nodes }, results)).toEqual({
      trigger: { orderNo: "old" },
      note: { message: "hi" },
    });
  });
});
