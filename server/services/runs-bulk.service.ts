// Acting on many runs at once: replay from the failed step, or cancel. The browser sends the runs in small batches
// (the selection, or the ids of "all N matching" read page by page) and shows progress between them; each run gets
// its own outcome, and a refusal says why in the words a single action would use.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import type { ParsedRunFilter } from "@/lib/run-filters";
import type { Db } from "../db/client";
import { countMatching, matchingRunIds } from "../db/run-history.repository";
import type { QueueSource } from "../runtime/runs";
import { replayRun } from "./replay.service";
import { cancelRun } from "./runs.service";
import { queryFilterOf } from "./runs-history.service";

export const BULK_BATCH = 25;
export const MATCHING_CAP = 100_000;

export const bulkActionSchema = z.enum(["replayFailedStep", "cancel"]);
export type BulkAction = z.infer<typeof bulkActionSchema>;

export type BulkOutcome = { id: string; ok: true; replayRunId?: string } | { id: string; ok: false; reason: string };

async function actOn(db: Db, queue: QueueSource, workspaceId: string, action: BulkAction, id: string) {
  if (action === "cancel") {
    await cancelRun(db, workspaceId, id);
    return {};
  }
  // A run replayed once (say by an earlier bulk replay) is not replayed again: that would run the order twice.
  const { runId } = await replayRun(db, queue, workspaceId, {
    id,
    from: "failedStep",
    version: "same",
    onlyOnce: true,
  });
  return { replayRunId: runId };
}

/** Applies the action to each run in turn; never throws for one run's refusal. */
export async function bulkAct(
  db: Db,
  queue: QueueSource,
  workspaceId: string,
  input: { action: BulkAction; ids: string[] },
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const id of input.ids) {
    try {
      outcomes.push({ id, ok: true, ...(await actOn(db, queue, workspaceId, input.action, id)) });
    } catch (error) {
      const reason = error instanceof ConfluxError ? error.message : "Something went wrong on the server.";
      if (!(error instanceof ConfluxError))
        console.error(`[conflux] bulk ${input.action} of run ${id}: ${String(error)}`);
      outcomes.push({ id, ok: false, reason });
    }
  }
  return outcomes;
}

/** How many runs the filter matches (up to MATCHING_CAP), for "Select all N matching". */
export async function countMatchingRuns(db: Db, workspaceId: string, filter: ParsedRunFilter) {
  const count = await countMatching(db, workspaceId, queryFilterOf(filter), MATCHING_CAP);
  return { count, capped: count >= MATCHING_CAP };
}

export const matchingPageInput = z.object({
  after: z.object({ createdAt: z.coerce.date(), id: z.string().min(1) }).optional(),
  limit: z.number().int().min(1).max(1000).default(500),
  /** The time the selection was made: a relative range stays where it was while the pages are read. */
  asOf: z.coerce.date(),
});

/** A page of the ids the filter matches, newest first. */
export async function matchingIdsPage(
  db: Db,
  workspaceId: string,
  input: { filter: ParsedRunFilter; after?: { createdAt: Date; id: string }; limit: number; asOf: Date },
) {
  const rows = await matchingRunIds(db, workspaceId, {
    filter: queryFilterOf(input.filter, input.asOf),
    after: input.after,
    limit: input.limit,
  });
  const last = rows.at(-1);
  return { ids: rows.map((row) => row.id), next: rows.length === input.limit && last ? last : null };
}
