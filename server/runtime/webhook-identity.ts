// A webhook flow's address and secret are made once, on its first Start, and then kept through Stop, Start and
// republishing: the systems that call the flow are configured with them, and changing either would break them.
// Only rotateWebhookSecret (the designer's Rotate button) replaces the secret.
import type { DbOrTx } from "../db/client";
import { findWebhookIdentity, saveWebhookIdentity } from "../db/trigger-states.repository";
import type { KeyRing } from "../security/credentials-cipher";
import { newWebhookId, newWebhookSecret, sealWebhookSecret } from "../security/webhook-secret";

/** Where a flow's webhook listens: this prefix and its webhook id. */
export const WEBHOOK_PATH_PREFIX = "/api/hooks/";

/** Gives the flow's TriggerState a webhook id and secret unless it has them; the row must exist. */
export async function ensureWebhookIdentity(db: DbOrTx, flowId: string, ring: KeyRing): Promise<void> {
  const state = await findWebhookIdentity(db, flowId);
  if (state?.webhookId && state.webhookSecret) return;
  await saveWebhookIdentity(db, flowId, {
    webhookId: state?.webhookId ?? newWebhookId(),
    webhookSecret: state?.webhookSecret ?? sealWebhookSecret(ring, flowId, newWebhookSecret()),
  });
}

/** Replaces the secret; callers must sign with the new one from now on. Returns the new secret. */
export async function replaceWebhookSecret(db: DbOrTx, flowId: string, ring: KeyRing): Promise<string> {
  const secret = newWebhookSecret();
  await saveWebhookIdentity(db, flowId, { webhookSecret: sealWebhookSecret(ring, flowId, secret) });
  return secret;
}
