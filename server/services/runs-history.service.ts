// The run list people search: filters from the URL, keyset pages sorted by start or duration, and the small reads
// that keep a visible page live (runs newer than its top, the current state of its unfinished rows).
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { filterWindow, type ParsedRunFilter, type RunSort } from "@/lib/run-filters";
import type { DbOrTx } from "../db/client";
import * as history from "../db/run-history.repository";

/** A filter as the repository takes it: the time range resolved to dates at `now`. */
export function queryFilterOf(filter: ParsedRunFilter, now = new Date()): history.RunQueryFilter {
  const window = filterWindow(filter, now);
  return {
    flowId: filter.flowId,
    status: filter.status,
    trigger: filter.trigger,
    from: window.from,
    to: window.to,
    error: filter.error,
    businessKey: filter.businessKey,
  };
}

function encodeCursor(cursor: history.RunCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(raw: string, sort: RunSort): history.RunCursor {
  let cursor: history.RunCursor;
  try {
    cursor = history.runCursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new ValidationError("The page cursor is not valid: reload the list.");
  }
  // A cursor from the other sort (an old link) would compare a time with a duration.
  if (typeof cursor.v !== (sort === "duration" ? "number" : "string")) {
    throw new ValidationError("The page cursor is not valid: reload the list.");
  }
  return cursor;
}

export async function searchRuns(
  db: DbOrTx,
  workspaceId: string,
  input: { filter: ParsedRunFilter; sort: RunSort; limit: number; cursor?: string },
) {
  const page = await history.listRunPage(db, workspaceId, {
    filter: queryFilterOf(input.filter),
    sort: input.sort,
    limit: input.limit,
    cursor: input.cursor ? decodeCursor(input.cursor, input.sort) : undefined,
  });
  return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
}

export const liveInputSchema = z.object({
  /** The newest run the list shows; runs created after it are returned. */
  after: z.object({ createdAt: z.coerce.date(), id: z.string().min(1) }).nullable(),
  /** Runs the list shows that were not finished yet; their current rows are returned. */
  watch: z.array(z.string().min(1)).max(200),
});

/** What changed for a list on screen: new runs at its top and the current rows of its unfinished runs. */
export async function liveRuns(
  db: DbOrTx,
  workspaceId: string,
  input: { filter: ParsedRunFilter; after: { createdAt: Date; id: string } | null; watch: string[] },
) {
  const filter = queryFilterOf(input.filter);
  // A list that showed no runs yet waits for its first ones: everything is newer than nothing.
  const after = input.after ?? { createdAt: new Date(0), id: "" };
  const [fresh, watched] = await Promise.all([
    history.listRunsNewerThan(db, workspaceId, { filter, after, limit: 100 }),
    history.findRunRows(db, workspaceId, input.watch),
  ]);
  return { fresh, updated: watched };
}
