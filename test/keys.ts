// A throwaway key ring for tests, so that no test writes a key file into the real data folder.
import { parseSecretKeyVariable, newSecretKey, type KeyRingSource } from "../server/security/keyring";

export function testKeyRing(): KeyRingSource {
  const ring = parseSecretKeyVariable(newSecretKey().base64);
  return { get: () => ring, describe: () => "test key ring" };
}
