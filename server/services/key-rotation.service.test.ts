// Key rotation on a real Postgres: every account ends up under the new key, edits made during the rotation survive,
// and an unreadable account is reported and left alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { openCredentials } from "../accounts/sealed";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import type { KeyRing } from "../security/credentials-cipher";
import { newSecretKey, parseSecretKeyVariable, withNewestKey, type KeyRingSource } from "../security/keyring";
import * as accounts from "./accounts.service";
import { rotateAccountKeys } from "./key-rotation.service";

let t: TestDatabase;
let workspaceId: string;
let ring: KeyRing;
// The app reads the ring through a source, as it does from the key file, so a test can rotate under it.
const keys: KeyRingSource = { get: () => ring, describe: () => "test" };

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = await ensureDefaultWorkspace(t.db);
  ring = parseSecretKeyVariable(newSecretKey().base64);
});
afterAll(() => t.drop());

const ctx = () => ({ db: t.db, keys, workspaceId });

async function createMany(count: number, prefix: string) {
  const created = [];
  for (let index = 0; index < count; index += 1) {
    created.push(
      await accounts.createAccount(ctx(), {
        connectorId: "http",
        name: `${prefix} ${index}`,
        mode: "basic",
        values: { baseUrl: "http://127.0.0.1:9", username: `user-${index}`, password: `secret-${index}` },
      }),
    );
  }
  return created;
}

describe("key rotation", () => {
  it("re-encrypts every account under the new key in batches; the old key is then no longer needed", async () => {
    const created = await createMany(7, "Batch");
    const oldKeyId = ring.currentKeyId;
    ring = withNewestKey(ring);
    const report = await rotateAccountKeys(t.db, ring, { batchSize: 3 });
    expect(report).toEqual({ currentKeyId: ring.currentKeyId, reencrypted: 7, unreadable: [] });

    const rows = await t.db.account.findMany({ where: { id: { in: created.map((account) => account.id) } } });
    expect(new Set(rows.map((row) => row.keyId))).toEqual(new Set([ring.currentKeyId]));
    const onlyNewKey: KeyRing = {
      currentKeyId: ring.currentKeyId,
      keys: new Map([...ring.keys].filter(([id]) => id !== oldKeyId)),
    };
    for (const row of rows) expect(openCredentials(onlyNewKey, row).password).toMatch(/^secret-\d$/);
    expect(await rotateAccountKeys(t.db, ring)).toMatchObject({ reencrypted: 0 });
  });

  it("keeps edits made while it runs and reports unreadable accounts without stopping", async () => {
    const created = await createMany(30, "Busy");
    const broken = created[0];
    if (!broken) throw new Error("no account");
    await t.db.account.update({ where: { id: broken.id }, data: { credentials: new Uint8Array(48).fill(1) } });
    ring = withNewestKey(ring);

    const edits = created.slice(1).map((account, index) =>
      accounts.updateAccount(ctx(), {
        id: account.id,
        values: { baseUrl: "http://127.0.0.1:9/edited", username: `edited-${index}` },
      }),
    );
    const [report] = await Promise.all([rotateAccountKeys(t.db, ring, { batchSize: 4 }), ...edits]);
    expect(report.unreadable).toEqual([{ id: broken.id, name: "Busy 0", reason: "integrity check failed" }]);

    const listed = await accounts.listAccounts(ctx());
    for (const account of created.slice(1)) {
      const row = await t.db.account.findUniqueOrThrow({ where: { id: account.id } });
      expect(row.keyId).toBe(ring.currentKeyId);
      const values = openCredentials(ring, row);
      expect(values.baseUrl).toBe("http://127.0.0.1:9/edited");
      expect(values.password).toMatch(/^secret-\d+$/);
    }
    expect(listed.filter((account) => account.status === "unreadable").map((account) => account.id)).toEqual([
      broken.id,
    ]);
  });
});
