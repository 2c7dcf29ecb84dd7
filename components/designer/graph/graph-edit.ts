// Edits of the flow graph as pure functions: the designer's store applies them, and they are unit-tested without a
// browser. Every function returns a new graph and leaves its argument untouched.
import {
  handlesByNodeType,
  isControlNodeType,
  nodeTypeFor,
  stepSettingsOf,
  type EdgeHandle,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  type StepSettings,
} from "@/lib/flow-graph";
import type { JsonSchema } from "@/lib/connector-manifest";

const STEP_GAP_Y = 150;

export function findNode(graph: FlowGraph, id: string): FlowNode | undefined {
  return graph.nodes.find((node) => node.id === id);
}

/**
 * Ids read like the step they name (`http_request_1`, `if_1`), so templates such as `{{ steps.http_request_1.body }}`
 * make sense.
 */
export function nextNodeId(graph: FlowGraph, connectorId: string, operation: string): string {
  const name = isControlNodeType(nodeTypeFor(connectorId, operation)) ? operation : `${connectorId}_${operation}`;
  const base = name.replace(/[^A-Za-z0-9_-]/g, "_").replace(/^[^A-Za-z]+/, "step_");
  const taken = new Set(graph.nodes.map((node) => node.id));
  let n = 1;
  while (taken.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

// The path "Add step" extends: an If's true branch (or its false one), past a For each's loop, otherwise `next`.
const followedHandles: Record<FlowNode["type"], readonly EdgeHandle[]> = {
  trigger: ["next"],
  action: ["next"],
  if: ["true", "false"],
  forEach: ["next"],
  respond: ["next"],
};

/** The last node of the main path: follow the main edges from the trigger until one has none. */
export function chainEnd(graph: FlowGraph): FlowNode | undefined {
  let current = graph.nodes.find((node) => node.type === "trigger");
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    const from = current;
    const edge = followedHandles[from.type]
      .map((handle) =>
        graph.edges.find((candidate) => candidate.source === from.id && candidate.sourceHandle === handle),
      )
      .find((found) => found !== undefined);
    if (!edge) return current;
    current = findNode(graph, edge.target);
  }
  return current;
}

/** Where a step added after `node` attaches: an If's free branch, a For each's loop body first, else `next`. */
export function appendHandle(graph: FlowGraph, node: FlowNode): EdgeHandle {
  const used = new Set(graph.edges.filter((edge) => edge.source === node.id).map((edge) => edge.sourceHandle));
  if (node.type === "if") return used.has("true") ? "false" : "true";
  if (node.type === "forEach") return used.has("each") ? "next" : "each";
  return "next";
}

/** The handles a node shows on the canvas: its type's paths, and an error path only where one is (to be) used. */
export function visibleHandles(graph: FlowGraph, node: FlowNode): EdgeHandle[] {
  if (node.type !== "action") return [...handlesByNodeType[node.type]];
  const hasErrorEdge = graph.edges.some((edge) => edge.source === node.id && edge.sourceHandle === "error");
  return stepSettingsOf(node).onError === "branch" || hasErrorEdge ? ["next", "error"] : ["next"];
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

export function edgeId(source: string, target: string, handle: string): string {
  return `${source}-${handle}-${target}`;
}

/** Adds a step (an action, or an If / For each / Respond) at the end of the main path, wired to the node before it. */
export function appendStep(
  graph: FlowGraph,
  step: { connectorId: string; operation: string; inputs: Record<string, unknown> },
): { graph: FlowGraph; nodeId: string } {
  const id = nextNodeId(graph, step.connectorId, step.operation);
  const end = chainEnd(graph);
  const type = nodeTypeFor(step.connectorId, step.operation);
  const handle = end ? appendHandle(graph, end) : "next";
  // Branches and loop bodies step aside, so the two sides of an If do not land on top of each other.
  const offsetX = handle === "false" ? 300 : handle === "each" ? 150 : 0;
  const wanted = end ? { x: end.position.x + offsetX, y: end.position.y + STEP_GAP_Y } : { x: 0, y: 0 };
  const node: FlowNode = {
    id,
    type,
    position: freeSpot(graph, wanted),
    connectorId: step.connectorId,
    operation: step.operation,
    inputs: step.inputs,
  };
  const edges = end
    ? [...graph.edges, { id: edgeId(end.id, id, handle), source: end.id, target: id, sourceHandle: handle }]
    : graph.edges;
  return { graph: { ...graph, nodes: [...graph.nodes, node], edges }, nodeId: id };
}

const NODE_WIDTH = 256;
const NODE_HEIGHT = 80;

/** The wanted spot, moved right past any node it would cover (a loop body and the step after the loop, say). */
function freeSpot(graph: FlowGraph, wanted: { x: number; y: number }): { x: number; y: number } {
  const covers = (x: number) =>
    graph.nodes.some(
      (node) =>
        Math.abs(node.position.x - x) < NODE_WIDTH + 24 && Math.abs(node.position.y - wanted.y) < NODE_HEIGHT + 24,
    );
  let x = wanted.x;
  while (covers(x)) x += NODE_WIDTH + 44;
  return { x, y: wanted.y };
}

/**
 * Removes nodes (never the trigger) and their edges. A removed node with one way in and one way out is bridged, so
 * deleting the middle step of a chain keeps the chain.
 */
export function removeNodes(graph: FlowGraph, ids: readonly string[]): FlowGraph {
  const doomed = new Set(
    ids.filter((id) => {
      const type = findNode(graph, id)?.type;
      return type !== undefined && type !== "trigger";
    }),
  );
  if (doomed.size === 0) return graph;
  let edges: FlowEdge[] = graph.edges;
  for (const id of doomed) {
    const incoming = edges.filter((edge) => edge.target === id);
    const outgoing = edges.filter((edge) => edge.source === id && edge.sourceHandle === "next");
    const into = incoming[0];
    const out = outgoing[0];
    edges = edges.filter((edge) => edge.source !== id && edge.target !== id);
    if (incoming.length === 1 && outgoing.length === 1 && into && out) {
      edges = [
        ...edges,
        {
          id: edgeId(into.source, out.target, into.sourceHandle),
          source: into.source,
          target: out.target,
          sourceHandle: into.sourceHandle,
        },
      ];
    }
  }
  return { ...graph, nodes: graph.nodes.filter((node) => !doomed.has(node.id)), edges };
}

export function removeEdges(graph: FlowGraph, ids: readonly string[]): FlowGraph {
  const doomed = new Set(ids);
  const edges = graph.edges.filter((edge) => !doomed.has(edge.id));
  // Returning the same graph when nothing goes keeps a no-op out of the undo history.
  return edges.length === graph.edges.length ? graph : { ...graph, edges };
}

/**
 * Connects two nodes from one of the source's handles; refuses loops onto itself, edges into the trigger and handles
 * the source's type does not have. Each handle leads to one node: a new edge replaces the handle's old one.
 */
export function connect(graph: FlowGraph, source: string, target: string, handle: EdgeHandle = "next"): FlowGraph {
  const from = findNode(graph, source);
  if (source === target || findNode(graph, target)?.type === "trigger") return graph;
  if (!from || !findNode(graph, target) || !handlesByNodeType[from.type].includes(handle)) return graph;
  const others = graph.edges.filter((edge) => !(edge.source === source && edge.sourceHandle === handle));
  return { ...graph, edges: [...others, { id: edgeId(source, target, handle), source, target, sourceHandle: handle }] };
}

/** Changes a step's settings; a setting set to undefined goes back to its default, and no settings leave none stored. */
export function updateSettings(graph: FlowGraph, id: string, patch: StepSettings): FlowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      if (node.id !== id) return node;
      const merged: StepSettings = { ...node.settings, ...patch };
      const settings = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
      const { settings: _old, ...rest } = node;
      return Object.keys(settings).length > 0 ? { ...rest, settings } : rest;
    }),
  };
}

export function moveNode(graph: FlowGraph, id: string, position: { x: number; y: number }): FlowGraph {
  return moveNodes(graph, new Map([[id, position]]));
}

/** Moves several nodes in one edit (a dragged selection), so the move is one undo step. */
export function moveNodes(graph: FlowGraph, positions: ReadonlyMap<string, { x: number; y: number }>): FlowGraph {
  let moved = false;
  const nodes = graph.nodes.map((node) => {
    const position = positions.get(node.id);
    if (!position || (position.x === node.position.x && position.y === node.position.y)) return node;
    moved = true;
    return { ...node, position };
  });
  // React Flow reports the resting position once more when a drag ends; that is no edit and no undo step.
  return moved ? { ...graph, nodes } : graph;
}

// The path an inserted step passes the rest of the flow on: an If's true branch, past a For each's loop, else next.
const insertedOutHandle: Record<FlowNode["type"], EdgeHandle> = {
  trigger: "next",
  action: "next",
  if: "true",
  forEach: "next",
  respond: "next",
};

/**
 * Puts a new step in the middle of an edge: source -> new step -> target, keeping the edge's handle on the way in.
 * The target and everything after it move down a row to make room.
 */
export function insertStepOnEdge(
  graph: FlowGraph,
  splitEdgeId: string,
  step: { connectorId: string; operation: string; inputs: Record<string, unknown> },
): { graph: FlowGraph; nodeId: string } | null {
  const edge = graph.edges.find((candidate) => candidate.id === splitEdgeId);
  const target = edge ? findNode(graph, edge.target) : undefined;
  if (!edge || !target) return null;
  const id = nextNodeId(graph, step.connectorId, step.operation);
  const type = nodeTypeFor(step.connectorId, step.operation);
  const node: FlowNode = {
    id,
    type,
    position: target.position,
    connectorId: step.connectorId,
    operation: step.operation,
    inputs: step.inputs,
  };
  const below = downstreamOf(graph, target.id);
  const moved = graph.nodes.map((candidate) =>
    below.has(candidate.id)
      ? { ...candidate, position: { x: candidate.position.x, y: candidate.position.y + STEP_GAP_Y } }
      : candidate,
  );
  const out = insertedOutHandle[type];
  const edges = [
    ...graph.edges.filter((candidate) => candidate.id !== splitEdgeId),
    {
      id: edgeId(edge.source, id, edge.sourceHandle),
      source: edge.source,
      target: id,
      sourceHandle: edge.sourceHandle,
    },
    { id: edgeId(id, target.id, out), source: id, target: target.id, sourceHandle: out },
  ];
  return { graph: { ...graph, nodes: [...moved, node], edges }, nodeId: id };
}

/** The node and every node reachable from it. */
function downstreamOf(graph: FlowGraph, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of graph.edges) if (edge.source === id) queue.push(edge.target);
  }
  return seen;
}

export function updateNode(graph: FlowGraph, id: string, patch: Partial<Omit<FlowNode, "id" | "type">>): FlowGraph {
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === id ? { ...node, ...patch } : node)) };
}
