// The webhook request's statements as plain SQL: finding the flow that listens at an address and reading the run's
// answer (the run itself is saved by run-insert.repository.ts). They run on every request a waiting caller makes, where a Prisma model query's CPU (it compiles
// each call) was the larger part of the whole request's (see sql.ts).
import { z } from "zod";
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

export interface SignatureToRemember {
  flowId: string;
  signature: string;
  expiresAt: Date;
}

const rememberedSchema = z.array(z.object({ flowId: z.string(), signature: z.string() }));

/**
 * Remembers accepted signatures until they expire, in one statement, and says for each, in the order given, whether
 * it was new: false when its flow has already seen it (a replay), also earlier in the same batch. The flows' expired
 * signatures are dropped on the way, so the table holds no more than one window of requests per flow.
 */
export async function rememberSignatures(
  sql: Sql,
  entries: readonly SignatureToRemember[],
  now: Date,
): Promise<boolean[]> {
  if (entries.length === 0) return [];
  const { rows } = await sql.query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r("flowId" text, signature text, "expiresAt" timestamp)
     ), expired AS (
       DELETE FROM "WebhookSignature"
       WHERE "flowId" IN (SELECT "flowId" FROM input) AND "expiresAt" < $2::timestamp
     )
     INSERT INTO "WebhookSignature" ("flowId", signature, "expiresAt")
     SELECT "flowId", signature, "expiresAt" FROM input
     ON CONFLICT ("flowId", signature) DO NOTHING RETURNING "flowId", signature`,
    [jsonb(entries.map((entry) => ({ ...entry, expiresAt: utc(entry.expiresAt) }))), utc(now)],
  );
  const inserted = new Set(rememberedSchema.parse(rows).map((row) => JSON.stringify([row.flowId, row.signature])));
  // A signature given twice in the batch was inserted once: the first to ask has it, the others are replays.
  return entries.map((entry) => inserted.delete(JSON.stringify([entry.flowId, entry.signature])));
}

/** Forgets a signature whose request made no run after all, so that the caller's retry is not taken for a replay. */
export async function forgetSignature(sql: Sql, flowId: string, signature: string): Promise<void> {
  await sql.query(`DELETE FROM "WebhookSignature" WHERE "flowId" = $1 AND signature = $2 RETURNING 1`, [
    flowId,
    signature,
  ]);
}
