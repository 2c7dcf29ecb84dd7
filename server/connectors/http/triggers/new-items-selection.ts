// Which items of a reply are new. Split from the trigger so the rules can be read (and tested) on their own.
//
// The cursor remembers two things: the identities (key, or key@version) of the items in the last reply, so an item
// is new exactly when the previous reply did not hold it in that version; and a high-water mark, the newest item time
// returned so far, which a `sinceParam` sends to the server so that it only answers with recent items.
import jsonata from "jsonata";
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import type { JsonValue, PolledItem } from "../../sdk";

/** A backfill can find thousands of items; the rest follow on the next polls, oldest first. */
export const MAX_ITEMS_PER_POLL = 200;

const cursorSchema = z.object({ highWater: z.string().nullable(), seen: z.array(z.string()) });
export type NewItemsCursor = z.infer<typeof cursorSchema>;

export function readCursor(cursor: JsonValue | null): NewItemsCursor | null {
  if (cursor === null) return null;
  const parsed = cursorSchema.safeParse(cursor);
  // A cursor this trigger cannot read (hand-edited, or from another trigger) restarts from what exists now.
  return parsed.success ? parsed.data : { highWater: null, seen: [] };
}

const dottedPath = /^[\w-]+(\.[\w-]+)*$/;

/** A dotted path (data.orders) or, when it is not one, a JSONata expression ($filter(...), items[status='new']). */
export function itemsPathProblem(path: string): string | undefined {
  if (path.trim() === "" || dottedPath.test(path.trim())) return undefined;
  try {
    jsonata(path);
    return undefined;
  } catch (error) {
    const message =
      typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
    return `is neither a dotted path nor a valid JSONata expression: ${message}`;
  }
}

export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split(".")) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    // Own properties only, so a key field named "constructor" cannot reach into the prototype.
    else if (typeof current === "object" && current !== null && Object.hasOwn(current, part)) {
      const next: unknown = Reflect.get(current, part);
      current = next;
    } else return undefined;
  }
  return current;
}

export async function findItems(body: unknown, itemsPath: string): Promise<unknown[]> {
  const path = itemsPath.trim();
  let found: unknown;
  if (path === "") found = body;
  else if (dottedPath.test(path)) found = readPath(body, path);
  else found = await jsonata(path, { timeout: 1000, stack: 500 }).evaluate(body);
  if (Array.isArray(found)) return [...found];
  // JSONata yields a lone match as the value itself rather than a one-item array.
  if (typeof found === "object" && found !== null && path !== "" && !dottedPath.test(path)) return [found];
  const where = path === "" ? "The reply" : `"${path}" in the reply`;
  const type = found === null ? "null" : typeof found;
  const what = found === undefined ? "missing" : `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}, not a list`;
  throw new ConfluxError("INPUT_INVALID", `${where} is ${what}: set "Items path" to where the list of items is`);
}

interface Entry extends PolledItem {
  identity: string;
  /** The version as a time, when it is one (an ISO date such as updatedAt). */
  time?: number;
}

const isoTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

function scalar(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function toEntries(
  items: unknown[],
  fields: { keyField: string; versionField?: string },
  warn: (message: string) => void,
): Entry[] {
  const entries: Entry[] = [];
  for (const data of items) {
    const dedupeKey = scalar(readPath(data, fields.keyField));
    if (dedupeKey === undefined) continue;
    const version = fields.versionField ? scalar(readPath(data, fields.versionField)) : undefined;
    const parsedTime = version !== undefined && isoTime.test(version) ? Date.parse(version) : Number.NaN;
    entries.push({
      dedupeKey,
      ...(version !== undefined ? { version } : {}),
      data,
      identity: version === undefined ? dedupeKey : `${dedupeKey}@${version}`,
      ...(Number.isNaN(parsedTime) ? {} : { time: parsedTime }),
    });
  }
  if (items.length > 0 && entries.length === 0) {
    throw new ConfluxError(
      "INPUT_INVALID",
      `None of the ${items.length} items has a "${fields.keyField}" field: set "Key field" to what identifies an item`,
    );
  }
  if (entries.length < items.length)
    warn(`${items.length - entries.length} item(s) without "${fields.keyField}" were skipped`);
  // Oldest first when every item says when it changed; otherwise the order of the reply.
  if (entries.every((entry) => entry.time !== undefined)) entries.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  return entries;
}

/**
 * The items to return and the cursor after them. `since` applies on the first poll only (cursor null): a Date keeps
 * the items that changed after it (all when their time is unknown); null ("from now") returns nothing.
 */
export function selectNew(
  entries: Entry[],
  cursor: NewItemsCursor | null,
  since: Date | null,
): { items: PolledItem[]; nextCursor: NewItemsCursor } {
  let candidates: Entry[];
  if (cursor) {
    const seen = new Set(cursor.seen);
    candidates = entries.filter((entry) => !seen.has(entry.identity));
  } else if (since) {
    candidates = entries.filter((entry) => entry.time === undefined || entry.time > since.getTime());
  } else {
    candidates = [];
  }
  const returned = candidates.slice(0, MAX_ITEMS_PER_POLL);
  const held = new Set(candidates.slice(MAX_ITEMS_PER_POLL).map((entry) => entry.identity));
  // "From now" marks everything present as seen; otherwise only what was returned (and what was seen before)
  // may move the mark, so items held back by the cap come next time.
  const marking = cursor || since ? returned : entries;
  const times = marking.flatMap((entry) => (entry.time === undefined ? [] : [entry.time]));
  const previous = cursor?.highWater ?? since?.toISOString() ?? null;
  // A held item older than the newest returned one (possible when only some items carry a time) must stay at or
  // after the mark, or a server filtering by the mark would never send it again.
  const heldTimes = candidates
    .slice(MAX_ITEMS_PER_POLL)
    .flatMap((entry) => (entry.time === undefined ? [] : [entry.time]));
  const newest = times.length > 0 ? Math.min(Math.max(...times), ...heldTimes) : undefined;
  const highWater =
    newest !== undefined && (previous === null || newest > Date.parse(previous))
      ? new Date(newest).toISOString()
      : previous;
  return {
    items: returned.map(({ dedupeKey, version, data }) => ({
      dedupeKey,
      ...(version !== undefined ? { version } : {}),
      data,
    })),
    nextCursor: {
      highWater,
      seen: entries.filter((entry) => !held.has(entry.identity)).map((entry) => entry.identity),
    },
  };
}
