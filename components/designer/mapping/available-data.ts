// The data a node can map from: the trigger's output and the outputs of the steps that can run before it (walking
// the graph backwards), plus `item` and `index` inside a For each, each as a field tree with sample values when a
// run (or a pinned test sample) has them. Also builds the context the preview evaluates templates against.
import { type ConnectorManifest, resolveOperation } from "@/lib/connector-manifest";
import type { FlowGraph, FlowNode } from "@/lib/flow-graph";
import type { PreviewContext } from "@/lib/template-check";
import { buildField, stepReference, type DataField } from "./data-fields";

export interface DataSource {
  /** "trigger", a step id, "item" or "index". */
  id: string;
  label: string;
  field: DataField;
}

/** Real values by step id: outputs, and inputs (a For each's input holds its `items`). */
export interface SampleData {
  outputs: Record<string, unknown>;
  inputs: Record<string, unknown>;
}

export const noSamples: SampleData = { outputs: {}, inputs: {} };

export interface Upstream {
  trigger: FlowNode | undefined;
  /** Steps (not the trigger) that can run before the node, in the graph's order. */
  steps: FlowNode[];
  /** The For each whose loop body holds the node most closely, if any. */
  loop: FlowNode | undefined;
}

/** Walks the edges backwards from `nodeId`; a For each reached through its "each" edge is a loop around the node. */
export function upstreamOf(graph: FlowGraph, nodeId: string): Upstream {
  const seen = new Set<string>([nodeId]);
  const queue = [nodeId];
  let loopId: string | undefined;
  while (queue.length > 0) {
    const id = queue.shift();
    for (const edge of graph.edges) {
      if (edge.target !== id) continue;
      if (edge.sourceHandle === "each" && loopId === undefined) loopId = edge.source;
      if (seen.has(edge.source)) continue;
      seen.add(edge.source);
      queue.push(edge.source);
    }
  }
  seen.delete(nodeId);
  const ancestors = graph.nodes.filter((node) => seen.has(node.id));
  return {
    trigger: ancestors.find((node) => node.type === "trigger"),
    steps: ancestors.filter((node) => node.type !== "trigger"),
    loop: graph.nodes.find((node) => node.id === loopId),
  };
}

function nodeLabel(node: FlowNode, manifest: ConnectorManifest | undefined): string {
  return node.label?.trim() || resolveOperation(manifest, node)?.operation.label || node.id;
}

function sampleOf(record: Record<string, unknown>, id: string): { value: unknown } | undefined {
  return id in record ? { value: record[id] } : undefined;
}

/** The first item a For each ran over in the sample run. */
function firstItem(samples: SampleData, loopId: string): { value: unknown } | undefined {
  const input = samples.inputs[loopId];
  if (typeof input !== "object" || input === null || !("items" in input) || !Array.isArray(input.items))
    return undefined;
  return input.items.length > 0 ? { value: input.items[0] } : undefined;
}

export function availableData(
  graph: FlowGraph,
  nodeId: string,
  manifest: ConnectorManifest | undefined,
  samples: SampleData,
): DataSource[] {
  const upstream = upstreamOf(graph, nodeId);
  const sources: DataSource[] = [];
  if (upstream.trigger) {
    const { trigger } = upstream;
    const schema = resolveOperation(manifest, trigger)?.operation.outputSchema;
    sources.push({
      id: "trigger",
      label: `Trigger: ${nodeLabel(trigger, manifest)}`,
      field: buildField("trigger", "trigger", schema, sampleOf(samples.outputs, trigger.id)),
    });
  }
  if (upstream.loop) {
    const item = firstItem(samples, upstream.loop.id);
    sources.push({
      id: "item",
      label: `Current item of ${nodeLabel(upstream.loop, manifest)}`,
      field: buildField("item", "item", undefined, item),
    });
    sources.push({
      id: "index",
      label: "Position of the current item (from 0)",
      field: buildField("index", "index", { type: "integer" }, item ? { value: 0 } : undefined),
    });
  }
  for (const step of upstream.steps) {
    const schema = resolveOperation(manifest, step)?.operation.outputSchema;
    sources.push({
      id: step.id,
      label: nodeLabel(step, manifest),
      field: buildField(step.id, stepReference(step.id), schema, sampleOf(samples.outputs, step.id)),
    });
  }
  return sources;
}

/**
 * Every field reference the sources' trees hold (the roots too, as the data tree offers them), in the tree's order:
 * the suggestions an If's condition rows offer, so they name the same data the tree shows, `item` and `index` included.
 */
export function fieldReferences(sources: readonly DataSource[]): string[] {
  const references: string[] = [];
  const walk = (field: DataField) => {
    references.push(field.reference);
    field.children.forEach(walk);
  };
  for (const source of sources) walk(source.field);
  // The datalist keys its options by reference, so each is listed once.
  return [...new Set(references)];
}

/** What a run would give the node's expressions, filled from sample data; undefined when there is none at all. */
export function previewContextFor(graph: FlowGraph, nodeId: string, samples: SampleData): PreviewContext | undefined {
  const upstream = upstreamOf(graph, nodeId);
  const steps: Record<string, unknown> = {};
  for (const step of upstream.steps) if (step.id in samples.outputs) steps[step.id] = samples.outputs[step.id];
  const hasTrigger = upstream.trigger !== undefined && upstream.trigger.id in samples.outputs;
  if (!hasTrigger && Object.keys(steps).length === 0) return undefined;
  const context: PreviewContext = {
    trigger: upstream.trigger ? samples.outputs[upstream.trigger.id] : undefined,
    steps,
    env: {},
  };
  const item = upstream.loop ? firstItem(samples, upstream.loop.id) : undefined;
  if (item) {
    context.item = item.value;
    context.index = 0;
  }
  return context;
}

/**
 * Sample data from a finished run's steps. Steps inside a For each are stored as `<id>#<index>`; the first
 * iteration's output stands for the step. A step made by another operation than its node's now (the trigger the flow
 * had before it was switched) is left out: its data has another shape.
 */
export function samplesFromRun(
  steps: ReadonlyArray<{ stepId: string; input: unknown; output: unknown; connectorId?: string; operation?: string }>,
  graph?: FlowGraph | null,
): SampleData {
  const outputs: Record<string, unknown> = {};
  const inputs: Record<string, unknown> = {};
  for (const step of steps) {
    const [id, ...indices] = step.stepId.split("#");
    if (!id || indices.some((index) => index !== "0")) continue;
    const node = graph?.nodes.find((candidate) => candidate.id === id);
    if (
      node &&
      step.connectorId !== undefined &&
      (node.connectorId !== step.connectorId || node.operation !== step.operation)
    )
      continue;
    outputs[id] = step.output;
    inputs[id] = step.input;
  }
  return { outputs, inputs };
}

/** Pinned test samples (keyed by step id) win over the latest run's outputs, and the latest test's inputs over its. */
export function mergeSamples(
  run: SampleData,
  pinned: Record<string, unknown> | undefined,
  testInputs: Record<string, unknown> = {},
): SampleData {
  return {
    outputs: pinned ? { ...run.outputs, ...pinned } : run.outputs,
    inputs: { ...run.inputs, ...testInputs },
  };
}
