// Re-encrypts every saved account under the key ring's current key, while the app keeps running. Accounts are read
// in batches and each is written back only if its ciphertext is still the one that was read, so an edit made in the
// meantime is never overwritten (it was sealed under the current key anyway, or is retried).
import type { Db } from "../db/client";
import * as accounts from "../db/accounts.repository";
import { CredentialsUnreadableError, type KeyRing } from "../security/credentials-cipher";
import { openCredentials, sealCredentials } from "../accounts/sealed";

export interface RotationReport {
  currentKeyId: string;
  /** Accounts now sealed under the current key by this rotation. */
  reencrypted: number;
  /** Accounts that could not be decrypted (altered, or their key is gone); left as they were. */
  unreadable: Array<{ id: string; name: string; reason: string }>;
}

const MAX_ATTEMPTS = 5;

type SealingRow = NonNullable<Awaited<ReturnType<typeof accounts.findAccountSealing>>>;

export async function rotateAccountKeys(
  db: Db,
  ring: KeyRing,
  options: { batchSize?: number; log?: (line: string) => void } = {},
): Promise<RotationReport> {
  const report: RotationReport = { currentKeyId: ring.currentKeyId, reencrypted: 0, unreadable: [] };
  const batchSize = options.batchSize ?? 100;
  let afterId = "";
  for (;;) {
    const batch = await accounts.listAccountsToReseal(db, ring.currentKeyId, afterId, batchSize);
    for (const row of batch) await reseal(db, ring, row, report);
    if (batch.length < batchSize) break;
    afterId = batch.at(-1)?.id ?? afterId;
    options.log?.(`${report.reencrypted} account(s) re-encrypted so far`);
  }
  return report;
}

async function reseal(db: Db, ring: KeyRing, first: SealingRow, report: RotationReport): Promise<void> {
  let row: SealingRow | null = first;
  for (let attempt = 1; row && row.keyId !== ring.currentKeyId; attempt += 1) {
    let values: Record<string, string>;
    try {
      values = openCredentials(ring, row);
    } catch (error) {
      if (!(error instanceof CredentialsUnreadableError)) throw error;
      report.unreadable.push({ id: row.id, name: row.name, reason: error.reason });
      return;
    }
    const next = sealCredentials(ring, row, values);
    if (await accounts.replaceCiphertextIfUnchanged(db, row.id, row, next)) {
      report.reencrypted += 1;
      return;
    }
    // Edited (or deleted) since it was read: look again; an edit will usually have sealed it under the current key.
    if (attempt === MAX_ATTEMPTS) throw new Error(`Account ${row.id} kept changing during key rotation; run it again`);
    row = await accounts.findAccountSealing(db, row.id);
  }
}
