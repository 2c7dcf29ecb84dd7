// Credentials at rest: AES-256-GCM with a fresh random nonce per encryption. The key id is stored beside the
// ciphertext so that keys can rotate, and the account id plus workspace id are bound in as associated data, so a
// ciphertext copied onto another account (or another workspace) does not decrypt.
import crypto from "node:crypto";
import { ConfluxError } from "@/lib/errors";

const FORMAT_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export interface KeyRing {
  /** The key new ciphertexts are made with. */
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export interface SealedCredentials {
  ciphertext: Buffer;
  keyId: string;
}

export interface CredentialsOwner {
  workspaceId: string;
  accountId: string;
}

/** Decryption failed: the ciphertext was altered, belongs to another account, or its key is gone. */
export class CredentialsUnreadableError extends ConfluxError {
  /** Short and free of secrets, e.g. "integrity check failed"; shown as the account's status message. */
  readonly reason: string;

  constructor(reason: string) {
    super(
      "CREDENTIALS_UNREADABLE",
      `The account's saved credentials are unreadable (${reason}). Edit the account to enter them again.`,
    );
    this.reason = reason;
  }
}

function associatedData(owner: CredentialsOwner): Buffer {
  return Buffer.from(`conflux:account-credentials:v${FORMAT_VERSION}:${owner.workspaceId}:${owner.accountId}`);
}

export function encryptCredentials(
  ring: KeyRing,
  owner: CredentialsOwner,
  values: Record<string, string>,
): SealedCredentials {
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw new Error(`The current key ${ring.currentKeyId} is not in the key ring`);
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(owner));
  const body = Buffer.concat([cipher.update(JSON.stringify(values), "utf8"), cipher.final()]);
  return {
    keyId: ring.currentKeyId,
    ciphertext: Buffer.concat([Buffer.from([FORMAT_VERSION]), nonce, cipher.getAuthTag(), body]),
  };
}

export function decryptCredentials(
  ring: KeyRing,
  owner: CredentialsOwner,
  sealed: SealedCredentials,
): Record<string, string> {
  const key = ring.keys.get(sealed.keyId);
  if (!key) throw new CredentialsUnreadableError(`encryption key ${sealed.keyId} is not configured`);
  const { ciphertext } = sealed;
  if (ciphertext.length < 1 + NONCE_BYTES + TAG_BYTES || ciphertext[0] !== FORMAT_VERSION) {
    throw new CredentialsUnreadableError("unknown format");
  }
  const nonce = ciphertext.subarray(1, 1 + NONCE_BYTES);
  const tag = ciphertext.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
  const body = ciphertext.subarray(1 + NONCE_BYTES + TAG_BYTES);
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(owner));
  decipher.setAuthTag(tag);
  let text: string;
  try {
    text = Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    throw new CredentialsUnreadableError("integrity check failed");
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new CredentialsUnreadableError("unexpected content");
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) if (typeof value === "string") values[name] = value;
  return values;
}
