import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatSecretKeyVariable,
  KEYRING_FILE,
  keyIdOf,
  newSecretKey,
  openKeyRing,
  parseSecretKeyVariable,
  withNewestKey,
  writeKeyRingFile,
} from "./keyring";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "conflux-keyring-"));

describe("key ring", () => {
  it("reads one bare key or several named keys, newest first, from CONFLUX_SECRET_KEY", () => {
    const bare = newSecretKey();
    expect(parseSecretKeyVariable(bare.base64).currentKeyId).toBe(bare.id);
    const older = newSecretKey();
    const ring = parseSecretKeyVariable(`new:${bare.base64}, old:${older.base64}`);
    expect(ring.currentKeyId).toBe("new");
    expect([...ring.keys.keys()]).toEqual(["new", "old"]);
    expect(() => parseSecretKeyVariable("k:c2hvcnQ=")).toThrow(/must be 32 bytes/);
  });

  it("is required in production and generated into the data folder otherwise", () => {
    const dataDir = tempDir();
    expect(() => openKeyRing({ NODE_ENV: "production" }, dataDir)).toThrow(/CONFLUX_SECRET_KEY is required/);
    const source = openKeyRing({}, dataDir);
    const file = path.join(dataDir, KEYRING_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const first = source.get();
    expect(openKeyRing({}, dataDir).get().currentKeyId).toBe(first.currentKeyId);
  });

  it("sees a rotation written by another process", () => {
    const dataDir = tempDir();
    const source = openKeyRing({}, dataDir);
    const before = source.get();
    const added = Buffer.from(newSecretKey().base64, "base64");
    const file = path.join(dataDir, KEYRING_FILE);
    writeKeyRingFile(file, { currentKeyId: keyIdOf(added), keys: new Map([[keyIdOf(added), added], ...before.keys]) });
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(source.get().currentKeyId).toBe(keyIdOf(added));
    expect(source.get().keys.has(before.currentKeyId)).toBe(true);
  });

  it("adds a newest key and writes the variable an operator sets, older keys kept after it", () => {
    const bare = newSecretKey();
    const ring = parseSecretKeyVariable(bare.base64);
    const rotated = withNewestKey(ring);
    expect(rotated.currentKeyId).not.toBe(ring.currentKeyId);
    const variable = formatSecretKeyVariable(rotated);
    expect(variable).toMatch(new RegExp(`^${rotated.currentKeyId}:[^,]+,${bare.id}:`));
    const reread = parseSecretKeyVariable(variable);
    expect(reread.currentKeyId).toBe(rotated.currentKeyId);
    expect(reread.keys.get(bare.id)?.toString("base64")).toBe(bare.base64);
  });
});
