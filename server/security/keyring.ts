// Where the credential keys come from. CONFLUX_SECRET_KEY holds one or more keys, newest first
// ("id:base64,id:base64", or a bare base64 key whose id is derived from it); it is required in production. Without
// it, the key ring lives in the data folder (generated on first start) so the embedded default needs no set-up.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readConfig } from "../boot/config";
import { KEY_BYTES, type KeyRing } from "./credentials-cipher";

export const KEYRING_FILE = "secret-keys.json";

const keyRingFileSchema = z.object({
  currentKeyId: z.string().min(1),
  keys: z.record(z.string().min(1), z.string().min(1)),
});

function decodeKey(id: string, base64: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== KEY_BYTES) {
    throw new Error(`Secret key ${id} must be ${KEY_BYTES} bytes encoded as base64 (got ${key.length} bytes)`);
  }
  return key;
}

export function keyIdOf(key: Buffer): string {
  return `k${crypto.createHash("sha256").update(key).digest("hex").slice(0, 10)}`;
}

export function parseSecretKeyVariable(value: string): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const part of value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const separator = part.indexOf(":");
    const key = decodeKey(
      separator > 0 ? part.slice(0, separator) : "in CONFLUX_SECRET_KEY",
      part.slice(separator + 1),
    );
    keys.set(separator > 0 ? part.slice(0, separator) : keyIdOf(key), key);
  }
  const currentKeyId = keys.keys().next().value;
  if (currentKeyId === undefined) throw new Error("CONFLUX_SECRET_KEY is set but holds no key");
  return { currentKeyId, keys };
}

export function newSecretKey(): { id: string; base64: string } {
  const key = crypto.randomBytes(KEY_BYTES);
  return { id: keyIdOf(key), base64: key.toString("base64") };
}

/** The ring with a fresh random key added as the current one; older keys stay so existing ciphertexts still open. */
export function withNewestKey(ring: KeyRing): KeyRing {
  const key = Buffer.from(newSecretKey().base64, "base64");
  return { currentKeyId: keyIdOf(key), keys: new Map([[keyIdOf(key), key], ...ring.keys]) };
}

/** The CONFLUX_SECRET_KEY value for a ring: "id:base64" entries, the current key first. */
export function formatSecretKeyVariable(ring: KeyRing): string {
  const current = ring.keys.get(ring.currentKeyId);
  const rest = [...ring.keys].filter(([id]) => id !== ring.currentKeyId);
  return [...(current ? [[ring.currentKeyId, current] as const] : []), ...rest]
    .map(([id, key]) => `${id}:${key.toString("base64")}`)
    .join(",");
}

export function readKeyRingFile(file: string): KeyRing {
  const parsed = keyRingFileSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  const keys = new Map(Object.entries(parsed.keys).map(([id, base64]) => [id, decodeKey(id, base64)]));
  if (!keys.has(parsed.currentKeyId)) throw new Error(`${file}: current key ${parsed.currentKeyId} is missing`);
  return { currentKeyId: parsed.currentKeyId, keys };
}

export function writeKeyRingFile(file: string, ring: KeyRing): void {
  const content = {
    currentKeyId: ring.currentKeyId,
    keys: Object.fromEntries([...ring.keys].map(([id, key]) => [id, key.toString("base64")])),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written beside and renamed, so a crash never leaves half a key ring.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

export interface KeyRingSource {
  /** The current key ring; re-read when the key file changed (rotation while the app runs). */
  get(): KeyRing;
  describe(): string;
}

export function openKeyRing(env: Readonly<Record<string, string | undefined>>, dataDir: string): KeyRingSource {
  const variable = env.CONFLUX_SECRET_KEY?.trim();
  if (variable) {
    const ring = parseSecretKeyVariable(variable);
    return { get: () => ring, describe: () => "CONFLUX_SECRET_KEY" };
  }
  if (env.NODE_ENV === "production") {
    throw new Error(
      "CONFLUX_SECRET_KEY is required when NODE_ENV=production. Generate one with " +
        `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
    );
  }
  const file = path.join(dataDir, KEYRING_FILE);
  if (!fs.existsSync(file)) {
    const { base64 } = newSecretKey();
    const key = Buffer.from(base64, "base64");
    writeKeyRingFile(file, { currentKeyId: keyIdOf(key), keys: new Map([[keyIdOf(key), key]]) });
  }
  let cached: { mtimeMs: number; ring: KeyRing } | undefined;
  return {
    get() {
      const mtimeMs = fs.statSync(file).mtimeMs;
      if (!cached || cached.mtimeMs !== mtimeMs) cached = { mtimeMs, ring: readKeyRingFile(file) };
      return cached.ring;
    },
    describe: () => file,
  };
}

const globalKey = Symbol.for("conflux.keyring");
type GlobalWithKeyRing = typeof globalThis & { [globalKey]?: KeyRingSource };

/**
 * The process-wide key ring from the environment and the data folder. Opened on first use, so a missing
 * CONFLUX_SECRET_KEY in production fails the account operations (and start-up, which asks early) but not the rest.
 */
export function defaultKeyRing(): KeyRingSource {
  const holder: GlobalWithKeyRing = globalThis;
  if (holder[globalKey]) return holder[globalKey];
  let opened: KeyRingSource | undefined;
  const open = () => (opened ??= openKeyRing(process.env, readConfig().dataDir));
  const source: KeyRingSource = { get: () => open().get(), describe: () => open().describe() };
  holder[globalKey] = source;
  return source;
}
