// Saving a webhook's run. Concurrent requests share the insert: those that arrive while one is in flight go out
// together in the next statement (group-commit.ts), so 50 requests at once cost a few round trips, not 50. Each
// request still learns what became of its own run: created, a duplicate of an event seen before, or refused because
// the flow no longer listens as the request found it (the guard, run-insert.repository.ts).
import { findRunIdByDedupeKey, saveRuns, type RunInsertOutcome, type RunToInsert } from "../db/run-insert.repository";
import type { Sql } from "../db/sql";
import { createGroupCall, type GroupCall } from "./group-commit";

/** Thrown when the insert's guard refused the run: the listener the request was checked against has changed. */
export class ListenerChangedError extends Error {
  constructor() {
    super("the flow no longer listens at this webhook as the request found it");
    this.name = "ListenerChangedError";
  }
}

interface PendingRun {
  run: RunToInsert;
  /** About how many bytes the run's trigger data takes, to keep one statement's parameters within reason. */
  bytes: number;
}

// Runs per statement at most, and about how many bytes of trigger data (bodies can be up to
// CONFLUX_WEBHOOK_BODY_LIMIT_KB each); a single larger request still goes out alone.
const MAX_RUNS_PER_INSERT = 100;
const MAX_BYTES_PER_INSERT = 8 * 1024 * 1024;

// One group per database handle: every request of a process shares the webhook pool's (db/hot-sql.ts).
const groups = new WeakMap<object, GroupCall<PendingRun, RunInsertOutcome>>();

function groupFor(owner: object, sql: Sql): GroupCall<PendingRun, RunInsertOutcome> {
  let group = groups.get(owner);
  if (!group) {
    group = createGroupCall(
      (pending: PendingRun[]) =>
        saveRuns(
          sql,
          pending.map((entry) => entry.run),
        ),
      { maxBatch: MAX_RUNS_PER_INSERT, weigh: (entry) => entry.bytes, maxWeight: MAX_BYTES_PER_INSERT },
    );
    groups.set(owner, group);
  }
  return group;
}

export interface WebhookRun {
  workspaceId: string;
  flowId: string;
  flowVersionId: string;
  dedupeKey: string | null;
  businessKey: string | null;
  triggerData: unknown;
  guard: NonNullable<RunToInsert["guard"]>;
}

/**
 * Saves the run (grouped with concurrent requests' runs on `owner`'s group) and answers its id, or the id of the run
 * an event with its dedupe key made before (`duplicate`). Throws ListenerChangedError when the guard refused it.
 */
export async function saveWebhookRun(
  owner: object,
  sql: Sql,
  run: WebhookRun,
  bytes: number,
): Promise<{ id: string; duplicate: boolean }> {
  const group = groupFor(owner, sql);
  // Twice at most: a duplicate's key may expire (retention) between the insert and the look-up.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const saved = await group.call({ run: { ...run, triggerKind: "webhook" }, bytes });
    if (saved.outcome === "created") return { id: saved.id, duplicate: false };
    if (saved.outcome === "refused") throw new ListenerChangedError();
    if (saved.id !== undefined) return { id: saved.id, duplicate: true };
    if (run.dedupeKey === null) break;
    // The key was made by a statement running at the same time as ours, whose run ours could not see yet.
    const existing = await findRunIdByDedupeKey(sql, run.flowId, run.dedupeKey);
    if (existing) return { id: existing, duplicate: true };
  }
  throw new Error("the run was neither created nor found");
}
