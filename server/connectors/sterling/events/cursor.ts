// Where a Sterling event trigger left off. Sterling stamps Createts/Modifyts when a transaction writes a row, not when
// it commits, so a long transaction can commit a row stamped before the newest timestamp a poll has already read;
// reading only "from the newest timestamp on" would miss it for ever. So every poll reads again from an overlap
// window before the newest timestamp (`from`), and the cursor remembers which rows it read in that window, by
// timestamp and identity (key, or key#Lockid where versions matter): a row read before is skipped, a late row or a
// row that changed again (a new timestamp) is new. Sterling prints timestamps to the second, so many rows share one;
// remembering identities per timestamp means they are neither skipped nor repeated.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import type { JsonValue } from "../../sdk";

/** How far back each poll reads again for rows committed late, unless the trigger says otherwise. */
export const DEFAULT_OVERLAP_SECONDS = 180;
/**
 * Identities the window remembers at most. Past that (thousands of changes within the overlap), the oldest seconds
 * are forgotten and the window starts later, so re-reading it never takes more than a few pages of a poll.
 */
export const MAX_REMEMBERED = 1000;

const storedCursor = z.union([
  z.object({
    ts: z.string().min(1),
    from: z.string().min(1),
    /** Timestamp (as Sterling printed it) -> identities read at it, for every row read at or after `from`. */
    read: z.record(z.string(), z.array(z.string())),
  }),
  // Cursors written before the overlap window: the identities read at exactly `ts`.
  z.object({ ts: z.string().min(1), seen: z.array(z.string()) }),
]);

/** The cursor as a poll works with it. */
export interface ChangeWindow {
  /** The newest timestamp read. */
  ts: string;
  /** Where the next read starts ("<timestamp>QryType": "GE"). */
  from: string;
  /** Instant (or the text, if not a date) -> the timestamp as printed and the identities read at it. */
  read: Map<string, { ts: string; ids: Set<string> }>;
}

function instantKey(ts: string): string {
  const instant = Date.parse(ts);
  return Number.isNaN(instant) ? ts : String(instant);
}

/** A window that has read `ids` at `ts` and starts there. */
export function windowAt(ts: string, ids: readonly string[] = []): ChangeWindow {
  const read = new Map<string, { ts: string; ids: Set<string> }>();
  if (ids.length > 0) read.set(instantKey(ts), { ts, ids: new Set(ids) });
  return { ts, from: ts, read };
}

export function readChangeCursor(value: JsonValue | null): ChangeWindow | null {
  if (value === null) return null;
  const parsed = storedCursor.safeParse(value);
  if (!parsed.success) {
    // Only a cursor of another Conflux version could look like this; starting over would replay or skip events.
    throw new ConfluxError(
      "INPUT_INVALID",
      "The trigger's saved position is not one this version of the Sterling connector can read: stop the flow and " +
        'start it again with "since a date"',
    );
  }
  const stored = parsed.data;
  if ("seen" in stored) return windowAt(stored.ts, stored.seen);
  const window: ChangeWindow = { ts: stored.ts, from: stored.from, read: new Map() };
  for (const [ts, ids] of Object.entries(stored.read)) window.read.set(instantKey(ts), { ts, ids: new Set(ids) });
  return window;
}

/** Compares two Sterling timestamps as instants (they may differ in offset), falling back to their text. */
export function compareTimestamps(a: string, b: string): number {
  const left = Date.parse(a);
  const right = Date.parse(b);
  if (!Number.isNaN(left) && !Number.isNaN(right) && left !== right) return left - right;
  if (!Number.isNaN(left) && !Number.isNaN(right)) return 0;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A JavaScript time as a Sterling query value: to the second, in UTC with an explicit offset. */
export function sterlingTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** Whether the row at `ts` with `identity` was read before (or lies before the window, so cannot be new). */
export function alreadyRead(window: ChangeWindow, ts: string, identity: string): boolean {
  if (compareTimestamps(ts, window.from) < 0) return true;
  return window.read.get(instantKey(ts))?.ids.has(identity) ?? false;
}

/** Records that the row at `ts` with `identity` was read (changes `window`). */
export function markRead(window: ChangeWindow, ts: string, identity: string): void {
  const key = instantKey(ts);
  const group = window.read.get(key);
  if (group) group.ids.add(identity);
  else window.read.set(key, { ts, ids: new Set([identity]) });
  if (compareTimestamps(ts, window.ts) > 0) window.ts = ts;
}

/**
 * The cursor to save: the window moved up to `overlapSeconds` before the newest timestamp read, forgetting the rows
 * before it (the next read does not reach them) and, past MAX_REMEMBERED identities, the oldest seconds.
 */
export function writeChangeCursor(window: ChangeWindow, overlapSeconds: number): JsonValue {
  const newest = Date.parse(window.ts);
  let from = window.from;
  if (!Number.isNaN(newest)) {
    const overlapStart = sterlingTimestamp(new Date(newest - overlapSeconds * 1000));
    if (compareTimestamps(overlapStart, from) > 0) from = overlapStart;
  }
  const groups = [...window.read.values()]
    .filter((group) => compareTimestamps(group.ts, from) >= 0)
    .sort((a, b) => compareTimestamps(a.ts, b.ts));
  let count = groups.reduce((sum, group) => sum + group.ids.size, 0);
  while (count > MAX_REMEMBERED && groups.length > 1) {
    count -= groups.shift()?.ids.size ?? 0;
    from = groups[0]?.ts ?? from;
  }
  const read: Record<string, string[]> = {};
  for (const group of groups) read[group.ts] = [...group.ids];
  return { ts: window.ts, from, read };
}
