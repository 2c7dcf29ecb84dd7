// The order a run visits a flow's nodes. Shared by validation (what Start refuses) and the executor (what it does),
// so the two can never disagree about which nodes run.
//
// A For each's loop body is everything reachable from its "each" edges; it runs once per item, so its nodes are
// listed under the For each (`bodies`) rather than among the top-level `steps`. Which branch of an If runs is only
// known at run time: the order here lists every node, and the executor skips the nodes no taken edge reaches.
import type { FlowEdge, FlowGraph, FlowNode } from "@/lib/flow-graph";

export interface ExecutionPlan {
  trigger: FlowNode | undefined;
  /** Top-level nodes after the trigger in the order they run: every node runs after all of its predecessors. */
  steps: FlowNode[];
  /** For each For each node's id: its loop body (without loops nested in it), in the order the nodes run. */
  bodies: ReadonlyMap<string, FlowNode[]>;
  /** For every node that can run: the For each whose loop body it is directly in, or null at the top level. */
  loopOf: ReadonlyMap<string, string | null>;
  /** The edges into each node. */
  incoming: ReadonlyMap<string, FlowEdge[]>;
  /** Edges that lead into a loop body other than through its For each's "each" edge, or out of one. */
  loopLeaks: FlowEdge[];
  /** Nodes no edge path from the trigger reaches. */
  unreachable: FlowNode[];
  /** Nodes caught in a cycle, which could never start. */
  cyclic: FlowNode[];
}

/** How people find a node: its label when it has one, otherwise its id. */
export function nodeName(node: FlowNode): string {
  return node.label?.trim() ? `"${node.label.trim()}"` : `"${node.id}"`;
}

export function planExecution(graph: FlowGraph): ExecutionPlan {
  const trigger = graph.nodes.find((node) => node.type === "trigger");
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const incoming = new Map<string, FlowEdge[]>(graph.nodes.map((node) => [node.id, []]));
  for (const edge of graph.edges) incoming.get(edge.target)?.push(edge);
  if (!trigger) {
    const none = { bodies: new Map<string, FlowNode[]>(), loopOf: new Map<string, string | null>(), loopLeaks: [] };
    return { trigger, steps: [], ...none, incoming, unreachable: graph.nodes, cyclic: [] };
  }

  // Reachability follows every edge (branches included) so that a branch node is not called unreachable.
  const reachable = reachFrom(graph.edges, [trigger.id]);

  // Kahn's topological order over the reachable graph; ties go by edge order so the canvas decides, not chance.
  const edges = graph.edges.filter((edge) => reachable.has(edge.source) && reachable.has(edge.target));
  const inDegree = new Map<string, number>([...reachable].map((id) => [id, 0]));
  for (const edge of edges) inDegree.set(edge.target, (inDegree.get(edge.target) ?? 0) + 1);
  const ready: string[] = [trigger.id];
  const ordered: FlowNode[] = [];
  while (ready.length > 0) {
    const id = ready.shift();
    const node = id === undefined ? undefined : byId.get(id);
    if (!node) continue;
    ordered.push(node);
    for (const edge of edges) {
      if (edge.source !== node.id) continue;
      const remaining = (inDegree.get(edge.target) ?? 0) - 1;
      inDegree.set(edge.target, remaining);
      if (remaining === 0) ready.push(edge.target);
    }
  }
  const orderedIds = new Set(ordered.map((node) => node.id));
  const orderedEdges = edges.filter((edge) => orderedIds.has(edge.source) && orderedIds.has(edge.target));
  const loops = assignLoops(ordered, orderedEdges, byId);
  return {
    trigger,
    steps: ordered.slice(1).filter((node) => loops.loopOf.get(node.id) === null),
    ...loops,
    incoming,
    unreachable: graph.nodes.filter((node) => !reachable.has(node.id)),
    cyclic: graph.nodes.filter((node) => reachable.has(node.id) && !orderedIds.has(node.id)),
  };
}

function reachFrom(edges: readonly FlowEdge[], start: readonly string[]): Set<string> {
  const reached = new Set<string>(start);
  const pending = [...start];
  while (pending.length > 0) {
    const id = pending.pop();
    for (const edge of edges) {
      if (edge.source === id && !reached.has(edge.target)) {
        reached.add(edge.target);
        pending.push(edge.target);
      }
    }
  }
  return reached;
}

/**
 * Puts every node in the innermost loop whose body holds it. Nested loops are bodies within bodies, and an inner
 * For each comes later in topological order than the outer one, so "innermost" is the latest containing For each.
 */
function assignLoops(
  ordered: readonly FlowNode[],
  edges: readonly FlowEdge[],
  byId: ReadonlyMap<string, FlowNode>,
): Pick<ExecutionPlan, "bodies" | "loopOf" | "loopLeaks"> {
  const loopOf = new Map<string, string | null>(ordered.map((node) => [node.id, null]));
  for (const loop of ordered) {
    if (loop.type !== "forEach") continue;
    const entries = edges
      .filter((edge) => edge.source === loop.id && edge.sourceHandle === "each")
      .map((edge) => edge.target);
    for (const id of reachFrom(edges, entries)) loopOf.set(id, loop.id);
  }
  const bodies = new Map<string, FlowNode[]>();
  for (const node of ordered) {
    if (node.type === "forEach")
      bodies.set(
        node.id,
        ordered.filter((member) => loopOf.get(member.id) === node.id),
      );
  }
  const loopLeaks = edges.filter((edge) => {
    const isEach = edge.sourceHandle === "each" && byId.get(edge.source)?.type === "forEach";
    const expected = isEach ? edge.source : (loopOf.get(edge.source) ?? null);
    return (loopOf.get(edge.target) ?? null) !== expected;
  });
  return { bodies, loopOf, loopLeaks };
}
