// The webhook request's statements as plain SQL: finding the flow that listens at an address and reading the run's
// answer (the run itself is saved by run-insert.repository.ts). They run on every request a waiting caller makes, where a Prisma model query's CPU (it compiles
// each call) was the larger part of the whole request's (see sql.ts).
import { utc, type Sql } from "./sql";

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

/**
 * Remembers an accepted signature until it expires; false when the flow has already seen it (a replay). The flow's
 * expired signatures are dropped on the way, so the table holds no more than one window of requests per flow.
 */
export async function rememberSignature(
  sql: Sql,
  entry: { flowId: string; signature: string; expiresAt: Date; now: Date },
): Promise<boolean> {
  const { rows } = await sql.query<{ inserted: number }>(
    `WITH expired AS (
       DELETE FROM "WebhookSignature" WHERE "flowId" = $1 AND "expiresAt" < $4::timestamp
     )
     INSERT INTO "WebhookSignature" ("flowId", signature, "expiresAt") VALUES ($1, $2, $3::timestamp)
     ON CONFLICT ("flowId", signature) DO NOTHING RETURNING 1 AS inserted`,
    [entry.flowId, entry.signature, utc(entry.expiresAt), utc(entry.now)],
  );
  return rows.length > 0;
}

/** Forgets a signature whose request made no run after all, so that the caller's retry is not taken for a replay. */
export async function forgetSignature(sql: Sql, flowId: string, signature: string): Promise<void> {
  await sql.query(`DELETE FROM "WebhookSignature" WHERE "flowId" = $1 AND signature = $2 RETURNING 1`, [
    flowId,
    signature,
  ]);
}
