// The IOM Connector's "global cache" of availability answers: a few seconds (the account's setting), shared by every
// flow that uses the account in this process, so a burst of checks for the same products costs IOM one call. The
// last answer per product is kept longer, as what the fallback can fall back on when IOM cannot be reached.
export interface AtpAnswer {
  id: string;
  atp: number;
  stock: number | null;
  state: string;
  location: string | null;
  modificationDate: string | null;
}

interface Entry {
  answer: AtpAnswer;
  at: number;
}

/** How long a last-known answer may stand in for IOM; after that the fallback quantity does. */
export const LAST_KNOWN_MS = 24 * 3600_000;
const MAX_ENTRIES = 50_000;

const entries = new Map<string, Entry>();

const keyOf = (scope: string, productId: string) => `${scope}\u0000${productId}`;

export function fresh(scope: string, productId: string, ttlSeconds: number, now = Date.now()): AtpAnswer | undefined {
  const entry = entries.get(keyOf(scope, productId));
  return entry && now - entry.at < ttlSeconds * 1000 ? entry.answer : undefined;
}

export function lastKnown(
  scope: string,
  productId: string,
  now = Date.now(),
): { answer: AtpAnswer; at: Date } | undefined {
  const entry = entries.get(keyOf(scope, productId));
  return entry && now - entry.at < LAST_KNOWN_MS ? { answer: entry.answer, at: new Date(entry.at) } : undefined;
}

export function remember(scope: string, answer: AtpAnswer, now = Date.now()): void {
  const key = keyOf(scope, answer.id);
  entries.delete(key);
  entries.set(key, { answer, at: now });
  // Oldest first in insertion order: drop those once the map grows past its bound.
  for (const oldest of entries.keys()) {
    if (entries.size <= MAX_ENTRIES) break;
    entries.delete(oldest);
  }
}

/** For tests: forget every answer. */
export function clearAvailabilityCache(): void {
  entries.clear();
}
