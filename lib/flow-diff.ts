// What changed between two flow graphs (two published versions, or a version and the draft), for the Versions
// dialog. Pure, so the server computes it and tests pin it down without a database.
import type { FlowEdge, FlowGraph, FlowNode } from "./flow-graph";

export interface NodeSummary {
  id: string;
  /** What the user sees on the canvas: the node's label, else its operation. */
  name: string;
}

export interface ChangedNode extends NodeSummary {
  /** Readable field paths, e.g. "inputs.url", "account", "position". */
  fields: string[];
}

export interface EdgeSummary {
  source: string;
  target: string;
  sourceHandle: FlowEdge["sourceHandle"];
}

export interface FlowDiff {
  nodesAdded: NodeSummary[];
  nodesRemoved: NodeSummary[];
  nodesChanged: ChangedNode[];
  edgesAdded: EdgeSummary[];
  edgesRemoved: EdgeSummary[];
  /** Every node's name in either graph (the newer one wins), so edges can be shown by name. */
  nodeNames: Record<string, string>;
}

export function isEmptyDiff(diff: FlowDiff): boolean {
  return (
    diff.nodesAdded.length +
      diff.nodesRemoved.length +
      diff.nodesChanged.length +
      diff.edgesAdded.length +
      diff.edgesRemoved.length ===
    0
  );
}

function summary(node: FlowNode): NodeSummary {
  return { id: node.id, name: node.label?.trim() || node.operation };
}

/** JSON with sorted keys, so that `{a, b}` and `{b, a}` compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function differs(a: unknown, b: unknown): boolean {
  return canonical(a) !== canonical(b);
}

/** Field names per key of a record (inputs, settings), so "inputs.url" says more than "inputs". */
function changedKeys(
  prefix: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].sort().flatMap((key) => (differs(before?.[key], after?.[key]) ? [`${prefix}.${key}`] : []));
}

/** A changed field as the diff view shows it: "url" rather than "inputs.url". */
export function describeField(field: string): string {
  if (field === "position") return "moved";
  if (field.startsWith("inputs.")) return field.slice("inputs.".length);
  if (field.startsWith("settings.")) return `${field.slice("settings.".length)} setting`;
  return field;
}

export function changedNodeFields(before: FlowNode, after: FlowNode): string[] {
  const fields: string[] = [];
  if (before.type !== after.type) fields.push("type");
  if (before.connectorId !== after.connectorId || before.operation !== after.operation) fields.push("operation");
  if ((before.label ?? "") !== (after.label ?? "")) fields.push("label");
  if (before.accountId !== after.accountId) fields.push("account");
  fields.push(...changedKeys("inputs", before.inputs, after.inputs));
  fields.push(...changedKeys("settings", before.settings, after.settings));
  if (differs(before.sample, after.sample)) fields.push("sample");
  if (differs(before.position, after.position)) fields.push("position");
  return fields;
}

// Edges are matched by what they connect, not by id: the designer may give a re-drawn edge a new id.
function edgeKey(edge: EdgeSummary): string {
  return `${edge.source}\u0000${edge.target}\u0000${edge.sourceHandle}`;
}

function edgeSummary(edge: FlowEdge): EdgeSummary {
  return { source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle };
}

export function diffGraphs(from: FlowGraph, to: FlowGraph): FlowDiff {
  const before = new Map(from.nodes.map((node) => [node.id, node]));
  const after = new Map(to.nodes.map((node) => [node.id, node]));
  const nodesChanged: ChangedNode[] = [];
  for (const node of to.nodes) {
    const old = before.get(node.id);
    if (!old) continue;
    const fields = changedNodeFields(old, node);
    if (fields.length > 0) nodesChanged.push({ ...summary(node), fields });
  }
  const edgesBefore = new Map(from.edges.map((edge) => [edgeKey(edge), edgeSummary(edge)]));
  const edgesAfter = new Map(to.edges.map((edge) => [edgeKey(edge), edgeSummary(edge)]));
  return {
    nodesAdded: to.nodes.filter((node) => !before.has(node.id)).map(summary),
    nodesRemoved: from.nodes.filter((node) => !after.has(node.id)).map(summary),
    nodesChanged,
    edgesAdded: [...edgesAfter].filter(([key]) => !edgesBefore.has(key)).map(([, edge]) => edge),
    edgesRemoved: [...edgesBefore].filter(([key]) => !edgesAfter.has(key)).map(([, edge]) => edge),
    nodeNames: Object.fromEntries([...from.nodes, ...to.nodes].map((node) => [node.id, summary(node).name])),
  };
}
