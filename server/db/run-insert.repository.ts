// The one statement that saves new runs, whatever started them (webhook, poll, schedule, Run now, alert, replay),
// together with their dedupe keys. A key lives in RunDedupeKey as well as on the run: retention deletes runs, and an
// event seen before must stay a duplicate after its run is gone, until the key itself expires
// (CONFLUX_DEDUPE_KEY_DAYS). The run's own unique (flowId, dedupeKey) index still covers keys that expired sooner
// than their run.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { jsonb, sqlOf, utc, type SqlSource } from "./sql";

/** A run ready to be saved (business key worked out); queued, or failed when `failed` says why it cannot run. */
export interface RunToInsert {
  workspaceId: string;
  flowId: string;
  flowVersionId: string;
  triggerKind: string;
  triggerData: unknown;
  dedupeKey?: string | null;
  businessKey?: string | null;
  replayOfRunId?: string | null;
  isTest?: boolean;
  failed?: { error: unknown; finishedAt: Date };
  /** Saved only while the flow still listens at this webhook as the request found it (webhook.ts remembers it). */
  guard?: WebhookListenerGuard;
}

/**
 * The webhook listener a request was checked against: the run is saved only if its trigger is still an active
 * webhook at this address, its flow runs with the run's version published, and the secret and business key
 * template are the ones the request used.
 */
export interface WebhookListenerGuard {
  webhookId: string;
  webhookSecret: string | null;
  businessKeyExpression: string | null;
}

export type InsertedRunStatus = "queued" | "failed";

/** What became of one run handed to `saveRuns`. */
export type RunInsertOutcome =
  | { outcome: "created"; id: string; status: InsertedRunStatus }
  /** Its dedupe key was seen before; `id` is the run the key made when this statement could see it. */
  | { outcome: "duplicate"; id: string | undefined }
  /** Its guard no longer holds: nothing was saved, not even its dedupe key. */
  | { outcome: "refused" };

const outcomeRowsSchema = z.array(
  z.object({
    id: z.string(),
    status: z.enum(["queued", "failed"]).nullable(),
    allowed: z.boolean(),
    existingId: z.string().nullable(),
  }),
);

// A key row is made first; only the runs whose key row is new (or that carry no key) are inserted. Two runs with one
// key in the same batch, or two requests at once, make one key row, so one run. A guarded run whose guard fails makes
// neither. The last part says, per run given, what became of it; its look-ups see the database as it was before this
// statement (not its own inserts), so a key made by a concurrent statement shows as a duplicate without an id.
const SAVE_RUNS_SQL = `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, "workspaceId" text, "flowId" text,
         "flowVersionId" text, status text, "triggerKind" text, "dedupeKey" text, "businessKey" text,
         "triggerData" jsonb, error jsonb, "finishedAt" timestamp, "replayOfRunId" text, "isTest" boolean,
         "guardWebhookId" text, "guardSecret" text, "guardBusinessKey" text)
     ), checked AS (
       SELECT input.*, ("guardWebhookId" IS NULL OR EXISTS (
         SELECT 1 FROM "TriggerState" t JOIN "Flow" f ON f.id = t."flowId"
         WHERE t."webhookId" = input."guardWebhookId" AND t."flowId" = input."flowId" AND t.active
           AND t.kind = 'webhook' AND f.status = 'running' AND f."publishedVersionId" = input."flowVersionId"
           AND t."webhookSecret" IS NOT DISTINCT FROM input."guardSecret"
           AND f."businessKeyExpression" IS NOT DISTINCT FROM input."guardBusinessKey")) AS allowed
       FROM input
     ), keys AS (
       INSERT INTO "RunDedupeKey" ("flowId", key, "runId", "createdAt")
       SELECT "flowId", "dedupeKey", id, $2::timestamp FROM checked WHERE allowed AND "dedupeKey" IS NOT NULL
       ON CONFLICT DO NOTHING
       RETURNING "runId"
     ), created AS (
       INSERT INTO "Run" (id, "workspaceId", "flowId", "flowVersionId", status, "triggerKind", "dedupeKey",
         "businessKey", "triggerData", error, "finishedAt", "replayOfRunId", "isTest", "createdAt")
       SELECT id, "workspaceId", "flowId", "flowVersionId", status::"RunStatus", "triggerKind", "dedupeKey",
         "businessKey", COALESCE("triggerData", 'null'::jsonb), error, "finishedAt", "replayOfRunId", "isTest",
         $2::timestamp
       FROM checked WHERE allowed AND ("dedupeKey" IS NULL OR id IN (SELECT "runId" FROM keys))
       ON CONFLICT ("flowId", "dedupeKey") DO NOTHING
       RETURNING id, status::text AS status
     )
     SELECT c.id, created.status, c.allowed,
       CASE WHEN created.id IS NULL AND c.allowed AND c."dedupeKey" IS NOT NULL THEN COALESCE(
         (SELECT r.id FROM "Run" r WHERE r."flowId" = c."flowId" AND r."dedupeKey" = c."dedupeKey"),
         (SELECT k."runId" FROM "RunDedupeKey" k WHERE k."flowId" = c."flowId" AND k.key = c."dedupeKey"))
       END AS "existingId"
     FROM checked c LEFT JOIN created ON created.id = c.id`;

/**
 * Saves the runs in one statement and says, in the order given, what became of each: created; a duplicate, when its
 * (flowId, dedupeKey) was seen before (its key row exists, or a run still carries it); or refused, when its guard no
 * longer holds. Runs without a guard are never refused.
 */
export async function saveRuns(db: SqlSource, runs: readonly RunToInsert[]): Promise<RunInsertOutcome[]> {
  if (runs.length === 0) return [];
  const createdAt = utc(new Date());
  const rows = runs.map((run) => ({
    id: randomUUID(),
    workspaceId: run.workspaceId,
    flowId: run.flowId,
    flowVersionId: run.flowVersionId,
    status: run.failed ? "failed" : "queued",
    triggerKind: run.triggerKind,
    dedupeKey: run.dedupeKey ?? null,
    businessKey: run.businessKey ?? null,
    triggerData: run.triggerData ?? null,
    error: run.failed ? (run.failed.error ?? null) : null,
    finishedAt: run.failed ? utc(run.failed.finishedAt) : null,
    replayOfRunId: run.replayOfRunId ?? null,
    isTest: run.isTest ?? false,
    guardWebhookId: run.guard?.webhookId ?? null,
    guardSecret: run.guard?.webhookSecret ?? null,
    guardBusinessKey: run.guard?.businessKeyExpression ?? null,
  }));
  const { rows: answered } = await sqlOf(db).query(SAVE_RUNS_SQL, [jsonb(rows), createdAt]);
  const byId = new Map(outcomeRowsSchema.parse(answered).map((row) => [row.id, row]));
  // A key given twice in this batch: the later runs are duplicates of the one this statement created.
  const createdByKey = new Map<string, string>();
  return rows.map((row): RunInsertOutcome => {
    const answer = byId.get(row.id);
    if (!answer) throw new Error("the run insert did not answer for every run");
    const key = row.dedupeKey === null ? undefined : JSON.stringify([row.flowId, row.dedupeKey]);
    if (answer.status !== null) {
      if (key !== undefined) createdByKey.set(key, row.id);
      return { outcome: "created", id: row.id, status: answer.status };
    }
    if (!answer.allowed) return { outcome: "refused" };
    return {
      outcome: "duplicate",
      id: answer.existingId ?? (key === undefined ? undefined : createdByKey.get(key)),
    };
  });
}

/**
 * Saves the runs in one statement and returns those created, in the order given. A run whose (flowId, dedupeKey)
 * was seen before (its key row exists, or a run still carries it) is skipped: no id comes back for it.
 */
export async function insertRuns(
  db: SqlSource,
  runs: readonly RunToInsert[],
): Promise<Array<{ id: string; status: InsertedRunStatus }>> {
  return (await saveRuns(db, runs)).flatMap((saved) =>
    saved.outcome === "created" ? [{ id: saved.id, status: saved.status }] : [],
  );
}

/**
 * The run an event with this key made: the run that carries it, or, once retention deleted that run, the id its key
 * row kept. Undefined when the key was never seen (or expired).
 */
export async function findRunIdByDedupeKey(
  db: SqlSource,
  flowId: string,
  dedupeKey: string,
): Promise<string | undefined> {
  const { rows } = await sqlOf(db).query<{ id: string | null }>(
    `SELECT COALESCE(
       (SELECT id FROM "Run" WHERE "flowId" = $1 AND "dedupeKey" = $2),
       (SELECT "runId" FROM "RunDedupeKey" WHERE "flowId" = $1 AND key = $2)) AS id`,
    [flowId, dedupeKey],
  );
  return rows[0]?.id ?? undefined;
}

/** Deletes up to `limit` dedupe keys older than `days`; returns how many. */
export async function deleteExpiredDedupeKeysBatch(db: SqlSource, days: number, limit: number): Promise<number> {
  const { rows } = await sqlOf(db).query(
    `DELETE FROM "RunDedupeKey" WHERE ("flowId", key) IN (
       SELECT "flowId", key FROM "RunDedupeKey"
       WHERE "createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(days => $1::int)
       LIMIT $2
     ) RETURNING 1`,
    [days, limit],
  );
  return rows.length;
}
