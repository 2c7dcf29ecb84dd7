// Finding a node's connector and operation in the manifest the server sent.
import type { ConnectorManifest, ManifestConnector, ManifestOperation } from "@/lib/connector-manifest";
import type { FlowNode } from "@/lib/flow-graph";

export interface ResolvedOperation {
  connector: ManifestConnector;
  operation: ManifestOperation;
}

export function resolveOperation(manifest: ConnectorManifest | undefined, node: Pick<FlowNode, "connectorId" | "operation" | "type">): ResolvedOperation | undefined {
  const connector = manifest?.connectors.find((candidate) => candidate.id === node.connectorId);
  if (!connector) return undefined;
  const list = node.type === "trigger" ? connector.triggers : connector.actions;
  const operation = list.find((candidate) => candidate.key === node.operation);
  return operation ? { connector, operation } : undefined;
}

export function allOperations(manifest: ConnectorManifest | undefined, kind: "trigger" | "action"): ResolvedOperation[] {
  return (manifest?.connectors ?? []).flatMap((connector) =>
    (kind === "trigger" ? connector.triggers : connector.actions).map((operation) => ({ connector, operation })),
  );
}
