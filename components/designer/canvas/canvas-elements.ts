// The nodes and edges the canvas hands React Flow, built so that an unchanged step keeps the very same object from
// one render to the next. React Flow and the memoised node and edge components skip objects they have seen, so a
// drag or an edit of one step re-renders that step alone instead of all of them (the 200-node benchmark's frame time).
import type { Edge } from "@xyflow/react";
import { useMemo, useState } from "react";
import { type ConnectorManifest, resolveOperation } from "@/lib/connector-manifest";
import type { EdgeHandle, FlowGraph } from "@/lib/flow-graph";
import { visibleHandles } from "../graph/graph-edit";
import type { StepFlowNode, StepNodeData } from "../nodes/step-node";
import { madeByNode } from "../test-run/run-results";

export type Position = { x: number; y: number };
export type Size = { width: number; height: number };

const edgeColors: Partial<Record<EdgeHandle, string>> = {
  true: "#10b981",
  false: "#64748b",
  error: "#ef4444",
  each: "#8b5cf6",
};
// One style object per path kind, shared by every edge of that kind, so an edge's props stay equal between renders.
const edgeStyles = new Map<string | undefined, { strokeWidth: number; stroke: string | undefined }>();
function edgeStyle(handle: EdgeHandle) {
  const color = edgeColors[handle];
  const style = edgeStyles.get(color) ?? { strokeWidth: 2, stroke: color };
  edgeStyles.set(color, style);
  return style;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  return a === b;
}

function sameData(a: StepNodeData, b: StepNodeData): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof StepNodeData)[]);
  for (const key of keys) if (!sameValue(a[key], b[key])) return false;
  return true;
}

function sameNode(a: StepFlowNode, b: StepFlowNode): boolean {
  return (
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.selected === b.selected &&
    a.deletable === b.deletable &&
    a.measured?.width === b.measured?.width &&
    a.measured?.height === b.measured?.height &&
    sameData(a.data, b.data)
  );
}

/** A list builder's memory: each call returns the fresh items, except those equal to last call's, which it keeps. */
export function stableList<T extends { id: string }>(same: (a: T, b: T) => boolean): (fresh: T[]) => T[] {
  let previous = new Map<string, T>();
  return (fresh) => {
    const next = new Map<string, T>();
    const items = fresh.map((item) => {
      const old = previous.get(item.id);
      const kept = old && same(old, item) ? old : item;
      next.set(item.id, kept);
      return kept;
    });
    previous = next;
    return items;
  };
}

export const stableNodes = () => stableList<StepFlowNode>(sameNode);
export const stableEdges = () => stableList<Edge>(sameEdge);

export interface NodeInputs {
  graph: FlowGraph | null;
  manifest: ConnectorManifest | undefined;
  selectedNodeIds: readonly string[];
  problems: ReadonlyMap<string, string[]>;
  accounts: ReadonlyArray<{ id: string; name: string }> | undefined;
  testResults: Readonly<Record<string, { status: string; connectorId?: string; operation?: string } | undefined>>;
  sizes: ReadonlyMap<string, Size>;
}

const noProblems: string[] = [];

const pathOrder: readonly EdgeHandle[] = ["true", "false", "each", "next", "error"];

/**
 * The graph's nodes in the order a reader follows the flow: from the trigger down each path in turn (true before
 * false, each before next, the error path last), then any step not connected, as they were. Tab reaches the steps in
 * this order, whatever order they were added in.
 */
export function flowOrder(graph: FlowGraph): FlowGraph["nodes"] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, FlowGraph["edges"]>();
  for (const edge of graph.edges) {
    const list = outgoing.get(edge.source) ?? [];
    list.push(edge);
    outgoing.set(edge.source, list);
  }
  const rank = (handle: EdgeHandle) => pathOrder.indexOf(handle);
  const seen = new Set<string>();
  const ordered: FlowGraph["nodes"] = [];
  // Depth first, so a branch's steps stay together; the stack holds the paths still to follow, last one on top.
  const stack = graph.nodes
    .filter((node) => node.type === "trigger")
    .map((node) => node.id)
    .reverse();
  while (stack.length > 0) {
    const id = stack.pop() ?? "";
    const node = byId.get(id);
    if (!node || seen.has(id)) continue;
    seen.add(id);
    ordered.push(node);
    const paths = [...(outgoing.get(id) ?? [])].sort((a, b) => rank(a.sourceHandle) - rank(b.sourceHandle));
    for (const edge of paths.reverse()) stack.push(edge.target);
  }
  return ordered.length === graph.nodes.length
    ? ordered
    : [...ordered, ...graph.nodes.filter((node) => !seen.has(node.id))];
}

/** The canvas's nodes for the graph, fresh objects every call (stableNodes keeps the unchanged ones). */
export function stepNodes({
  graph,
  manifest,
  selectedNodeIds,
  problems,
  accounts,
  testResults,
  sizes,
}: NodeInputs): StepFlowNode[] {
  const selected = new Set(selectedNodeIds);
  const accountNames = new Map((accounts ?? []).map((account) => [account.id, account.name]));
  return (graph ? flowOrder(graph) : []).map((node): StepFlowNode => {
    const resolved = resolveOperation(manifest, node);
    const title = node.label || resolved?.operation.label || `${node.connectorId}.${node.operation}`;
    const application = resolved?.connector.name ?? node.connectorId;
    const problemList = problems.get(node.id) ?? noProblems;
    const result = testResults[node.id];
    return {
      id: node.id,
      type: "step",
      position: node.position,
      measured: sizes.get(node.id),
      selected: selected.has(node.id),
      deletable: node.type !== "trigger",
      ariaLabel: stepLabel(title, application, node.type === "trigger", problemList),
      data: {
        stepId: node.id,
        nodeType: node.type,
        handles: graph ? visibleHandles(graph, node) : [],
        isTrigger: node.type === "trigger",
        title,
        subtitle: application,
        icon: resolved?.connector.icon,
        accountName: node.accountId ? (accountNames.get(node.accountId) ?? (accounts ? null : "")) : null,
        problems: problemList,
        // A result stands for the node only while it runs the same operation: not after a trigger switch.
        testStatus: result && madeByNode(graph, node.id, result) ? result.status : undefined,
      },
    };
  });
}

/** The canvas's nodes; `dragged` holds where the nodes being dragged are now, ahead of the store (see FlowCanvas). */
export function useCanvasNodes(inputs: NodeInputs, dragged: ReadonlyMap<string, Position>): StepFlowNode[] {
  const [stable] = useState(stableNodes);
  const { graph, manifest, selectedNodeIds, problems, accounts, testResults, sizes } = inputs;
  const settled = useMemo(
    () => stable(stepNodes({ graph, manifest, selectedNodeIds, problems, accounts, testResults, sizes })),
    [stable, graph, manifest, selectedNodeIds, problems, accounts, testResults, sizes],
  );
  return useMemo(
    () =>
      dragged.size === 0
        ? settled
        : settled.map((node) => {
            const position = dragged.get(node.id);
            return position ? { ...node, position } : node;
          }),
    [settled, dragged],
  );
}

/** What a screen reader says on reaching a step: application, action and its problems, if any. */
export function stepLabel(title: string, application: string, isTrigger: boolean, problems: readonly string[]): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `${isTrigger ? "Trigger" : "Step"}: ${application}, ${title}${problems.length === 0 ? "" : `, ${count}: ${problems.join("; ")}`}`;
}

function sameEdge(a: Edge, b: Edge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    a.selected === b.selected &&
    a.style === b.style
  );
}

/** The canvas's edges, fresh objects every call (stableEdges keeps the unchanged ones). */
export function canvasEdges(edges: FlowGraph["edges"], selectedEdgeIds: readonly string[]): Edge[] {
  const selected = new Set(selectedEdgeIds);
  return edges.map((edge) => ({
    id: edge.id,
    type: "insert",
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
    selected: selected.has(edge.id),
    style: edgeStyle(edge.sourceHandle),
    ariaLabel: `Connection from ${edge.source} to ${edge.target}${edge.sourceHandle === "next" ? "" : `, ${edge.sourceHandle} path`}`,
  }));
}

export function useCanvasEdges(graph: FlowGraph | null, selectedEdgeIds: readonly string[]): Edge[] {
  const [stable] = useState(stableEdges);
  const edges = graph?.edges;
  return useMemo(() => stable(canvasEdges(edges ?? [], selectedEdgeIds)), [stable, edges, selectedEdgeIds]);
}
