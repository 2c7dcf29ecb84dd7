// The webhook request's statements as plain SQL: finding the flow that listens at an address, saving the run and
// reading its answer. They run on every request a waiting caller makes, where a Prisma model query's CPU (it compiles
// each call) was the larger part of the whole request's (see sql.ts).
import { randomUUID } from "node:crypto";
import { jsonb, utc, type Sql } from "./sql";

export interface WebhookListener {
  flowId: string;
  workspaceId: string;
  active: boolean;
  kind: string;
  webhookSecret: string | null;
  status: string;
  publishedVersionId: string | null;
  businessKeyExpression: string | null;
}

export async function findWebhookListenerSql(sql: Sql, webhookId: string): Promise<WebhookListener | undefined> {
  const { rows } = await sql.query<WebhookListener>(
    `SELECT t."flowId", t."workspaceId", t.active, t.kind, t."webhookSecret", f.status::text AS status,
            f."publishedVersionId", f."businessKeyExpression"
     FROM "TriggerState" t JOIN "Flow" f ON f.id = t."flowId" WHERE t."webhookId" = $1`,
    [webhookId],
  );
  return rows[0];
}

/** Saves a queued run; undefined when a run of the flow already has the dedupe key. */
export async function insertWebhookRun(
  sql: Sql,
  run: {
    workspaceId: string;
    flowId: string;
    flowVersionId: string;
    dedupeKey: string | null;
    businessKey: string | null;
    triggerData: unknown;
  },
): Promise<string | undefined> {
  const { rows } = await sql.query<{ id: string }>(
    `INSERT INTO "Run" (id, "workspaceId", "flowId", "flowVersionId", status, "triggerKind", "dedupeKey",
       "businessKey", "triggerData", "isTest", "createdAt")
     VALUES ($1, $2, $3, $4, 'queued', 'webhook', $5, $6, $7::jsonb, false, $8::timestamp)
     ON CONFLICT ("flowId", "dedupeKey") DO NOTHING RETURNING id`,
    [
      randomUUID(),
      run.workspaceId,
      run.flowId,
      run.flowVersionId,
      run.dedupeKey,
      run.businessKey,
      jsonb(run.triggerData),
      utc(new Date()),
    ],
  );
  return rows[0]?.id;
}

export async function findRunIdByDedupeKey(sql: Sql, flowId: string, dedupeKey: string): Promise<string | undefined> {
  const { rows } = await sql.query<{ id: string }>(`SELECT id FROM "Run" WHERE "flowId" = $1 AND "dedupeKey" = $2`, [
    flowId,
    dedupeKey,
  ]);
  return rows[0]?.id;
}

/** What a webhook caller waiting on the run needs: its status, a Respond step's response, its error. */
export async function findRunResponseSql(
  sql: Sql,
  runId: string,
): Promise<{ status: string; response: unknown; error: unknown } | undefined> {
  const { rows } = await sql.query<{ status: string; response: unknown; error: unknown }>(
    `SELECT status::text AS status, response, error FROM "Run" WHERE id = $1`,
    [runId],
  );
  return rows[0];
}
