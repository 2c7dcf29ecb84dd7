// The order a run visits a flow's nodes. Shared by validation (what Start refuses) and the executor (what it does),
// so the two can never disagree about which nodes run.
import type { FlowGraph, FlowNode } from "@/lib/flow-graph";

export interface ExecutionPlan {
  trigger: FlowNode | undefined;
  /** Nodes after the trigger in the order they run: every node runs after all of its predecessors. */
  steps: FlowNode[];
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
  if (!trigger) return { trigger, steps: [], unreachable: graph.nodes, cyclic: [] };

  // Reachability follows every edge (branches included) so that a branch node is not called unreachable.
  const reachable = new Set<string>([trigger.id]);
  const pending = [trigger.id];
  while (pending.length > 0) {
    const id = pending.pop();
    for (const edge of graph.edges) {
      if (edge.source === id && !reachable.has(edge.target)) {
        reachable.add(edge.target);
        pending.push(edge.target);
      }
    }
  }

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
  return {
    trigger,
    steps: ordered.slice(1),
    unreachable: graph.nodes.filter((node) => !reachable.has(node.id)),
    cyclic: graph.nodes.filter((node) => reachable.has(node.id) && !orderedIds.has(node.id)),
  };
}
