// Trigger bookkeeping that Start and Stop change inside their own transaction, so a flow is never running without
// its trigger armed (or stopped with it still firing).
import type { FlowGraph, FlowNode } from "@/lib/flow-graph";
import { ConfluxError } from "@/lib/errors";
import { findOperation } from "../connectors";
import { nextScheduleTime, scheduleTrigger, type ScheduleConfig } from "../connectors/core/triggers/schedule";
import type { Tx } from "../db/client";
import { armTrigger, disarmTrigger } from "../db/trigger-states.repository";
import { parseInputs } from "./inputs";
import { armPollTrigger, type PollFrom } from "./poll-cursor";
import { ensureWebhookIdentity } from "./webhook-identity";
import { enableWebhookSubscription } from "./webhook-subscription";
import { publicOrigin } from "./public-url";
import { defaultKeyRing, type KeyRingSource } from "../security/keyring";
import { nodeName } from "./plan";

export function findTriggerNode(graph: FlowGraph): FlowNode | undefined {
  return graph.nodes.find((node) => node.type === "trigger");
}

/** The schedule of a flow whose trigger is the Scheduler; throws INPUT_INVALID for a broken one. */
export function readScheduleConfig(node: FlowNode): ScheduleConfig {
  return parseInputs(scheduleTrigger.input, node.inputs, `the trigger ${nodeName(node)}`);
}

export async function activateFlowTrigger(
  tx: Tx,
  args: {
    workspaceId: string;
    flowId: string;
    graph: FlowGraph;
    now?: Date;
    pollFrom?: PollFrom;
    /** Seals a new webhook secret; the process's key ring when absent. */
    keys?: KeyRingSource;
    /** Where callers reach this server, for a webhook trigger that registers its address remotely. */
    publicOrigin?: string;
  },
): Promise<void> {
  const node = findTriggerNode(args.graph);
  const found = node && findOperation(node.connectorId, node.operation);
  if (!node || !found || found.kind !== "trigger") {
    throw new ConfluxError("FLOW_INVALID", "The flow cannot start: its trigger is missing or unknown");
  }
  const kind = found.trigger.kind;
  const nextRunAt = kind === "schedule" ? nextScheduleTime(readScheduleConfig(node), args.now ?? new Date()) : null;
  await armTrigger(tx, { flowId: args.flowId, workspaceId: args.workspaceId, kind, nextRunAt });
  // A polling trigger keeps its cursor across republishing; the Start dialog's choice may reset it.
  if (kind === "poll") {
    await armPollTrigger(tx, { flowId: args.flowId, node, pollFrom: args.pollFrom, now: args.now ?? new Date() });
  }
  // A webhook keeps its address and secret once made: callers are configured with them.
  if (kind === "webhook") {
    const keys = args.keys ?? defaultKeyRing();
    await ensureWebhookIdentity(tx, args.flowId, keys.get());
    await enableWebhookSubscription(tx, {
      workspaceId: args.workspaceId,
      flowId: args.flowId,
      graph: args.graph,
      keys,
      publicOrigin: args.publicOrigin ?? publicOrigin(),
    });
  }
}

export async function deactivateFlowTrigger(tx: Tx, flowId: string): Promise<void> {
  // updateMany: a flow that never started has no TriggerState, and that is fine.
  await disarmTrigger(tx, flowId);
}
