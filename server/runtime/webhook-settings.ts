// What a published version's webhook trigger says (Toolbox webhook or a connector's), read once per version: versions
// never change.
import { flowGraphSchema, type FlowGraph } from "@/lib/flow-graph";
import { findOperation } from "../connectors";
import { webhookTrigger, type WebhookConfig } from "../connectors/core/triggers/webhook";
import { isWebhookTrigger } from "../connectors/sdk";
import type { Db } from "../db/client";
import { findVersionGraph } from "../db/versions.repository";
import { parseInputs } from "./inputs";
import { nodeName } from "./plan";
import { findTriggerNode } from "./triggers";
import type { ConnectorWebhookSettings } from "./webhook-connector";

export type VersionSettings =
  | { kind: "toolbox"; config: WebhookConfig; hasRespond: boolean; businessKey: string | null }
  | ({ kind: "connector"; businessKey: string | null } & ConnectorWebhookSettings);
const settingsByVersion = new Map<string, VersionSettings | null>();
export const MAX_CACHED_VERSIONS = 1000;

function readSettings(graph: FlowGraph): VersionSettings | null {
  const node = findTriggerNode(graph);
  if (!node) return null;
  const hasRespond = graph.nodes.some((candidate) => candidate.type === "respond");
  if (node.connectorId === "core" && node.operation === webhookTrigger.key) {
    return {
      kind: "toolbox",
      config: parseInputs(webhookTrigger.input, node.inputs, "the webhook trigger"),
      hasRespond,
      businessKey: webhookTrigger.businessKey ?? null,
    };
  }
  const found = findOperation(node.connectorId, node.operation);
  if (found?.kind !== "trigger" || !isWebhookTrigger(found.trigger)) return null;
  const input = parseInputs(found.trigger.input, node.inputs, `the trigger ${nodeName(node)}`);
  return {
    kind: "connector",
    trigger: found.trigger,
    input,
    hasRespond,
    businessKey: found.trigger.businessKey ?? null,
  };
}

/** The version's webhook trigger settings; null when its trigger is not a webhook. */
export async function versionSettings(db: Db, versionId: string): Promise<VersionSettings | null> {
  const cached = settingsByVersion.get(versionId);
  if (cached !== undefined) return cached;
  const version = await findVersionGraph(db, versionId);
  const graph = flowGraphSchema.safeParse(version?.graph);
  const settings = graph.success ? readSettings(graph.data) : null;
  if (settingsByVersion.size >= MAX_CACHED_VERSIONS) settingsByVersion.clear();
  settingsByVersion.set(versionId, settings);
  return settings;
}
