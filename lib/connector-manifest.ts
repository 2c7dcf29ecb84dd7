// What the browser knows of connectors: a serializable manifest the server builds from the connectors' zod schemas.
// The browser never imports connector code.
import type { ConnectorAuth } from "./account-fields";
import type { OperationAccountUse } from "./account-use";
import type { FlowGraph, FlowNode } from "./flow-graph";
import type { ConnectorRateLimit } from "./rate-limits";

/** A JSON Schema object as produced by `z.toJSONSchema`, with Conflux's field hints in `x-conflux-*` keys. */
export type JsonSchema = { [key: string]: unknown };

export interface ManifestOperation {
  key: string;
  kind: "trigger" | "action";
  /** A trigger's kind: "poll" triggers offer "Fetch a sample", "webhook" ones "Listen for a test event". */
  triggerKind?: "manual" | "schedule" | "poll" | "webhook" | "flowFailed";
  label: string;
  description: string;
  /** How the vendor groups its events and actions, e.g. "Orders". */
  group: string;
  /** The account connection modes the operation works with; absent: any of the connector's. */
  accountModes?: string[];
  /** Whether the step uses its account; absent: as the connector's `auth.accountRequired` says. */
  account?: OperationAccountUse;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  /** A trigger's typical data, for "Test flow" before any real event exists. */
  sample?: unknown;
  /** A trigger's suggested business key template (e.g. the order number), proposed in Flow settings. */
  businessKey?: string;
}

export interface ManifestConnector {
  id: string;
  name: string;
  description: string;
  /** A lucide icon name. */
  icon: string;
  /** The connection modes and fields of the Connect form; absent for connectors without accounts. */
  auth?: ConnectorAuth;
  /** Whether the connector can check an account's credentials against the real system ("Test connection"). */
  testable: boolean;
  /** The declared per-account rate limit, shown as the account form's defaults; absent means unlimited. */
  rateLimit?: ConnectorRateLimit;
  triggers: ManifestOperation[];
  actions: ManifestOperation[];
  /** Ready-made flows built from this connector's operations, offered by "Start from a template". */
  templates?: FlowTemplate[];
  /** The lists of choices the server loads for a chosen account, by the key a field names in `x-conflux-options`. */
  optionLists?: Record<string, ManifestOptionList>;
}

/** A list of choices loaded from the remote system (connectors.fieldOptions); the browser only knows its name. */
export interface ManifestOptionList {
  /** Plural and lower-case: "enterprises", for "Loading enterprises…". */
  noun: string;
  /** Fields of the same step whose literal values the loader reads; the designer sends them and reloads on change. */
  dependsOn: string[];
}

/** A ready-made flow; valid for Start once the user fills in accounts and the fields marked for them. */
export interface FlowTemplate {
  /** Unique across all connectors: `flows.create` names a template by it alone. */
  id: string;
  name: string;
  description: string;
  graph: FlowGraph;
}

export interface ConnectorManifest {
  connectors: ManifestConnector[];
}

// Finding a node's connector and operation in a manifest: the designer does it with the manifest the server sent,
// import with the server's own.
export interface ResolvedOperation {
  connector: ManifestConnector;
  operation: ManifestOperation;
}

export function resolveOperation(
  manifest: ConnectorManifest | undefined,
  node: Pick<FlowNode, "connectorId" | "operation" | "type">,
): ResolvedOperation | undefined {
  const connector = manifest?.connectors.find((candidate) => candidate.id === node.connectorId);
  if (!connector) return undefined;
  const list = node.type === "trigger" ? connector.triggers : connector.actions;
  const operation = list.find((candidate) => candidate.key === node.operation);
  return operation ? { connector, operation } : undefined;
}

export function allOperations(
  manifest: ConnectorManifest | undefined,
  kind: "trigger" | "action",
): ResolvedOperation[] {
  return (manifest?.connectors ?? []).flatMap((connector) =>
    (kind === "trigger" ? connector.triggers : connector.actions).map((operation) => ({ connector, operation })),
  );
}
