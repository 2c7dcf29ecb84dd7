// `npm run keys:rotate`: a new credential key, and every saved account re-encrypted under it, while Conflux runs.
//
// Embedded default (no CONFLUX_SECRET_KEY): the new key is added as newest to the key file in the data folder, which
// running processes re-read when it changes; then every account is re-encrypted.
// CONFLUX_SECRET_KEY: this script cannot change the variable of running processes, so it prints the new value to set
// everywhere; once every process runs with it, `npm run keys:rotate -- --reencrypt` re-encrypts the accounts.
import path from "node:path";
import { readConfig, type Config } from "../server/boot/config";
import { createDb, type Db } from "../server/db/client";
import { findRunningEmbeddedPostgres, startEmbeddedPostgres } from "../server/db/embedded-postgres";
import { runPrismaCli } from "../server/db/prisma-cli";
import type { KeyRing } from "../server/security/credentials-cipher";
import {
  formatSecretKeyVariable,
  KEYRING_FILE,
  openKeyRing,
  parseSecretKeyVariable,
  withNewestKey,
  writeKeyRingFile,
} from "../server/security/keyring";
import { rotateAccountKeys } from "../server/services/key-rotation.service";
import { resealWebhookSecrets } from "../server/services/webhooks.service";

const log = (line: string) => console.log(`[keys:rotate] ${line}`);
const args = process.argv.slice(2);
const reencryptOnly = args.includes("--reencrypt");
if (args.some((arg) => arg !== "--reencrypt")) {
  console.error("Usage: npm run keys:rotate [-- --reencrypt]");
  process.exit(2);
}

/** The database of the running app: DATABASE_URL, the embedded Postgres a running Conflux serves, or our own. */
async function openDatabase(
  dataDir: string,
  configured: string | undefined,
): Promise<{ db: Db; close: () => Promise<void> }> {
  const running = configured ? undefined : findRunningEmbeddedPostgres(dataDir);
  if (configured || running) {
    const db = createDb(configured ?? running ?? "", { poolSize: 2 });
    log(configured ? "Using DATABASE_URL" : `Using the embedded Postgres of the Conflux running on ${dataDir}`);
    return { db, close: () => db.$disconnect() };
  }
  // Conflux is not running: open the data folder ourselves (the lock keeps Conflux from starting meanwhile).
  const embedded = await startEmbeddedPostgres({ dataDir });
  await runPrismaCli(["migrate", "deploy"], { databaseUrl: embedded.url, quiet: true });
  const db = createDb(embedded.url, { poolSize: 2 });
  log(`Using the embedded Postgres in ${dataDir}`);
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await embedded.stop();
    },
  };
}

async function reencrypt(ring: KeyRing, config: Config): Promise<void> {
  const { db, close } = await openDatabase(config.dataDir, config.DATABASE_URL);
  try {
    const report = await rotateAccountKeys(db, ring, { log });
    log(`${report.reencrypted} account(s) re-encrypted under key ${report.currentKeyId}.`);
    for (const account of report.unreadable) {
      log(`Account "${account.name}" (${account.id}) is unreadable (${account.reason}) and was left as it was.`);
    }
    const hooks = await resealWebhookSecrets(db, ring);
    log(`${hooks.resealed} webhook secret(s) re-encrypted under key ${ring.currentKeyId}.`);
    for (const hook of hooks.unreadable) {
      log(`The webhook secret of flow ${hook.flowId} is unreadable (${hook.reason}); rotate it in the designer.`);
    }
  } finally {
    await close();
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const variable = config.CONFLUX_SECRET_KEY?.trim();
  if (variable) {
    const ring = parseSecretKeyVariable(variable);
    if (reencryptOnly) {
      log(`Re-encrypting every account under key ${ring.currentKeyId}, the first in CONFLUX_SECRET_KEY.`);
      await reencrypt(ring, config);
      log("Done. Keys after the first may now be removed from CONFLUX_SECRET_KEY.");
      return;
    }
    const rotated = withNewestKey(ring);
    console.log(
      [
        `A new key ${rotated.currentKeyId} was generated. Nothing was changed yet. To rotate:`,
        "  1. Set CONFLUX_SECRET_KEY on every web and worker process to (the old keys stay, after the new one):",
        `     ${formatSecretKeyVariable(rotated)}`,
        "  2. Restart them, so that all of them can read what is sealed under the new key.",
        "  3. Run `npm run keys:rotate -- --reencrypt` with the new value set, to re-encrypt every account.",
        "  4. Then the old keys may be removed from the variable.",
      ].join("\n"),
    );
    return;
  }
  const source = openKeyRing(process.env, config.dataDir);
  let ring = source.get();
  if (!reencryptOnly) {
    ring = withNewestKey(ring);
    // Running processes re-read the file when its modification time changes and seal new edits under the new key.
    writeKeyRingFile(path.join(config.dataDir, KEYRING_FILE), ring);
    log(`Added key ${ring.currentKeyId} to ${source.describe()}; it is now the current key.`);
  }
  await reencrypt(ring, config);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[keys:rotate] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
