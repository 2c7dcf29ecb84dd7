// The registry: every connector the server knows. The runtime looks operations up here; the API serves the manifest.
import type { ConnectorManifest } from "@/lib/connector-manifest";
import { coreConnector } from "./core";
import { httpConnector } from "./http";
import { iomConnector } from "./iom";
import { newstoreConnector } from "./newstore";
import { oracleConnector } from "./oracle";
import { sterlingConnector } from "./sterling";
import { buildConnectorManifest, type AnyAction, type AnyTrigger, type ConnectorDefinition } from "./sdk";

export const connectors: readonly ConnectorDefinition[] = [
  coreConnector,
  httpConnector,
  sterlingConnector,
  iomConnector,
  newstoreConnector,
  oracleConnector,
];

export type FoundOperation =
  | { kind: "trigger"; connector: ConnectorDefinition; trigger: AnyTrigger }
  | { kind: "action"; connector: ConnectorDefinition; action: AnyAction };

export function findConnector(connectorId: string): ConnectorDefinition | undefined {
  return connectors.find((connector) => connector.id === connectorId);
}

/** The trigger or action a flow node names, or undefined when the connector or operation does not exist. */
export function findOperation(connectorId: string, operation: string): FoundOperation | undefined {
  const connector = findConnector(connectorId);
  if (!connector) return undefined;
  const trigger = connector.triggers.find((candidate) => candidate.key === operation);
  if (trigger) return { kind: "trigger", connector, trigger };
  const action = connector.actions.find((candidate) => candidate.key === operation);
  if (action) return { kind: "action", connector, action };
  return undefined;
}

// The manifest only changes with the code: built once per process, for the designer and for every import.
let manifest: ConnectorManifest | undefined;

export function buildManifest(): ConnectorManifest {
  return (manifest ??= buildConnectorManifest(connectors));
}
