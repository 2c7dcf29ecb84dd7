import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow-graph";
import {
  canvasEdges,
  flowOrder,
  stableEdges,
  stableNodes,
  stepLabel,
  stepNodes,
  type NodeInputs,
} from "./canvas-elements";
import { moveNodes } from "../graph/graph-edit";

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
    { id: "b", type: "action", position: { x: 0, y: 300 }, connectorId: "core", operation: "log", inputs: {} },
  ],
  edges: [
    { id: "trigger-a", source: "trigger", target: "a", sourceHandle: "next" },
    { id: "a-b", source: "a", target: "b", sourceHandle: "next" },
  ],
};

const inputs = (overrides: Partial<NodeInputs> = {}): NodeInputs => ({
  graph,
  manifest: undefined,
  selectedNodeIds: [],
  problems: new Map([["b", ["Message is required"]]]),
  accounts: [],
  testResults: {},
  sizes: new Map(),
  ...overrides,
});

describe("the canvas's nodes", () => {
  it("keep the same object for every step an edit did not change", () => {
    const stable = stableNodes();
    const first = stable(stepNodes(inputs()));
    // Moving "a" and recomputing the problems (a new map with the same content) changes "a" alone.
    const moved = moveNodes(graph, new Map([["a", { x: 40, y: 150 }]]));
    const second = stable(stepNodes(inputs({ graph: moved, problems: new Map([["b", ["Message is required"]]]) })));
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.position).toEqual({ x: 40, y: 150 });
    expect(second[2]).toBe(first[2]);
  });

  it("show a test's status only on nodes that still run the operation it ran (not after a trigger switch)", () => {
    const testResults = {
      trigger: { status: "succeeded", connectorId: "core", operation: "manual" },
      a: { status: "failed", connectorId: "core", operation: "log" },
    };
    const before = stepNodes(inputs({ testResults }));
    expect(before.map((node) => node.data.testStatus)).toEqual(["succeeded", "failed", undefined]);
    const switched: FlowGraph = {
      ...graph,
      nodes: graph.nodes.map((node) => (node.id === "trigger" ? { ...node, operation: "webhook" } : node)),
    };
    const after = stepNodes(inputs({ graph: switched, testResults }));
    expect(after.map((node) => node.data.testStatus)).toEqual([undefined, "failed", undefined]);
  });

  it("give a step a new object when its selection or its problems change", () => {
    const stable = stableNodes();
    const first = stable(stepNodes(inputs()));
    const selected = stable(stepNodes(inputs({ selectedNodeIds: ["a"] })));
    expect(selected[1]).not.toBe(first[1]);
    expect(selected[1]?.selected).toBe(true);
    const fixed = stable(stepNodes(inputs({ selectedNodeIds: ["a"], problems: new Map() })));
    expect(fixed[2]).not.toBe(selected[2]);
    expect(fixed[2]?.data.problems).toEqual([]);
  });

  it("name each step for screen readers: application, action and problems", () => {
    const [trigger, , b] = stepNodes(inputs());
    expect(trigger?.ariaLabel).toBe("Trigger: core, core.manual");
    expect(b?.ariaLabel).toBe("Step: core, core.log, 1 problem: Message is required");
    expect(stepLabel("Send order", "HTTP", false, ["URL is required", "Choose an account"])).toBe(
      "Step: HTTP, Send order, 2 problems: URL is required; Choose an account",
    );
  });
});

describe("the canvas's edges", () => {
  it("keep their objects, styles included, until the edge or its selection changes", () => {
    const stable = stableEdges();
    const first = stable(canvasEdges(graph.edges, []));
    const again = stable(canvasEdges([...graph.edges], []));
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    const selected = stable(canvasEdges(graph.edges, ["a-b"]));
    expect(selected[0]).toBe(first[0]);
    expect(selected[1]).not.toBe(first[1]);
    expect(selected[1]?.style).toBe(first[1]?.style);
  });
});

describe("flowOrder", () => {
  const step = (id: string, type: "trigger" | "action" | "if" = "action") => ({
    id,
    type,
    position: { x: 0, y: 0 },
    connectorId: "core",
    operation: type === "if" ? "if" : "log",
    inputs: {},
  });
  const path = (source: string, target: string, sourceHandle: "next" | "true" | "false" = "next") => ({
    id: `${source}-${target}`,
    source,
    target,
    sourceHandle,
  });

  it("follows the flow from the trigger, the true branch before the false one, whatever order the steps were added in", () => {
    const graph = {
      schemaVersion: 1 as const,
      nodes: [
        step("late"),
        step("no"),
        step("yes_then"),
        step("trigger", "trigger"),
        step("check", "if"),
        step("yes"),
        step("loose"),
      ],
      edges: [
        path("check", "no", "false"),
        path("trigger", "check"),
        path("check", "yes", "true"),
        path("yes", "yes_then"),
        path("no", "late"),
      ],
    };
    expect(flowOrder(graph).map((node) => node.id)).toEqual([
      "trigger",
      "check",
      "yes",
      "yes_then",
      "no",
      "late",
      "loose",
    ]);
  });
});
