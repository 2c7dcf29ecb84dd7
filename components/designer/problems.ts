// What stands between the draft and a successful Start, per node, recomputed on every edit. The server checks again
// on Start; this list lets the user see and fix problems before they click.
import type { ConnectorManifest } from "@/lib/connector-manifest";
import type { FlowGraph } from "@/lib/flow-graph";
import { findStructureProblems } from "@/lib/flow-structure";
import { describeFields, missingRequired } from "@/lib/schema-fields";
import { resolveOperation } from "./manifest-lookup";

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

  for (const node of graph.nodes) {
    const resolved = resolveOperation(manifest, node);
    if (!resolved) {
      add(node.id, `Unknown ${node.type === "trigger" ? "event" : "action"} ${node.connectorId}.${node.operation}`);
      continue;
    }
    for (const field of missingRequired(describeFields(resolved.operation.inputSchema), node.inputs)) {
      add(node.id, `${field.title} is required`);
    }
    if (node.accountId === undefined && resolved.connector.auth?.accountRequired) add(node.id, "Choose an account");
    const account = node.accountId === undefined ? undefined : accounts?.find((candidate) => candidate.id === node.accountId);
    if (accounts && node.accountId !== undefined && account?.connectorId !== node.connectorId) {
      add(node.id, "The chosen account no longer exists");
    }
    if (!reachable.has(node.id)) add(node.id, "Not connected to the trigger, so it never runs");
  }
  // Missing or impossible paths (an If without branches, an error path without the error setting), as Start says.
  for (const problem of findStructureProblems(graph)) add(problem.nodeId, problem.message);
  return problems;
}
