import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { CredentialsUnreadableError, decryptCredentials, encryptCredentials, type KeyRing } from "./credentials-cipher";

const ring = (currentKeyId: string, ...ids: string[]): KeyRing => ({
  currentKeyId,
  keys: new Map(ids.map((id) => [id, crypto.createHash("sha256").update(id).digest()])),
});
const owner = { workspaceId: "ws_1", accountId: "acc_1" };
const secret = { loginId: "ops@example.com", password: "canary-Pa55word!" };

describe("credentials cipher", () => {
  it("round-trips and never stores the plaintext or reuses a nonce", () => {
    const keys = ring("k1", "k1");
    const first = encryptCredentials(keys, owner, secret);
    const second = encryptCredentials(keys, owner, secret);
    expect(first.keyId).toBe("k1");
    expect(first.ciphertext.toString("latin1")).not.toContain("canary");
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(decryptCredentials(keys, owner, first)).toEqual(secret);
  });

  it("refuses a tampered ciphertext loudly", () => {
    const keys = ring("k1", "k1");
    const sealed = encryptCredentials(keys, owner, secret);
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[tampered.length - 1]! ^= 0x01;
    expect(() => decryptCredentials(keys, owner, { ...sealed, ciphertext: tampered })).toThrow(
      CredentialsUnreadableError,
    );
  });

  it("refuses the ciphertext on another account or workspace (associated data)", () => {
    const keys = ring("k1", "k1");
    const sealed = encryptCredentials(keys, owner, secret);
    expect(() => decryptCredentials(keys, { ...owner, accountId: "acc_2" }, sealed)).toThrow(/integrity check failed/);
    expect(() => decryptCredentials(keys, { ...owner, workspaceId: "ws_2" }, sealed)).toThrow(/integrity check failed/);
  });

  it("decrypts with an older key after rotation and names a missing key", () => {
    const sealedUnderOld = encryptCredentials(ring("k1", "k1"), owner, secret);
    const rotated = ring("k2", "k2", "k1");
    expect(decryptCredentials(rotated, owner, sealedUnderOld)).toEqual(secret);
    expect(encryptCredentials(rotated, owner, secret).keyId).toBe("k2");
    expect(() => decryptCredentials(ring("k2", "k2"), owner, sealedUnderOld)).toThrow(/key k1 is not configured/);
  });
});
