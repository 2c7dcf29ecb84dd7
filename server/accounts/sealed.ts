// Sealing and opening an account row's credentials column, with the account and workspace bound in as associated
// data (server/security/credentials-cipher.ts).
import type { AccountField, ConnectorAuth } from "@/lib/account-fields";
import { isWriteOnly } from "@/lib/account-fields";
import {
  CredentialsUnreadableError,
  decryptCredentials,
  encryptCredentials,
  type KeyRing,
} from "../security/credentials-cipher";

export interface SealedRow {
  id: string;
  workspaceId: string;
  credentials: Uint8Array | null;
  keyId: string | null;
}

export function openCredentials(ring: KeyRing, row: SealedRow): Record<string, string> {
  if (!row.credentials || !row.keyId) throw new CredentialsUnreadableError("nothing was saved");
  return decryptCredentials(
    ring,
    { workspaceId: row.workspaceId, accountId: row.id },
    { ciphertext: Buffer.from(row.credentials), keyId: row.keyId },
  );
}

export function sealCredentials(
  ring: KeyRing,
  owner: { id: string; workspaceId: string },
  values: Record<string, string>,
): { credentials: Uint8Array<ArrayBuffer>; keyId: string } {
  const sealed = encryptCredentials(ring, { workspaceId: owner.workspaceId, accountId: owner.id }, values);
  // Prisma's Bytes columns take a Uint8Array over a plain ArrayBuffer; a Buffer may sit on a shared pool.
  return { credentials: new Uint8Array(sealed.ciphertext), keyId: sealed.keyId };
}

/** The values that must never leave the server: write-only fields of the mode, or every value if the mode is gone. */
export function secretValues(auth: ConnectorAuth | undefined, mode: string, values: Record<string, string>): string[] {
  const fields: AccountField[] | undefined = auth?.modes.find((candidate) => candidate.key === mode)?.fields;
  if (!fields) return Object.values(values);
  return fields.filter(isWriteOnly).flatMap((field) => (values[field.key] ? [values[field.key] ?? ""] : []));
}
