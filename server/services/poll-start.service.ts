// What the designer's Start dialog needs to know about a flow whose trigger polls: that it polls, and whether it has
// polled before with this trigger (then "where it left off" is offered, and is the default).
import { NotFoundError } from "@/lib/errors";
import { flowGraphSchema } from "@/lib/flow-graph";
import { findOperation } from "../connectors";
import type { DbOrTx } from "../db/client";
import { hasPollPosition } from "../runtime/poll-cursor";
import { findTriggerNode } from "../runtime/triggers";

export interface PollStartOptions {
  polling: boolean;
  hasCursor: boolean;
  lastFiredAt: Date | null;
  lastError: string | null;
}

export async function getPollStartOptions(db: DbOrTx, workspaceId: string, flowId: string): Promise<PollStartOptions> {
  const flow = await db.flow.findFirst({
    where: { id: flowId, workspaceId },
    select: { draft: true, triggerState: { select: { cursor: true, lastFiredAt: true, lastError: true } } },
  });
  if (!flow) throw new NotFoundError("The flow");
  const graph = flowGraphSchema.safeParse(flow.draft);
  const node = graph.success ? findTriggerNode(graph.data) : undefined;
  const found = node && findOperation(node.connectorId, node.operation);
  const polling = found?.kind === "trigger" && found.trigger.kind === "poll";
  const state = flow.triggerState;
  return {
    polling,
    hasCursor: polling && node !== undefined && hasPollPosition(state?.cursor ?? null, node),
    lastFiredAt: state?.lastFiredAt ?? null,
    lastError: state?.lastError ?? null,
  };
}
