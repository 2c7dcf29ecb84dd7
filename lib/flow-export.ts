// A flow as a file people can share: `{ format: "conflux-flow", version: 1, name, graph }`. Accounts belong to a
// workspace and hold secrets, so an export keeps only which application a step needs (`account: { connectorId }`);
// whoever imports it chooses their own accounts. Pure: the browser checks a file before upload, the server again.
import { z } from "zod";
import { resolveOperation, type ConnectorManifest } from "./connector-manifest";
import { describeIssues, flowGraphSchema, type FlowGraph, type FlowNode } from "./flow-graph";
import { isRecord } from "./is-record";

export const FLOW_EXPORT_FORMAT = "conflux-flow";
export const FLOW_EXPORT_VERSION = 1;

type ExportedNode = Omit<FlowNode, "accountId" | "sample"> & { account?: { connectorId: string } };

export interface FlowExportDocument {
  format: typeof FLOW_EXPORT_FORMAT;
  version: typeof FLOW_EXPORT_VERSION;
  name: string;
  graph: Omit<FlowGraph, "nodes"> & { nodes: ExportedNode[] };
}

// Pinned samples are left out too: they are copies of real run data, which a shared file should not carry.
function exportNode({ accountId, sample: _sample, ...node }: FlowNode): ExportedNode {
  return accountId === undefined ? node : { ...node, account: { connectorId: node.connectorId } };
}

export function exportFlow(name: string, graph: FlowGraph): FlowExportDocument {
  return {
    format: FLOW_EXPORT_FORMAT,
    version: FLOW_EXPORT_VERSION,
    name,
    graph: { ...graph, nodes: graph.nodes.map(exportNode) },
  };
}

/** A file name from the flow's name that every operating system accepts. */
export function exportFileName(name: string): string {
  const safe = name
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${safe || "flow"}.conflux-flow.json`;
}

const envelopeSchema = z.object({
  name: z.string().trim().min(1, "the flow has no name").max(120, "the flow name has more than 120 characters"),
  graph: z.unknown().refine((graph) => graph !== undefined, "the file holds no graph"),
});

export interface ImportedFlow {
  name: string;
  /** The graph with no accounts chosen. */
  graph: FlowGraph;
  /** Applications (connector ids) whose steps need an account, in the order they first appear. */
  applications: string[];
}

export type FlowImportResult = { ok: true; flow: ImportedFlow } | { ok: false; errors: string[] };

function stepName(node: FlowNode): string {
  return node.label?.trim() ? `"${node.label.trim()}" (${node.id})` : node.id;
}

/** Steps that name an application or operation this installation does not have. */
export function unknownOperations(graph: FlowGraph, manifest: ConnectorManifest): string[] {
  return graph.nodes.flatMap((node) => {
    if (resolveOperation(manifest, node)) return [];
    const connector = manifest.connectors.find((candidate) => candidate.id === node.connectorId);
    if (!connector) return [`Step ${stepName(node)} uses an unknown application "${node.connectorId}"`];
    const kind = node.type === "trigger" ? "trigger" : "action";
    return [`Step ${stepName(node)} uses an unknown ${connector.name} ${kind} "${node.operation}"`];
  });
}

/** Applications in the graph that connect with an account, so the importer can choose one for each. */
export function applicationsNeedingAccounts(graph: FlowGraph, manifest: ConnectorManifest): string[] {
  const withAuth = new Set(manifest.connectors.filter((connector) => connector.auth).map((connector) => connector.id));
  // A step whose application calls the flow (Oracle's event triggers) uses no account, so it asks for none.
  const usesAccount = graph.nodes.filter((node) => resolveOperation(manifest, node)?.operation.account !== "none");
  return [...new Set(usesAccount.map((node) => node.connectorId))].filter((id) => withAuth.has(id));
}

/** Checks an uploaded file's text; every problem is phrased for the person who chose the file. */
export function parseFlowImport(text: string, manifest: ConnectorManifest): FlowImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: ["The file is not JSON. Choose a file exported from Conflux (*.conflux-flow.json)."] };
  }
  return parseFlowDocument(json, manifest);
}

/** The same checks on a parsed document, as the server repeats them on what the browser sends. */
export function parseFlowDocument(json: unknown, manifest: ConnectorManifest): FlowImportResult {
  // Format and version first: for a file of another kind, "name is missing" would not help anyone.
  const format = isRecord(json) ? json.format : undefined;
  if (typeof format !== "string") {
    return { ok: false, errors: [`This is not a Conflux flow export: it has no "format": "${FLOW_EXPORT_FORMAT}".`] };
  }
  if (format !== FLOW_EXPORT_FORMAT) {
    return {
      ok: false,
      errors: [`This is not a Conflux flow export: its format is "${format}", not "${FLOW_EXPORT_FORMAT}".`],
    };
  }
  const version = isRecord(json) ? json.version : undefined;
  if (version !== FLOW_EXPORT_VERSION) {
    return {
      ok: false,
      errors: [`The file has export version ${String(version)}; this Conflux reads version ${FLOW_EXPORT_VERSION}.`],
    };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    return { ok: false, errors: [`The file is not a valid flow export: ${describeIssues(envelope.error, json)}`] };
  const { name, graph: rawGraph } = envelope.data;
  const parsed = flowGraphSchema.safeParse(rawGraph);
  if (!parsed.success)
    return { ok: false, errors: [`The flow in the file is invalid: ${describeIssues(parsed.error, rawGraph)}`] };
  // An export never carries account ids; a hand-edited file might, and they would point into someone else's workspace.
  const graph: FlowGraph = {
    ...parsed.data,
    nodes: parsed.data.nodes.map(({ accountId: _accountId, ...node }) => node),
  };
  const unknown = unknownOperations(graph, manifest);
  if (unknown.length > 0) return { ok: false, errors: unknown };
  return { ok: true, flow: { name, graph, applications: applicationsNeedingAccounts(graph, manifest) } };
}

/** Puts the chosen account on every step of its application; applications left out stay without one. */
export function assignAccounts(graph: FlowGraph, accounts: Readonly<Record<string, string | undefined>>): FlowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const accountId = accounts[node.connectorId];
      return accountId ? { ...node, accountId } : node;
    }),
  };
}
