import { describe, expect, it } from "vitest";
import type { ConnectorManifest } from "@/lib/connector-manifest";
import type { FlowGraph, FlowNode } from "@/lib/flow-graph";
import {
  availableData,
  fieldReferences,
  mergeSamples,
  noSamples,
  previewContextFor,
  samplesFromRun,
  upstreamOf,
} from "./available-data";
import { appendKey, buildField, filterFields } from "./data-fields";

function node(id: string, type: FlowNode["type"], operation = "log"): FlowNode {
  return { id, type, position: { x: 0, y: 0 }, connectorId: "core", operation, inputs: {} };
}

const manifest: ConnectorManifest = {
  connectors: [
    {
      id: "core",
      name: "Toolbox",
      description: "",
      icon: "wrench",
      testable: false,
      triggers: [
        {
          key: "manual",
          kind: "trigger",
          label: "Run now",
          description: "",
          group: "Toolbox",
          inputSchema: {},
          outputSchema: {},
        },
      ],
      actions: [
        {
          key: "http",
          kind: "action",
          label: "Send request",
          description: "",
          group: "Toolbox",
          inputSchema: {},
          outputSchema: {
            type: "object",
            properties: {
              status: { type: "integer", title: "Status code" },
              body: { anyOf: [{ type: "object", properties: { "order-no": { type: "string" } } }, { type: "null" }] },
            },
          },
        },
        { key: "log", kind: "action", label: "Log", description: "", group: "Toolbox", inputSchema: {} },
      ],
    },
  ],
};

// trigger -> http_1 -> loop_1 -(each)-> inner_1 -> inner_2 ; loop_1 -(next)-> after_1 ; trigger -> side_1 (a branch)
const graph: FlowGraph = {
  schemaVersion: 1,
  nodes: [
    node("trigger", "trigger", "manual"),
    node("http_1", "action", "http"),
    node("loop_1", "forEach", "forEach"),
    node("inner_1", "action"),
    node("inner_2", "action"),
    node("after_1", "action"),
    node("side_1", "action"),
  ],
  edges: [
    { id: "e1", source: "trigger", target: "http_1", sourceHandle: "next" },
    { id: "e2", source: "http_1", target: "loop_1", sourceHandle: "next" },
    { id: "e3", source: "loop_1", target: "inner_1", sourceHandle: "each" },
    { id: "e4", source: "inner_1", target: "inner_2", sourceHandle: "next" },
    { id: "e5", source: "loop_1", target: "after_1", sourceHandle: "next" },
    { id: "e6", source: "trigger", target: "side_1", sourceHandle: "next" },
  ],
};

const samples = samplesFromRun([
  { stepId: "trigger", input: null, output: { orderNo: "Y1", lines: [{ sku: "A" }, { sku: "B" }] } },
  { stepId: "http_1", input: {}, output: { status: 201, body: { "order-no": "IOM-1" } } },
  { stepId: "loop_1", input: { items: [{ sku: "A" }, { sku: "B" }] }, output: [] },
  { stepId: "inner_1#0", input: {}, output: { first: true } },
  { stepId: "inner_1#1", input: {}, output: { first: false } },
]);

describe("upstreamOf", () => {
  it("lists only the nodes that can run before, and the loop around a body node", () => {
    const upstream = upstreamOf(graph, "inner_2");
    expect(upstream.trigger?.id).toBe("trigger");
    expect(upstream.steps.map((step) => step.id)).toEqual(["http_1", "loop_1", "inner_1"]);
    expect(upstream.loop?.id).toBe("loop_1");
  });

  it("does not see the loop body or other branches after a loop", () => {
    const upstream = upstreamOf(graph, "after_1");
    expect(upstream.steps.map((step) => step.id)).toEqual(["http_1", "loop_1"]);
    expect(upstream.loop).toBeUndefined();
  });
});

describe("availableData", () => {
  it("builds trees from the output schema and the sample run", () => {
    const sources = availableData(graph, "inner_2", manifest, samples);
    expect(sources.map((source) => source.id)).toEqual(["trigger", "item", "index", "http_1", "loop_1", "inner_1"]);
    const trigger = sources[0]?.field;
    expect(trigger?.children.map((child) => child.reference)).toEqual(["trigger.orderNo", "trigger.lines"]);
    expect(trigger?.children[1]?.children[0]).toMatchObject({
      reference: "trigger.lines.sku",
      sample: { value: ["A", "B"] },
    });
    const http = sources.find((source) => source.id === "http_1")?.field;
    expect(http?.children[0]).toMatchObject({
      name: "status",
      title: "Status code",
      type: "number",
      sample: { value: 201 },
    });
    expect(http?.children[1]?.children[0]).toMatchObject({
      reference: "steps.http_1.body.`order-no`",
      type: "text",
      sample: { value: "IOM-1" },
    });
    expect(sources.find((source) => source.id === "item")?.field.children[0]).toMatchObject({
      reference: "item.sku",
      sample: { value: "A" },
    });
    expect(sources.find((source) => source.id === "inner_1")?.field.sample).toEqual({ value: { first: true } });
  });

  it("shows schema fields without samples when nothing has run", () => {
    const sources = availableData(graph, "after_1", manifest, noSamples);
    const http = sources.find((source) => source.id === "http_1")?.field;
    expect(http?.children.map((child) => child.name)).toEqual(["status", "body"]);
    expect(http?.children[0]?.sample).toBeUndefined();
  });
});

describe("fieldReferences", () => {
  it("offers the trigger, the loop's item and index and the outputs of the steps before the node, never its own", () => {
    const references = fieldReferences(availableData(graph, "inner_2", manifest, samples));
    expect(references).toContain("trigger");
    expect(references).toContain("trigger.lines.sku");
    expect(references).toContain("item.sku");
    expect(references).toContain("index");
    expect(references).toContain("steps.http_1.status");
    expect(references).toContain("steps.http_1.body.`order-no`");
    expect(references.some((reference) => reference.startsWith("steps.inner_2"))).toBe(false);
  });

  it("offers only the trigger to the first step", () => {
    const references = fieldReferences(availableData(graph, "http_1", manifest, noSamples));
    expect(references.some((reference) => reference.startsWith("steps."))).toBe(false);
    expect(references).toContain("trigger");
  });
});

describe("previewContextFor", () => {
  it("builds what the runtime gives expressions inside a loop", () => {
    expect(previewContextFor(graph, "inner_2", samples)).toEqual({
      trigger: { orderNo: "Y1", lines: [{ sku: "A" }, { sku: "B" }] },
      steps: { http_1: { status: 201, body: { "order-no": "IOM-1" } }, loop_1: [], inner_1: { first: true } },
      env: {},
      item: { sku: "A" },
      index: 0,
    });
  });

  it("is undefined without any sample", () => {
    expect(previewContextFor(graph, "inner_2", noSamples)).toBeUndefined();
  });

  it("prefers pinned samples", () => {
    const merged = mergeSamples(samples, { http_1: { status: 500 } });
    expect(previewContextFor(graph, "after_1", merged)?.steps.http_1).toEqual({ status: 500 });
  });
});

describe("data fields", () => {
  it("back-quotes keys that are not identifiers", () => {
    expect(appendKey("trigger", "orderNo")).toBe("trigger.orderNo");
    expect(appendKey("trigger", "order no")).toBe("trigger.`order no`");
    expect(appendKey("trigger", "and")).toBe("trigger.`and`");
    expect(appendKey("steps", "http-1")).toBe("steps.`http-1`");
  });

  it("filters by name and keeps the path to a match", () => {
    const field = buildField("trigger", "trigger", undefined, {
      value: { order: { orderNo: "1", total: 2 }, other: 1 },
    });
    const filtered = filterFields(field, "orderno");
    expect(filtered?.children.map((child) => child.name)).toEqual(["order"]);
    expect(filtered?.children[0]?.children.map((child) => child.name)).toEqual(["orderNo"]);
    expect(filterFields(field, "nothing-like-this")).toBeUndefined();
  });
});

describe("samplesFromRun after a switch", () => {
  it("leaves out a step whose node now runs another operation (the trigger the flow had before)", () => {
    const switched: FlowGraph = {
      ...graph,
      nodes: graph.nodes.map((entry) => (entry.id === "trigger" ? { ...entry, operation: "webhook" } : entry)),
    };
    const steps = [
      { stepId: "trigger", input: null, output: { orderNo: "Y1" }, connectorId: "core", operation: "manual" },
      {
        stepId: "http_1",
        input: {},
        output: { status: 201 },
        connectorId: graph.nodes.find((entry) => entry.id === "http_1")?.connectorId,
        operation: graph.nodes.find((entry) => entry.id === "http_1")?.operation,
      },
    ];
    expect(samplesFromRun(steps, switched).outputs).toEqual({ http_1: { status: 201 } });
    expect(Object.keys(samplesFromRun(steps, graph).outputs)).toEqual(["trigger", "http_1"]);
  });
});
