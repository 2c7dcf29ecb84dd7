// Edits of the flow graph as pure functions: the designer's store applies them, and they are unit-tested without a
// browser. Every function returns a new graph and leaves its argument untouched.
import type { FlowEdge, FlowGraph, FlowNode } from "@/lib/flow-graph";
import type { JsonSchema } from "@/lib/connector-manifest";

const STEP_GAP_Y = 150;

export function findNode(graph: FlowGraph, id: string): FlowNode | undefined {
  return graph.nodes.find((node) => node.id === id);
}

/** Ids read like the step they name (`http_request_1`), so templates such as `{{ http_request_1.body }}` make sense. */
export function nextNodeId(graph: FlowGraph, connectorId: string, operation: string): string {
  const base = `${connectorId}_${operation}`.replace(/[^A-Za-z0-9_-]/g, "_").replace(/^[^A-Za-z]+/, "step_");
  const taken = new Set(graph.nodes.map((node) => node.id));
  let n = 1;
  while (taken.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

/** The last node of the main path: follow `next` edges from the trigger until one has none. */
export function chainEnd(graph: FlowGraph): FlowNode | undefined {
  let current = graph.nodes.find((node) => node.type === "trigger");
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    const currentId = current.id;
    const edge = graph.edges.find((candidate) => candidate.source === currentId && candidate.sourceHandle === "next");
    if (!edge) return current;
    current = findNode(graph, edge.target);
  }
  return current;
}

/** Initial field values: the defaults the connector declared, so the form shows what will be sent. */
export function defaultInputs(schema: JsonSchema | undefined): Record<string, unknown> {
  const properties = schema?.properties;
  if (typeof properties !== "object" || properties === null) return {};
  const inputs: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    if (typeof property === "object" && property !== null && "default" in property) {
      const value: unknown = property.default;
      // An empty default (`{}`) says "optional"; leaving it out keeps the stored graph small.
      if (!(typeof value === "object" && value !== null && Object.keys(value).length === 0)) inputs[key] = value;
    }
  }
  return inputs;
}

function edgeId(source: string, target: string, handle: string): string {
  return `${source}-${handle}-${target}`;
}

/** Adds an action at the end of the main path, wired to the node before it. */
export function appendStep(
  graph: FlowGraph,
  step: { connectorId: string; operation: string; inputs: Record<string, unknown> },
): { graph: FlowGraph; nodeId: string } {
  const id = nextNodeId(graph, step.connectorId, step.operation);
  const end = chainEnd(graph);
  const position = end ? { x: end.position.x, y: end.position.y + STEP_GAP_Y } : { x: 0, y: 0 };
  const node: FlowNode = { id, type: "action", position, connectorId: step.connectorId, operation: step.operation, inputs: step.inputs };
  const edges = end ? [...graph.edges, { id: edgeId(end.id, id, "next"), source: end.id, target: id, sourceHandle: "next" as const }] : graph.edges;
  return { graph: { ...graph, nodes: [...graph.nodes, node], edges }, nodeId: id };
}

/**
 * Removes nodes (never the trigger) and their edges. A removed node with one way in and one way out is bridged, so
 * deleting the middle step of a chain keeps the chain.
 */
export function removeNodes(graph: FlowGraph, ids: readonly string[]): FlowGraph {
  const doomed = new Set(ids.filter((id) => findNode(graph, id)?.type !== "trigger"));
  if (doomed.size === 0) return graph;
  let edges: FlowEdge[] = graph.edges;
  for (const id of doomed) {
    const incoming = edges.filter((edge) => edge.target === id);
    const outgoing = edges.filter((edge) => edge.source === id && edge.sourceHandle === "next");
    const into = incoming[0];
    const out = outgoing[0];
    edges = edges.filter((edge) => edge.source !== id && edge.target !== id);
    if (incoming.length === 1 && outgoing.length === 1 && into && out) {
      edges = [...edges, { id: edgeId(into.source, out.target, into.sourceHandle), source: into.source, target: out.target, sourceHandle: into.sourceHandle }];
    }
  }
  return { ...graph, nodes: graph.nodes.filter((node) => !doomed.has(node.id)), edges };
}

export function removeEdges(graph: FlowGraph, ids: readonly string[]): FlowGraph {
  const doomed = new Set(ids);
  return { ...graph, edges: graph.edges.filter((edge) => !doomed.has(edge.id)) };
}

/** Connects two nodes; refuses loops onto itself, edges into the trigger, and a second `next` from one node. */
export function connect(graph: FlowGraph, source: string, target: string): FlowGraph {
  if (source === target || findNode(graph, target)?.type === "trigger") return graph;
  if (!findNode(graph, source) || !findNode(graph, target)) return graph;
  const others = graph.edges.filter((edge) => !(edge.source === source && edge.sourceHandle === "next"));
  return { ...graph, edges: [...others, { id: edgeId(source, target, "next"), source, target, sourceHandle: "next" }] };
}

export function moveNode(graph: FlowGraph, id: string, position: { x: number; y: number }): FlowGraph {
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === id ? { ...node, position } : node)) };
}

export function updateNode(graph: FlowGraph, id: string, patch: Partial<Omit<FlowNode, "id" | "type">>): FlowGraph {
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === id ? { ...node, ...patch } : node)) };
}
