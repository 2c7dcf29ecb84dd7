// Where a Sterling event trigger left off: the newest timestamp it has read (Createts or Modifyts, as Sterling prints
// it) and the identities of the rows it read at exactly that timestamp. Sterling prints timestamps to the second, so
// many orders share one; the next poll asks for rows at or after `ts` and skips only the identities in `seen`, so
// rows that share a timestamp are neither skipped (as "after ts" would) nor repeated (as "from ts" alone would).
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import type { JsonValue } from "../../sdk";

export const changeCursorSchema = z.object({
  ts: z.string().min(1),
  /** Identities (key, or key#Lockid where versions matter) of the rows already read at `ts`. */
  seen: z.array(z.string()),
});
export type ChangeCursor = z.infer<typeof changeCursorSchema>;

export function readChangeCursor(value: JsonValue | null): ChangeCursor | null {
  if (value === null) return null;
  const parsed = changeCursorSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  // Only a cursor of another Conflux version could look like this; starting over would replay or skip events.
  throw new ConfluxError(
    "INPUT_INVALID",
    "The trigger's saved position is not one this version of the Sterling connector can read: stop the flow and " +
      'start it again with "since a date"',
  );
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

/** The cursor after reading `row` at `ts`. */
export function advance(cursor: ChangeCursor, ts: string, identity: string): ChangeCursor {
  if (compareTimestamps(ts, cursor.ts) === 0) return { ts: cursor.ts, seen: [...cursor.seen, identity] };
  return { ts, seen: [identity] };
}

/** Whether the row at `ts` with `identity` was read before. */
export function alreadyRead(cursor: ChangeCursor, ts: string, identity: string): boolean {
  const order = compareTimestamps(ts, cursor.ts);
  return order < 0 || (order === 0 && cursor.seen.includes(identity));
}
