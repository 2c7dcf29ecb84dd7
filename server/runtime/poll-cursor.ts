// The cursor of a polling trigger as TriggerState.cursor stores it, and what Start does to it. The connector's own
// cursor sits inside an envelope that also says which trigger it belongs to and, until the first poll is saved,
// where that first poll starts ("from now" or "since <date>"), so the Start dialog's choice survives until then.
import { z } from "zod";
import type { FlowNode } from "@/lib/flow-graph";
import { ValidationError } from "@/lib/errors";
import type { Tx } from "../db/client";
import { findPollCursor, resetPollCursor } from "../db/trigger-states.repository";

/** Start's choice for a polling trigger; absent means "where it left off", or "from now" on a first Start. */
export type PollFrom = "now" | { since: Date };

const storedPollCursorSchema = z.object({
  /** `connectorId.operation`: a cursor of another trigger means nothing to this one. */
  trigger: z.string(),
  /** The connector's nextCursor after the last saved poll; null until the first poll is saved. */
  position: z.json().nullable(),
  /** Until the first poll is saved: the ISO time it starts from, or null for "from now". */
  since: z.string().nullable(),
});
export type StoredPollCursor = z.infer<typeof storedPollCursorSchema>;

export function pollTriggerIdentity(node: Pick<FlowNode, "connectorId" | "operation">): string {
  return `${node.connectorId}.${node.operation}`;
}

export function readStoredPollCursor(value: unknown): StoredPollCursor | null {
  const parsed = storedPollCursorSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Whether the flow has polled before with this trigger, so Start can offer "where it left off". */
export function hasPollPosition(value: unknown, node: Pick<FlowNode, "connectorId" | "operation">): boolean {
  const stored = readStoredPollCursor(value);
  return stored !== null && stored.trigger === pollTriggerIdentity(node) && stored.position !== null;
}

/**
 * Arms a polling trigger at Start, inside Start's transaction: the cursor survives editing and republishing; only
 * an explicit choice resets it ("since <date>" backfills from then, "now" skips what piled up while stopped). The
 * first poll is due at once, so "from now" marks what exists within seconds of Start.
 */
export async function armPollTrigger(
  tx: Tx,
  args: { flowId: string; node: FlowNode; pollFrom?: PollFrom; now: Date },
): Promise<void> {
  const trigger = pollTriggerIdentity(args.node);
  if (typeof args.pollFrom === "object" && args.pollFrom.since.getTime() > args.now.getTime()) {
    throw new ValidationError("Choose a start date in the past: items are processed from that time on");
  }
  const state = await findPollCursor(tx, args.flowId);
  const stored = readStoredPollCursor(state?.cursor ?? null);
  let cursor: StoredPollCursor;
  if (typeof args.pollFrom === "object") cursor = { trigger, position: null, since: args.pollFrom.since.toISOString() };
  else if (args.pollFrom === "now" || !stored || stored.trigger !== trigger)
    cursor = { trigger, position: null, since: null };
  else cursor = stored;
  await resetPollCursor(tx, args.flowId, cursor, args.now);
}
