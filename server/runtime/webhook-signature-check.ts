// The Toolbox webhook's signature check (security/webhook-signature.ts) on a request, with replay refusal: a
// signature is accepted once while its timestamp is inside the window, remembered in Postgres for that long.
// Concurrent requests remember theirs in one shared statement (group-commit.ts), as they save their runs.
import type { Sql } from "../db/sql";
import { rememberSignatures, type SignatureToRemember } from "../db/webhook-runs.repository";
import { createGroupCall, type GroupCall } from "./group-commit";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "../security/webhook-signature";

export type SignatureOutcome =
  /** Accepted; `signature` is what was remembered (null when the event id's dedupe key stands in for it). */
  | { signature: string | null; headers: string[] }
  | { code: "SIGNATURE_INVALID" | "SIGNATURE_REPLAYED"; reason: string };

// One group per database handle: the webhook pool's (db/hot-sql.ts) is shared by every request of a process.
const groups = new WeakMap<Sql, GroupCall<SignatureToRemember, boolean>>();

function rememberTogether(sql: Sql, entry: SignatureToRemember): Promise<boolean> {
  let group = groups.get(sql);
  if (!group) {
    group = createGroupCall((entries: SignatureToRemember[]) => rememberSignatures(sql, entries, new Date()), {
      maxBatch: 200,
    });
    groups.set(sql, group);
  }
  return group.call(entry);
}

export async function checkSignature(
  sql: Sql,
  args: { request: Request; raw: Buffer; eventId: string | null; flowId: string; secret: string },
): Promise<SignatureOutcome> {
  const { request, eventId } = args;
  const now = new Date();
  const check = verifyWebhookSignature({
    secret: args.secret,
    header: request.headers.get(SIGNATURE_HEADER),
    parts: { eventId, query: new URL(request.url).search.slice(1), headers: request.headers, body: args.raw },
    now,
  });
  if (!check.ok) return { code: "SIGNATURE_INVALID", reason: check.reason };
  // The signature covers the event id, and a second request with it finds the first one's run (200 duplicate), so
  // its dedupe key already stops a replay; a sender's retry of an event keeps that answer.
  if (eventId !== null) return { signature: null, headers: check.signedHeaders };
  const fresh = await rememberTogether(sql, {
    flowId: args.flowId,
    signature: check.signature,
    expiresAt: check.expiresAt,
  });
  if (!fresh) {
    return {
      code: "SIGNATURE_REPLAYED",
      reason: "This signature was already used: a signed request is accepted once; sign each request anew",
    };
  }
  return { signature: check.signature, headers: check.signedHeaders };
}

/** The headers a signed request gives the flow: those its signature covers, so a replay cannot add one. */
export function onlySigned(headers: Record<string, string>, names: string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
