// Rows that only matter for a while, deleted by the worker's retention pass across all flows: each flow also drops
// its own on its next request, but a flow that stops receiving requests would otherwise keep them forever.
import { sqlOf, type SqlSource } from "./sql";

const NOW_UTC = `(now() AT TIME ZONE 'UTC')`;

/** Accepted webhook signatures whose replay window has passed (a replay of one is refused by its timestamp anyway). */
export async function deleteExpiredWebhookSignaturesBatch(db: SqlSource, limit: number): Promise<number> {
  const { rows } = await sqlOf(db).query(
    `DELETE FROM "WebhookSignature" WHERE ("flowId", signature) IN (
       SELECT "flowId", signature FROM "WebhookSignature" WHERE "expiresAt" < ${NOW_UTC} LIMIT $1
     ) RETURNING 1`,
    [limit],
  );
  return rows.length;
}

/**
 * "Listen for a test event" addresses a day past their expiry that never captured anything (their callers have had
 * 410 since), and captured samples a day old that a newer capture of the same trigger replaced (Test reads the
 * newest only). The newest capture of each trigger is kept: it is the sample Test starts from.
 */
export async function deleteStaleSampleListenersBatch(db: SqlSource, limit: number): Promise<number> {
  const { rows } = await sqlOf(db).query(
    `DELETE FROM "SampleListener" WHERE id IN (
       SELECT l.id FROM "SampleListener" l
       WHERE (l."capturedAt" IS NULL AND l."expiresAt" < ${NOW_UTC} - interval '1 day')
          OR (l."capturedAt" < ${NOW_UTC} - interval '1 day' AND EXISTS (
                SELECT 1 FROM "SampleListener" newer
                WHERE newer."flowId" = l."flowId" AND newer."connectorId" = l."connectorId"
                  AND newer.operation = l.operation AND newer."capturedAt" > l."capturedAt"))
       LIMIT $1
     ) RETURNING 1`,
    [limit],
  );
  return rows.length;
}
