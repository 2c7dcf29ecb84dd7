// A connector webhook trigger's remote subscription (NewStore's availability webhook config): registered inside
// Start's transaction, so a refusal fails Start and arms nothing; removed after Stop has committed, so a remote
// system that cannot be reached never keeps a flow running (its failure is noted on the trigger instead).
import type { FlowGraph } from "@/lib/flow-graph";
import { ConfluxError } from "@/lib/errors";
import { loadStepAccount } from "../accounts/step-account";
import { findOperation } from "../connectors";
import { isWebhookTrigger, type AnyWebhookTrigger, type ConnectorDefinition } from "../connectors/sdk";
import type { DbOrTx } from "../db/client";
import { findWebhookIdentity, noteTriggerError } from "../db/trigger-states.repository";
import type { KeyRingSource } from "../security/keyring";
import { openWebhookSecret } from "../security/webhook-secret";
import { parseInputs } from "./inputs";
import { nodeName } from "./plan";
import { WEBHOOK_PATH_PREFIX } from "./webhook-identity";

const SUBSCRIPTION_TIMEOUT_MS = 30_000;

interface SubscriptionTarget {
  workspaceId: string;
  flowId: string;
  graph: FlowGraph;
  keys: KeyRingSource;
  /** Where callers reach this server, e.g. https://conflux.example.com (public-url.ts). */
  publicOrigin: string;
}

type TriggerNode = FlowGraph["nodes"][number];

function webhookTriggerOf(graph: FlowGraph) {
  const node = graph.nodes.find((candidate) => candidate.type === "trigger");
  const found = node && findOperation(node.connectorId, node.operation);
  if (!node || !found || found.kind !== "trigger" || !isWebhookTrigger(found.trigger)) return undefined;
  return { node, connector: found.connector, trigger: found.trigger };
}

async function subscriptionArgs(
  db: DbOrTx,
  target: SubscriptionTarget,
  found: { node: TriggerNode; connector: ConnectorDefinition; trigger: AnyWebhookTrigger },
) {
  const stepName = `the trigger ${nodeName(found.node)}`;
  const identity = await findWebhookIdentity(db, target.flowId);
  if (!identity?.webhookId || !identity.webhookSecret) {
    throw new ConfluxError("FLOW_INVALID", "The flow has no webhook address yet; start it again");
  }
  // A trigger that uses no account ignores one left on the node (say, chosen before the trigger declared so).
  const account =
    found.node.accountId && found.trigger.account !== "none"
      ? await loadStepAccount(db, {
          workspaceId: target.workspaceId,
          accountId: found.node.accountId,
          connector: found.connector,
          keys: target.keys,
          stepName: `The trigger ${nodeName(found.node)}`,
        })
      : undefined;
  const url = `${target.publicOrigin.replace(/\/+$/, "")}${WEBHOOK_PATH_PREFIX}${identity.webhookId}`;
  return {
    input: parseInputs(found.trigger.input, found.node.inputs, stepName),
    account: account?.account,
    address: { url, secret: openWebhookSecret(target.keys.get(), target.flowId, identity.webhookSecret) },
    signal: AbortSignal.timeout(SUBSCRIPTION_TIMEOUT_MS),
    log: subscriptionLog(target.flowId),
  };
}

function subscriptionLog(flowId: string) {
  const line = (level: string, message: string) =>
    console.log(`[conflux] flow ${flowId} subscription ${level}: ${message}`);
  return {
    info: (message: string) => line("info", message),
    warn: (message: string) => line("warn", message),
    error: (message: string) => line("error", message),
  };
}

/** Calls the trigger's onEnable, if it has one; its error fails Start with a message that says where it came from. */
export async function enableWebhookSubscription(tx: DbOrTx, target: SubscriptionTarget): Promise<void> {
  const found = webhookTriggerOf(target.graph);
  if (!found?.trigger.onEnable) return;
  const args = await subscriptionArgs(tx, target, found);
  try {
    await found.trigger.onEnable(args);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfluxError(
      "REMOTE",
      `The flow did not start: registering its webhook with ${found.connector.name} failed: ${reason}`,
      { retryable: error instanceof ConfluxError ? error.retryable : true },
    );
  }
}

/** Calls the trigger's onDisable, if it has one, once the flow has stopped; a failure is noted on the trigger. */
export async function disableWebhookSubscription(db: DbOrTx, target: SubscriptionTarget): Promise<void> {
  const found = webhookTriggerOf(target.graph);
  if (!found?.trigger.onDisable) return;
  try {
    await found.trigger.onDisable(await subscriptionArgs(db, target, found));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `The flow stopped, but removing its webhook from ${found.connector.name} failed: ${reason}`;
    console.error(`[conflux] flow ${target.flowId}: ${message}`);
    await noteTriggerError(db, target.flowId, message).catch(() => undefined);
  }
}
