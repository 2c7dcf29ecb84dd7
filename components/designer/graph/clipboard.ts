// Copy and paste of steps through the system clipboard, as JSON text: a small versioned shape with a marker, so text
// copied from anywhere else is ignored and steps copied in one flow can be pasted into another.
import { z } from "zod";
import { flowEdgeSchema, flowNodeSchema, type FlowEdge, type FlowGraph, type FlowNode } from "@/lib/flow-graph";
import { isRecord } from "@/lib/is-record";
import { isTemplate, renameTemplateReferences } from "@/lib/templates";
import { edgeId, nextNodeId } from "./graph-edit";

export const CLIPBOARD_MARKER = "conflux/steps";

const clipboardSchema = z.object({
  marker: z.literal(CLIPBOARD_MARKER),
  version: z.literal(1),
  nodes: z.array(flowNodeSchema).min(1).max(500),
  edges: z.array(flowEdgeSchema).max(2000),
});
export type ClipboardSteps = z.infer<typeof clipboardSchema>;

/** How far a paste lands from the copied steps, repeated until it covers none of the steps already there. */
export const PASTE_OFFSET = 40;

/** The selected steps (never the trigger: a flow has one) and the edges between them, as clipboard text. */
export function copySteps(graph: FlowGraph, ids: readonly string[]): string | null {
  const wanted = new Set(ids);
  const nodes = graph.nodes.filter((node) => wanted.has(node.id) && node.type !== "trigger");
  if (nodes.length === 0) return null;
  const kept = new Set(nodes.map((node) => node.id));
  const edges = graph.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target));
  const content: ClipboardSteps = { marker: CLIPBOARD_MARKER, version: 1, nodes, edges };
  return JSON.stringify(content);
}

/** The steps in clipboard text, or null for anything that is not steps copied from a designer. */
export function readSteps(text: string): ClipboardSteps | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const result = clipboardSchema.safeParse(parsed);
  return result.success ? result.data : null;
}

/**
 * Adds copied steps with fresh ids, shifted so they do not cover what is there. Accounts stay only where `accountIds`
 * knows them (a step pasted into another workspace's flow must pick its own), and references between the pasted
 * steps (`steps.<old id>`) follow the new ids.
 */
export function pasteSteps(
  graph: FlowGraph,
  content: ClipboardSteps,
  accountIds: ReadonlySet<string>,
): { graph: FlowGraph; nodeIds: string[] } {
  const renamed = new Map<string, string>();
  let growing = graph;
  for (const node of content.nodes) {
    const id = nextNodeId(growing, node.connectorId, node.operation);
    renamed.set(node.id, id);
    growing = { ...growing, nodes: [...growing.nodes, { ...node, id }] };
  }
  const offset = freeOffset(graph, content.nodes);
  const nodes: FlowNode[] = content.nodes.map((node) => {
    const { accountId, ...rest } = node;
    const pasted: FlowNode = {
      ...rest,
      id: renamed.get(node.id) ?? node.id,
      position: { x: node.position.x + offset, y: node.position.y + offset },
      inputs: renameReferences(node.inputs, renamed),
    };
    return accountId && accountIds.has(accountId) ? { ...pasted, accountId } : pasted;
  });
  const edges: FlowEdge[] = content.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    return source && target
      ? [{ id: edgeId(source, target, edge.sourceHandle), source, target, sourceHandle: edge.sourceHandle }]
      : [];
  });
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    nodeIds: nodes.map((node) => node.id),
  };
}

function freeOffset(graph: FlowGraph, pasted: readonly FlowNode[]): number {
  const near = (a: { x: number; y: number }, b: { x: number; y: number }) =>
    Math.abs(a.x - b.x) < 10 && Math.abs(a.y - b.y) < 10;
  let offset = PASTE_OFFSET;
  while (
    pasted.some((node) =>
      graph.nodes.some((other) => near(other.position, { x: node.position.x + offset, y: node.position.y + offset })),
    )
  ) {
    offset += PASTE_OFFSET;
  }
  return offset;
}

// Only the `{{ }}` of templates hold references; the shared matcher also knows steps.`id` and skips string literals.
function renameReferences(
  inputs: Record<string, unknown>,
  renamed: ReadonlyMap<string, string>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).map(([key, value]) => [key, renameIn(value, renamed)]));
}

function renameIn(value: unknown, renamed: ReadonlyMap<string, string>): unknown {
  if (isTemplate(value)) return renameTemplateReferences(value, renamed);
  if (Array.isArray(value)) return value.map((item) => renameIn(item, renamed));
  if (isRecord(value)) return renameReferences(value, renamed);
  return value;
}
