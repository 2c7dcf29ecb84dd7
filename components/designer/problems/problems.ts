// What stands between the draft and a successful Start, per node, recomputed on every edit. The server checks again
// on Start; this list lets the user see and fix problems before they click.
import { accountModeProblem } from "@/lib/account-fields";
import { stepAccountNeed } from "@/lib/account-use";
import { type ConnectorManifest, resolveOperation } from "@/lib/connector-manifest";
import { checkTemplates } from "@/lib/expressions";
import { isMapping, mappedFields } from "@/lib/mapping";
import type { FlowGraph } from "@/lib/flow-graph";
import { findStructureProblems } from "@/lib/flow-structure";
import { describeFields, findMissing, type FieldSpec } from "@/lib/schema-fields";
import { designerExpressions } from "@/lib/template-check";
import { referencedSteps } from "@/lib/templates";

/** The saved accounts the problems are checked against; undefined while they load (no account problem is shown). */
export type KnownAccounts =
  ReadonlyArray<{ id: string; connectorId: string; name?: string; mode?: string }> | undefined;

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
    const fields = describeFields(resolved.operation.inputSchema);
    for (const field of findMissing(fields, node.inputs)) add(node.id, `${field.label} is required`);
    for (const message of overlapProblems(fields, node.inputs)) add(node.id, message);
    const need = stepAccountNeed(resolved.connector, resolved.operation, node.inputs);
    if (node.accountId === undefined && need === "required") add(node.id, "Choose an account");
    // An account left on a step that uses none is ignored, as Start ignores it: nothing to fix.
    const account =
      node.accountId === undefined || need === "none"
        ? undefined
        : accounts?.find((candidate) => candidate.id === node.accountId);
    if (accounts && node.accountId !== undefined && need !== "none" && account?.connectorId !== node.connectorId) {
      add(node.id, "The chosen account no longer exists");
    }
    const operation = { label: resolved.operation.label, modes: resolved.operation.accountModes };
    const modeProblem =
      account?.mode === undefined
        ? undefined
        : accountModeProblem(resolved.connector.auth, operation, { name: account.name ?? "", mode: account.mode });
    if (modeProblem) add(node.id, modeProblem);
    if (!reachable.has(node.id)) add(node.id, "Not connected to the trigger, so it never runs");
    for (const message of expressionProblems(node.inputs, nodeIds)) add(node.id, message);
  }
  // Missing or impossible paths (an If without branches, an error path without the error setting), as Start says.
  for (const problem of findStructureProblems(graph)) add(problem.nodeId, problem.message);
  return problems;
}

const isFilled = (value: unknown) =>
  value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

/**
 * Keys of a free-form object (Sterling's "Additional attributes") that a filled form field also sets, as its
 * `overlaps` hint declares: the form's value wins at run time, so the object's value would be silently replaced.
 */
export function overlapProblems(fields: readonly FieldSpec[], inputs: Record<string, unknown>): string[] {
  return fields.flatMap((field) => {
    const stored = inputs[field.name];
    // A value built field by field sets the keys of its fields.
    const value = isMapping(stored) ? mappedFields(stored) : stored;
    if (!field.overlaps || typeof value !== "object" || value === null || Array.isArray(value)) return [];
    return Object.keys(value).flatMap((key) => {
      const sibling = field.overlaps?.[key];
      const siblingField = fields.find((candidate) => candidate.name === sibling);
      // A sibling left at its default (Document type 0001) still sets the attribute at run time.
      const siblingValue = sibling === undefined ? undefined : (inputs[sibling] ?? siblingField?.defaultValue);
      if (!sibling || !isFilled(value[key as keyof typeof value]) || !isFilled(siblingValue)) return [];
      return [
        `"${field.title}" sets ${key}, which the filled field "${siblingField?.title ?? sibling}" also sets: ` +
          "remove one (the field wins)",
      ];
    });
  });
}

/** Syntax errors (as Start words them) and references to missing steps in every `{{ }}` of a node's inputs. */
export function expressionProblems(inputs: Record<string, unknown>, nodeIds: ReadonlySet<string>): string[] {
  const problems = checkTemplates(designerExpressions, inputs, "", (source, field) =>
    referencedSteps(source)
      .filter((id) => !nodeIds.has(id))
      .map((id) => `"${field}" refers to step "${id}", which is not in this flow`),
  );
  return [...new Set(problems)];
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
    const nodeTitle =
      node.label || resolveOperation(manifest, node)?.operation.label || `${node.connectorId}.${node.operation}`;
    return (problems.get(node.id) ?? []).map((message) => ({ nodeId: node.id, nodeTitle, message }));
  });
}
