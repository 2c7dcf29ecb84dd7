// The alert outbox (RunFailure): a row per failed run, written by a database trigger with the run's failed state
// (see the failure_alerts migration). The alert dispatcher reads the pending rows in order, decides which start the
// "When a flow fails" flows, and marks them processed in the same transaction as the runs it creates.
import { z } from "zod";
import type { Tx } from "./client";

/**
 * One transaction at a time processes the outbox, so bursts are judged in order and never alerted twice. The
 * two-key form of the lock lives apart from the one-key locks that run-lock.ts takes on run ids.
 */
const DISPATCH_LOCK = [727, 1] as const;

/** Takes the dispatcher's lock for the rest of `tx`; false when another worker's dispatcher holds it. */
export async function tryLockFailureDispatch(tx: Tx): Promise<boolean> {
  const [row] = z
    .array(z.object({ locked: z.boolean() }))
    .parse(
      await tx.$queryRaw`SELECT pg_try_advisory_xact_lock(${DISPATCH_LOCK[0]}::int, ${DISPATCH_LOCK[1]}::int) AS locked`,
    );
  return row?.locked === true;
}

const pendingFailureSchema = z.object({
  id: z.bigint(),
  runId: z.string(),
  workspaceId: z.string(),
  flowId: z.string(),
  failedAt: z.date(),
  flowName: z.string(),
  alertFailureCount: z.number().nullable(),
  alertWindowMinutes: z.number().nullable(),
  triggerKind: z.string(),
  businessKey: z.string().nullable(),
  error: z.unknown(),
  graph: z.unknown(),
});
export type PendingFailure = z.infer<typeof pendingFailureSchema>;

/** The oldest unprocessed failures, with what an alert says about them (the run's error, its version's graph). */
export async function findPendingFailures(tx: Tx, limit: number): Promise<PendingFailure[]> {
  const rows = await tx.$queryRaw`
    SELECT rf.id, rf."runId", rf."workspaceId", rf."flowId", rf."failedAt", f.name AS "flowName",
      f."alertFailureCount", f."alertWindowMinutes", r."triggerKind", r."businessKey", r.error, v.graph
    FROM "RunFailure" rf
    JOIN "Run" r ON r.id = rf."runId"
    JOIN "Flow" f ON f.id = rf."flowId"
    JOIN "FlowVersion" v ON v.id = r."flowVersionId"
    WHERE rf."processedAt" IS NULL
    ORDER BY rf.id
    LIMIT ${limit}`;
  return z.array(pendingFailureSchema).parse(rows);
}

/** When the flow's last alert went out, at or before `before`; null when it never alerted (in the kept day). */
export async function findLastAlertAt(tx: Tx, flowId: string, before: Date): Promise<Date | null> {
  const [row] = z.array(z.object({ at: z.date().nullable() })).parse(
    await tx.$queryRaw`SELECT max("failedAt") AS at FROM "RunFailure"
        WHERE "flowId" = ${flowId} AND alerted AND "failedAt" <= ${before}`,
  );
  return row?.at ?? null;
}

/** The flow's failures after `after` up to and including `until`. */
export async function countFailuresBetween(tx: Tx, flowId: string, after: Date, until: Date): Promise<number> {
  const [row] = z.array(z.object({ count: z.number() })).parse(
    await tx.$queryRaw`SELECT count(*)::int AS count FROM "RunFailure"
        WHERE "flowId" = ${flowId} AND "failedAt" > ${after} AND "failedAt" <= ${until}`,
  );
  return row?.count ?? 0;
}

export async function markFailureProcessed(tx: Tx, id: bigint, alerted: boolean): Promise<void> {
  await tx.runFailure.update({ where: { id }, data: { processedAt: new Date(), alerted } });
}

/** Forgets processed failures older than `before` (the alert rule's window is at most a day). */
export async function pruneProcessedFailures(tx: Tx, before: Date): Promise<number> {
  return tx.$executeRaw`DELETE FROM "RunFailure" WHERE id IN (
    SELECT id FROM "RunFailure" WHERE "processedAt" IS NOT NULL AND "failedAt" < ${before} LIMIT 1000)`;
}

const alertFlowSchema = z.object({
  flowId: z.string(),
  publishedVersionId: z.string(),
  graph: z.unknown(),
});
export type AlertFlow = z.infer<typeof alertFlowSchema>;

/** The workspace's running flows whose trigger is "When a flow fails", with their published graph. */
export async function findAlertFlows(tx: Tx, workspaceId: string, triggerKind: string): Promise<AlertFlow[]> {
  const rows = await tx.$queryRaw`
    SELECT ts."flowId", f."publishedVersionId", v.graph
    FROM "TriggerState" ts
    JOIN "Flow" f ON f.id = ts."flowId"
    JOIN "FlowVersion" v ON v.id = f."publishedVersionId"
    WHERE ts."workspaceId" = ${workspaceId} AND ts.active AND ts.kind = ${triggerKind} AND f.status = 'running'
    ORDER BY ts."flowId"`;
  return z.array(alertFlowSchema).parse(rows);
}
