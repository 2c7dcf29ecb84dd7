// A flow's trigger bookkeeping (TriggerState): armed or not, when it is next due, a polling trigger's cursor, a
// webhook's address and sealed secret, and what the designer shows (last fired, last error).
import { z } from "zod";
import type { DbOrTx, Tx } from "./client";
import { textColumnSafe } from "../security/json-nul";
import { toJsonInput } from "./json";

export type TriggerKind = "schedule" | "poll" | "webhook";

const dueTriggerSchema = z.object({
  flowId: z.string(),
  workspaceId: z.string(),
  nextRunAt: z.date(),
  cursor: z.unknown(),
  status: z.string(),
  publishedVersionId: z.string().nullable(),
  graph: z.unknown(),
});
export type DueTrigger = z.infer<typeof dueTriggerSchema>;

/**
 * Locks up to `limit` armed triggers of `kind` due by `now`, with the flow's status and published graph. SKIP LOCKED
 * lets any number of workers claim at once, each getting other rows; the locks hold until `tx` ends.
 */
export async function lockDueTriggers(tx: Tx, kind: TriggerKind, now: Date, limit: number): Promise<DueTrigger[]> {
  const raw = await tx.$queryRaw`
    SELECT ts."flowId", ts."workspaceId", ts."nextRunAt", ts.cursor, f.status::text AS status, f."publishedVersionId",
      v.graph
    FROM "TriggerState" ts
    JOIN "Flow" f ON f.id = ts."flowId"
    LEFT JOIN "FlowVersion" v ON v.id = f."publishedVersionId"
    WHERE ts.active AND ts.kind = ${kind} AND ts."nextRunAt" <= ${now}
    ORDER BY ts."nextRunAt"
    LIMIT ${limit}
    FOR UPDATE OF ts SKIP LOCKED`;
  return z.array(dueTriggerSchema).parse(raw);
}

const lockedRowSchema = z.array(
  z.object({ active: z.boolean(), kind: z.string(), nextRunAt: z.date().nullable(), cursor: z.unknown() }),
);

/** Locks one trigger's row until `tx` ends and returns what a compare-and-set needs. */
export async function lockTriggerState(tx: Tx, flowId: string) {
  const [current] = lockedRowSchema.parse(
    await tx.$queryRaw`SELECT active, kind, "nextRunAt", cursor FROM "TriggerState" WHERE "flowId" = ${flowId} FOR UPDATE`,
  );
  return current;
}

export async function setNextRunAt(db: DbOrTx, flowIds: readonly string[], nextRunAt: Date | null): Promise<void> {
  await db.triggerState.updateMany({ where: { flowId: { in: [...flowIds] } }, data: { nextRunAt } });
}

/** After a poll: the cursor, when it is due again, and that it fired without error. */
export async function savePollOutcome(
  db: DbOrTx,
  flowId: string,
  data: { cursor: unknown; nextRunAt: Date; firedAt: Date },
): Promise<void> {
  await db.triggerState.update({
    where: { flowId },
    data: { cursor: toJsonInput(data.cursor), nextRunAt: data.nextRunAt, lastFiredAt: data.firedAt, lastError: null },
  });
}

/** Ends a claim with `data` unless a Stop or Start changed the row since (its nextRunAt is then no longer the lease). */
export async function releaseTriggerClaim(
  db: DbOrTx,
  flowId: string,
  leaseUntil: Date,
  data: { active?: boolean; nextRunAt: Date | null; lastError?: string },
): Promise<void> {
  const { lastError, ...rest } = data;
  await db.triggerState.updateMany({
    where: { flowId, active: true, nextRunAt: leaseUntil },
    // A remote's error text may quote a NUL, which Postgres refuses: the claim would never be released.
    data: lastError === undefined ? rest : { ...rest, lastError: textColumnSafe(lastError) },
  });
}

/** A trigger that cannot fire would be picked up on every tick forever: it is switched off. */
export async function switchOffTrigger(db: DbOrTx, flowId: string): Promise<void> {
  await db.triggerState.update({ where: { flowId }, data: { active: false, nextRunAt: null } });
}

/** Arms the trigger (Start); creates its row on a flow's first Start. */
export async function armTrigger(
  db: DbOrTx,
  args: { flowId: string; workspaceId: string; kind: string; nextRunAt: Date | null },
): Promise<void> {
  const data = { workspaceId: args.workspaceId, active: true, kind: args.kind, nextRunAt: args.nextRunAt };
  await db.triggerState.upsert({
    where: { flowId: args.flowId },
    create: { flowId: args.flowId, ...data },
    update: data,
  });
}

/** Disarms the trigger (Stop); a flow that never started has no row, and that is fine. */
export async function disarmTrigger(db: DbOrTx, flowId: string): Promise<void> {
  await db.triggerState.updateMany({ where: { flowId }, data: { active: false, nextRunAt: null } });
}

export async function findPollCursor(db: DbOrTx, flowId: string) {
  return db.triggerState.findUnique({ where: { flowId }, select: { cursor: true } });
}

/** Sets the cursor chosen at Start and makes the first poll due at once. */
export async function resetPollCursor(db: DbOrTx, flowId: string, cursor: unknown, dueAt: Date): Promise<void> {
  await db.triggerState.update({
    where: { flowId },
    data: { cursor: toJsonInput(cursor), nextRunAt: dueAt, lastError: null },
  });
}

/** What a webhook request needs to know about the flow listening at `webhookId`. */
export async function findWebhookListener(db: DbOrTx, webhookId: string) {
  return db.triggerState.findUnique({
    where: { webhookId },
    select: {
      flowId: true,
      workspaceId: true,
      active: true,
      kind: true,
      webhookSecret: true,
      flow: { select: { status: true, publishedVersionId: true } },
    },
  });
}

export async function findWebhookIdentity(db: DbOrTx, flowId: string) {
  return db.triggerState.findUnique({ where: { flowId }, select: { webhookId: true, webhookSecret: true } });
}

export async function saveWebhookIdentity(
  db: DbOrTx,
  flowId: string,
  identity: { webhookId?: string; webhookSecret: string },
): Promise<void> {
  await db.triggerState.update({ where: { flowId }, data: identity });
}

export async function noteTriggerFired(db: DbOrTx, flowId: string, firedAt: Date): Promise<void> {
  await db.triggerState.updateMany({ where: { flowId }, data: { lastFiredAt: firedAt, lastError: null } });
}

export async function noteTriggerError(db: DbOrTx, flowId: string, message: string): Promise<void> {
  await db.triggerState.updateMany({ where: { flowId }, data: { lastError: textColumnSafe(message) } });
}
