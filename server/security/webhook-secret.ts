// A webhook's address and secret. The id in the URL is the only thing standing between the internet and a flow that
// does not verify signatures, so it is unguessable (144 random bits). The secret is sealed at rest with the same key
// ring as account credentials (AES-256-GCM, the flow id bound in as associated data, so a sealed secret copied onto
// another flow does not open); it fits the text column as "<format>:<key id>:<base64url bytes>" (key ids never hold
// a colon: CONFLUX_SECRET_KEY splits "id:key" at the first one).
import crypto from "node:crypto";
import { ConfluxError } from "@/lib/errors";
import type { KeyRing } from "./credentials-cipher";

const ID_BYTES = 18;
const SECRET_BYTES = 32;
const SECRET_PREFIX = "whsec_";
const FORMAT = "w1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** What a webhook id looks like; anything else is answered 404 without touching the database. */
export const WEBHOOK_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function newWebhookId(): string {
  return crypto.randomBytes(ID_BYTES).toString("base64url");
}

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${crypto.randomBytes(SECRET_BYTES).toString("base64url")}`;
}

export class WebhookSecretUnreadableError extends ConfluxError {
  constructor(reason: string) {
    super(
      "CREDENTIALS_UNREADABLE",
      `The webhook's secret cannot be read (${reason}). Rotate the secret in the designer and give callers the new one.`,
    );
  }
}

function associatedData(flowId: string): Buffer {
  return Buffer.from(`conflux:webhook-secret:${FORMAT}:${flowId}`);
}

export function sealWebhookSecret(ring: KeyRing, flowId: string, secret: string): string {
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw new Error(`The current key ${ring.currentKeyId} is not in the key ring`);
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(flowId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  const sealed = Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64url");
  return `${FORMAT}:${ring.currentKeyId}:${sealed}`;
}

/** Whether a stored secret is sealed under the key, i.e. needs no re-sealing when that key is current. */
export function isSealedWith(stored: string, keyId: string): boolean {
  return stored.startsWith(`${FORMAT}:${keyId}:`);
}

export function openWebhookSecret(ring: KeyRing, flowId: string, stored: string): string {
  const [format, keyId, sealed, ...rest] = stored.split(":");
  if (format !== FORMAT || !keyId || !sealed || rest.length > 0)
    throw new WebhookSecretUnreadableError("unknown format");
  const key = ring.keys.get(keyId);
  if (!key) throw new WebhookSecretUnreadableError(`encryption key ${keyId} is not configured`);
  const bytes = Buffer.from(sealed, "base64url");
  if (bytes.length <= NONCE_BYTES + TAG_BYTES) throw new WebhookSecretUnreadableError("unknown format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, bytes.subarray(0, NONCE_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(associatedData(flowId));
  decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new WebhookSecretUnreadableError("integrity check failed");
  }
}
