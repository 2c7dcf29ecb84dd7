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
}

export type InsertedRunStatus = "queued" | "failed";

const insertedSchema = z.array(z.object({ id: z.string(), status: z.enum(["queued", "failed"]) }));

/**
 * Saves the runs in one statement and returns those created, in the order given. A run whose (flowId, dedupeKey)
 * was seen before (its key row exists, or a run still carries it) is skipped: no id comes back for it.
 */
export async function insertRuns(
  db: SqlSource,
  runs: readonly RunToInsert[],
): Promise<Array<{ id: string; status: InsertedRunStatus }>> {
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
  }));
  // A key row is made first; only the runs whose key row is new (or that carry no key) are inserted. Two runs with
  // one key in the same batch, or two requests at once, make one key row, so one run.
  const { rows: inserted } = await sqlOf(db).query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, "workspaceId" text, "flowId" text,
         "flowVersionId" text, status text, "triggerKind" text, "dedupeKey" text, "businessKey" text,
         "triggerData" jsonb, error jsonb, "finishedAt" timestamp, "replayOfRunId" text, "isTest" boolean)
     ), keys AS (
       INSERT INTO "RunDedupeKey" ("flowId", key, "runId", "createdAt")
       SELECT "flowId", "dedupeKey", id, $2::timestamp FROM input WHERE "dedupeKey" IS NOT NULL
       ON CONFLICT DO NOTHING
       RETURNING "runId"
     )
     INSERT INTO "Run" (id, "workspaceId", "flowId", "flowVersionId", status, "triggerKind", "dedupeKey",
       "businessKey", "triggerData", error, "finishedAt", "replayOfRunId", "isTest", "createdAt")
     SELECT id, "workspaceId", "flowId", "flowVersionId", status::"RunStatus", "triggerKind", "dedupeKey",
       "businessKey", COALESCE("triggerData", 'null'::jsonb), error, "finishedAt", "replayOfRunId", "isTest",
       $2::timestamp
     FROM input WHERE "dedupeKey" IS NULL OR id IN (SELECT "runId" FROM keys)
     ON CONFLICT ("flowId", "dedupeKey") DO NOTHING
     RETURNING id, status::text AS status`,
    [jsonb(rows), createdAt],
  );
  const created = new Map(insertedSchema.parse(inserted).map((row) => [row.id, row.status]));
  return rows.flatMap((row) => {
    const status = created.get(row.id);
    return status ? [{ id: row.id, status }] : [];
  });
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
