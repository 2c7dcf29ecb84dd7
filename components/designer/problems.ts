// What stands between the draft and a successful Start, per node, recomputed on every edit. The server checks again
// on Start; this list lets the user see and fix problems before they click.
import jsonata from "jsonata";
import { type ConnectorManifest, resolveOperation } from "@/lib/connector-manifest";
import type { FlowGraph } from "@/lib/flow-graph";
import { findStructureProblems } from "@/lib/flow-structure";
import { describeFields, findMissing } from "@/lib/schema-fields";
import { isTemplate, scanTemplate } from "@/lib/templates";

/** The saved accounts the problems are checked against; undefined while they load (no account problem is shown). */
export type KnownAccounts = ReadonlyArray<{ id: string; connectorId: string }> | undefined;

export function computeProblems(
  graph: FlowGraph | null,
  manifest: ConnectorManifest | undefined,
  accounts?: KnownAccounts,
): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  if (!graph || !manifest) return problems;
  const add = (id: string, message: string) => problems.set(id, [...(problems.get(id) ?? []), message]);

  const reachable = new Set<string>();
  const trigger = graph.nodes.find((node) => node.type === "trigger");
  const queue = trigger ? [trigger.id] : [];
  while (queue.length > 0) {
    const id = queue.shift();
    if (id === undefined || reachable.has(id)) continue;
    reachable.add(id);
    for (const edge of graph.edges) if (edge.source === id) queue.push(edge.target);
  }

  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  for (const node of graph.nodes) {
    const resolved = resolveOperation(manifest, node);
    if (!resolved) {
      add(node.id, `Unknown ${node.type === "trigger" ? "event" : "action"} ${node.connectorId}.${node.operation}`);
      continue;
    }
    for (const field of findMissing(describeFields(resolved.operation.inputSchema), node.inputs)) {
      add(node.id, `${field.label} is required`);
    }
    if (node.accountId === undefined && resolved.connector.auth?.accountRequired) add(node.id, "Choose an account");
    const account = node.accountId === undefined ? undefined : accounts?.find((candidate) => candidate.id === node.accountId);
    if (accounts && node.accountId !== undefined && account?.connectorId !== node.connectorId) {
      add(node.id, "The chosen account no longer exists");
    }
    if (!reachable.has(node.id)) add(node.id, "Not connected to the trigger, so it never runs");
    for (const message of expressionProblems(node.inputs, nodeIds)) add(node.id, message);
  }
  // Missing or impossible paths (an If without branches, an error path without the error setting), as Start says.
  for (const problem of findStructureProblems(graph)) add(problem.nodeId, problem.message);
  return problems;
}

/** Syntax errors and references to missing steps in every `{{ }}` of a node's inputs, nested values included. */
export function expressionProblems(inputs: Record<string, unknown>, nodeIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  walkTemplates(inputs, "", (template, field) => {
    const scan = scanTemplate(template);
    if (!scan.ok) {
      problems.push(`The expression in "${field}" is not valid: ${scan.reason}`);
      return;
    }
    for (const part of scan.parts) {
      if (part.kind !== "expression") continue;
      try {
        jsonata(part.source);
      } catch (error) {
        problems.push(`The expression in "${field}" is not valid: ${jsonataMessage(error)}`);
        continue;
      }
      for (const id of referencedSteps(part.source)) {
        if (!nodeIds.has(id)) problems.push(`"${field}" refers to step "${id}", which is not in this flow`);
      }
    }
  });
  return [...new Set(problems)];
}

function walkTemplates(value: unknown, path: string, visit: (template: string, field: string) => void): void {
  if (isTemplate(value)) visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => walkTemplates(item, `${path}[${index}]`, visit));
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) walkTemplates(item, path ? `${path}.${key}` : key, visit);
  }
}

// `steps.<id>` or steps.`<id>` at the start of a path (not `order.steps.x`, a field that happens to be called steps).
const STEP_REFERENCE = /(?<![\w.$`])steps\.(?:`([^`]+)`|([A-Za-z][A-Za-z0-9_]*))/g;

/** The step ids an expression reads, ignoring text inside string literals. */
export function referencedSteps(source: string): string[] {
  const code = source.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return [...new Set([...code.matchAll(STEP_REFERENCE)].map((match) => match[1] ?? match[2] ?? ""))].filter(Boolean);
}

function jsonataMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    const position = "position" in error && typeof error.position === "number" ? ` (at character ${error.position})` : "";
    return `${error.message}${position}`;
  }
  return String(error);
}

export interface ProblemEntry {
  nodeId: string;
  /** The node as the canvas names it. */
  nodeTitle: string;
  message: string;
}

/** Every problem as one flat list in the order the nodes appear in the flow, for the problems panel. */
export function listProblems(
  graph: FlowGraph | null,
  problems: ReadonlyMap<string, readonly string[]>,
  manifest: ConnectorManifest | undefined,
): ProblemEntry[] {
  if (!graph) return [];
  return graph.nodes.flatMap((node) => {
    const nodeTitle = node.label || resolveOperation(manifest, node)?.operation.label || `${node.connectorId}.${node.operation}`;
    return (problems.get(node.id) ?? []).map((message) => ({ nodeId: node.id, nodeTitle, message }));
  });
}
