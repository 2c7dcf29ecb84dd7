// Test graphs with branches and loops, written as node specs and [source, target, handle] edges.
import {
  controlOperations,
  FLOW_GRAPH_SCHEMA_VERSION,
  type ControlNodeType,
  type EdgeHandle,
  type FlowGraph,
  type FlowNode,
  type StepSettings,
} from "@/lib/flow-graph";

type Spec = Pick<FlowNode, "id" | "type" | "connectorId" | "operation"> & Partial<FlowNode>;

export const manualTrigger = (id = "trigger"): Spec => ({
  id,
  type: "trigger",
  connectorId: "core",
  operation: "manual",
});

export const logStep = (id: string, message: string, settings?: StepSettings): Spec => ({
  id,
  type: "action",
  connectorId: "core",
  operation: "log",
  inputs: { message },
  ...(settings ? { settings } : {}),
});

export const httpStep = (id: string, inputs: Record<string, unknown>, settings?: StepSettings): Spec => ({
  id,
  type: "action",
  connectorId: "http",
  operation: "request",
  inputs,
  ...(settings ? { settings } : {}),
});

export const controlStep = (type: ControlNodeType, id: string, inputs: Record<string, unknown>): Spec => ({
  id,
  type,
  connectorId: "core",
  operation: controlOperations[type],
  inputs,
});

export function buildGraph(specs: Spec[], edges: Array<[string, string, EdgeHandle?]>): FlowGraph {
  return {
    schemaVersion: FLOW_GRAPH_SCHEMA_VERSION,
    nodes: specs.map((spec, index) => ({ position: { x: 0, y: index * 150 }, inputs: {}, ...spec })),
    edges: edges.map(([source, target, handle = "next"]) => ({
      id: `${source}-${handle}-${target}`,
      source,
      target,
      sourceHandle: handle,
    })),
  };
}
