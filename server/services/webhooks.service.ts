// What the designer shows of a webhook flow: its address and secret, and rotating the secret. The secret leaves the
// server only through here, to the designer, which is the one place a user copies it from.
import { ConfluxError, NotFoundError } from "@/lib/errors";
import { getConfig } from "../boot/config";
import type { Db } from "../db/client";
import type { KeyRing } from "../security/credentials-cipher";
import type { KeyRingSource } from "../security/keyring";
import { isSealedWith, openWebhookSecret, sealWebhookSecret } from "../security/webhook-secret";
import { replaceWebhookSecret, WEBHOOK_PATH_PREFIX } from "../runtime/webhook-identity";

export { WEBHOOK_PATH_PREFIX };

export interface WebhookInfo {
  /** "/api/hooks/<id>", or null before the flow's first Start. */
  path: string | null;
  /** The whole address under CONFLUX_PUBLIC_URL when it is set; null leaves the page's own origin to the designer. */
  url: string | null;
  secret: string | null;
  /** Why the secret cannot be shown (its key is gone); Rotate makes a new one. */
  secretProblem: string | null;
  /** Whether the address takes requests now: the flow is running with the webhook trigger. */
  listening: boolean;
  lastFiredAt: Date | null;
  lastError: string | null;
}

/** `path` under CONFLUX_PUBLIC_URL, or null when it is not set. */
export function publicAddress(path: string): string | null {
  const base = getConfig().CONFLUX_PUBLIC_URL;
  return base ? `${base}${path}` : null;
}

async function findState(db: Db, workspaceId: string, flowId: string) {
  const flow = await db.flow.findFirst({
    where: { id: flowId, workspaceId },
    select: {
      status: true,
      triggerState: {
        select: { active: true, kind: true, webhookId: true, webhookSecret: true, lastFiredAt: true, lastError: true },
      },
    },
  });
  if (!flow) throw new NotFoundError("The flow");
  return { status: flow.status, state: flow.triggerState };
}

export async function getWebhookInfo(
  db: Db,
  keys: KeyRingSource,
  workspaceId: string,
  flowId: string,
): Promise<WebhookInfo> {
  const { status, state } = await findState(db, workspaceId, flowId);
  let secret: string | null = null;
  let secretProblem: string | null = null;
  if (state?.webhookSecret) {
    try {
      secret = openWebhookSecret(keys.get(), flowId, state.webhookSecret);
    } catch (error) {
      if (!(error instanceof ConfluxError)) throw error;
      secretProblem = error.message;
    }
  }
  const path = state?.webhookId ? `${WEBHOOK_PATH_PREFIX}${state.webhookId}` : null;
  return {
    path,
    url: path ? publicAddress(path) : null,
    secret,
    secretProblem,
    listening: status === "running" && state?.active === true && state.kind === "webhook",
    lastFiredAt: state?.lastFiredAt ?? null,
    lastError: state?.lastError ?? null,
  };
}

/** A new secret for the flow's webhook; requests signed with the old one are refused from now on. */
export async function rotateWebhookSecret(
  db: Db,
  keys: KeyRingSource,
  workspaceId: string,
  flowId: string,
): Promise<WebhookInfo> {
  const { state } = await findState(db, workspaceId, flowId);
  if (!state?.webhookId) {
    throw new ConfluxError("FLOW_NOT_RUNNING", "Start the flow once to get its webhook address and secret.");
  }
  await replaceWebhookSecret(db, flowId, keys.get());
  return getWebhookInfo(db, keys, workspaceId, flowId);
}

/**
 * Re-seals every webhook secret under the ring's current key (for `keys:rotate`), so an old key can be retired.
 * A row is written back only if it still holds what was read: a Rotate in the meantime wins.
 */
export async function resealWebhookSecrets(
  db: Db,
  ring: KeyRing,
): Promise<{ resealed: number; unreadable: Array<{ flowId: string; reason: string }> }> {
  const rows = await db.triggerState.findMany({
    where: { webhookSecret: { not: null } },
    select: { flowId: true, webhookSecret: true },
  });
  const report = { resealed: 0, unreadable: [] as Array<{ flowId: string; reason: string }> };
  for (const row of rows) {
    if (!row.webhookSecret || isSealedWith(row.webhookSecret, ring.currentKeyId)) continue;
    let secret: string;
    try {
      secret = openWebhookSecret(ring, row.flowId, row.webhookSecret);
    } catch (error) {
      if (!(error instanceof ConfluxError)) throw error;
      report.unreadable.push({ flowId: row.flowId, reason: error.message });
      continue;
    }
    const { count } = await db.triggerState.updateMany({
      where: { flowId: row.flowId, webhookSecret: row.webhookSecret },
      data: { webhookSecret: sealWebhookSecret(ring, row.flowId, secret) },
    });
    report.resealed += count;
  }
  return report;
}
