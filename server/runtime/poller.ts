// Polls due polling triggers. Three steps, so that no transaction is ever open across a network call (the embedded
// PGlite is one connection: an open transaction would stall every other query):
//   1. claim: in one short transaction, lock due rows with SKIP LOCKED and push their nextRunAt out by a lease, so
//      no other worker polls the same flow meanwhile (and, should this worker die, the flow is polled again once the
//      lease runs out);
//   2. poll the connector, outside any transaction;
//   3. commit: in one short transaction, re-lock the row and check it still carries this claim's lease and cursor (a
//      Stop, a Start or a poller that took over after the lease ran out changes them), then insert the new runs and
//      advance the cursor together. Jobs are sent after the commit.
// A crash anywhere leaves either nothing or both runs and cursor saved; dedupe keys drop items polled twice.
// A trigger that consumes what it hands over (a queue) is told only after the commit (acknowledge).
import type { z } from "zod";
import { toErrorJson, type ConfluxErrorJson } from "@/lib/errors";
import type { Db, Tx } from "../db/client";
import { createRuns } from "../db/runs.repository";
import {
  lockDueTriggers,
  lockTriggerState,
  releaseTriggerClaim,
  savePollOutcome,
  setNextRunAt,
  type DueTrigger,
} from "../db/trigger-states.repository";
import type { KeyRingSource } from "../security/keyring";
import { toPlainJson } from "./json";
import { pollTriggerIdentity, readStoredPollCursor } from "./poll-cursor";
import { preparePoll, pollResultSchema, PollNotPossible, type PreparedPoll } from "./poll-prepare";
import type { RunQueue } from "./queue";
import { sendOrLeaveToReaper } from "./runs";
import { withAccountLimit } from "./rate-limit";
import { withWorkspaceOutbound } from "../security/workspace-outbound";

const BATCH = 10;
/** A poll that takes longer is abandoned (connectors' own timeouts are shorter). */
export const POLL_TIMEOUT_MS = 130_000;
/** How long a claim keeps other workers off a flow: past the timeout, so a live poll never loses its claim. */
export const POLL_LEASE_MS = POLL_TIMEOUT_MS + 50_000;
const MAX_ERROR_CHARS = 1000;

export interface PollerOptions {
  now?: Date;
  log: (line: string) => void;
  /** Decrypts the accounts triggers use; the process-wide key ring when absent. */
  keys?: KeyRingSource;
  /** Aborts polls in flight (worker shutdown). */
  signal?: AbortSignal;
}

export type ClaimedPoll = DueTrigger & { leaseUntil: Date };

/** Polls every due polling trigger once; returns the ids of the runs it made. */
export async function pollDueTriggers(db: Db, queue: RunQueue, options: PollerOptions): Promise<string[]> {
  const claimed = await claimDuePolls(db, options.now ?? new Date());
  const outcomes = await Promise.allSettled(claimed.map((row) => pollClaimed(db, queue, row, options)));
  const runIds: string[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === "fulfilled") runIds.push(...outcome.value);
    // The claim stays until its lease runs out; then the flow is polled again.
    else options.log(`poll of flow ${claimed[index]?.flowId} failed: ${toErrorJson(outcome.reason).message}`);
  });
  return runIds;
}

async function claimDuePolls(db: Db, now: Date): Promise<ClaimedPoll[]> {
  const leaseUntil = new Date(now.getTime() + POLL_LEASE_MS);
  return db.$transaction(async (tx) => {
    const rows = await lockDueTriggers(tx, "poll", now, BATCH);
    if (rows.length === 0) return [];
    await setNextRunAt(
      tx,
      rows.map((row) => row.flowId),
      leaseUntil,
    );
    return rows.map((row) => ({ ...row, leaseUntil }));
  });
}

/** Polls one claimed trigger and saves the outcome; throws only when even saving a failure fails. */
export async function pollClaimed(
  db: Db,
  queue: RunQueue,
  row: ClaimedPoll,
  options: PollerOptions,
): Promise<string[]> {
  let prepared: PreparedPoll;
  try {
    prepared = await preparePoll(db, row, options.keys);
  } catch (error) {
    if (error instanceof PollNotPossible) {
      options.log(`polling of flow ${row.flowId} switched off: ${error.message}`);
      await releaseClaim(db, row, { active: false, nextRunAt: null, lastError: error.message });
      return [];
    }
    return recordFailure(db, row, options, error, undefined);
  }
  const { trigger, node, input, account, limit, intervalSeconds, redactor } = prepared;
  const stored = readStoredPollCursor(row.cursor);
  const identity = pollTriggerIdentity(node);
  const current = stored?.trigger === identity ? stored : { trigger: identity, position: null, since: null };
  // A first poll "from now" only marks what exists: its items are what the user chose not to process.
  const fromNow = current.position === null && current.since === null;
  const log = (line: string) => options.log(redactor.text(`[poll flow ${row.flowId}] ${line}`));
  const pollLog = {
    info: (message: string) => log(`info: ${message}`),
    warn: (message: string) => log(`warn: ${message}`),
    error: (message: string) => log(`error: ${message}`),
  };

  let result: z.infer<typeof pollResultSchema>;
  try {
    const signals = [AbortSignal.timeout(POLL_TIMEOUT_MS), ...(options.signal ? [options.signal] : [])];
    const signal = AbortSignal.any(signals);
    const poll = () =>
      // A connector that ignores the signal must not hold this worker's poll loop (and its shutdown) forever.
      untilAborted(
        withWorkspaceOutbound(db, row.workspaceId, () =>
          trigger.poll({
            input,
            account: account?.account,
            cursor: current.position,
            since: current.position === null && current.since !== null ? new Date(current.since) : null,
            signal,
            log: pollLog,
          }),
        ),
        signal,
      );
    const raw = limit
      ? await withAccountLimit(db, { ...limit, holder: `poll:${row.flowId}`, signal }, poll)
      : await poll();
    result = pollResultSchema.parse(raw);
  } catch (error) {
    if (options.signal?.aborted) {
      // The worker is stopping: not the source's fault. Another worker polls the flow at once.
      await releaseClaim(db, row, { nextRunAt: new Date() });
      return [];
    }
    return recordFailure(db, row, options, error, { intervalSeconds, redact: redactor.text });
  }

  const items = fromNow ? [] : result.items;
  const finishedAt = options.now ?? new Date();
  let runs: Array<{ id: string; status: string }> | null;
  try {
    runs = await db.$transaction(async (tx) => {
      if (!(await stillClaimed(tx, row))) return null;
      const runs = await createRuns(
        tx,
        items.map((item) => ({
          workspaceId: row.workspaceId,
          flowId: row.flowId,
          flowVersionId: prepared.versionId,
          triggerKind: "poll",
          // An item polled again (after a crash, a backfill, or by a source that repeats itself) runs once.
          dedupeKey: item.version === undefined ? `poll:${item.dedupeKey}` : `poll:${item.dedupeKey}@${item.version}`,
          businessKey: item.dedupeKey.slice(0, 200),
          triggerData: redactor.value(toPlainJson(item.data)),
          ...(item.failure === undefined
            ? {}
            : { failed: { error: brokenItemError(redactor.text(item.failure)), finishedAt } }),
        })),
      );
      await savePollOutcome(tx, row.flowId, {
        cursor: { trigger: identity, position: result.nextCursor, since: null },
        nextRunAt: new Date(finishedAt.getTime() + intervalSeconds * 1000),
        firedAt: finishedAt,
      });
      return runs;
    });
  } catch (error) {
    return recordFailure(db, row, options, error, { intervalSeconds, redact: redactor.text, saving: true });
  }
  if (runs === null) {
    log(
      "info: the trigger was stopped, restarted or taken over while polling; this poll's items are left to the next one",
    );
    return [];
  }
  if (fromNow) log(`info: from now on: ${result.items.length} existing item(s) marked as seen`);
  for (const run of runs) if (run.status === "queued") await sendOrLeaveToReaper(queue, run.id);
  const acknowledge = trigger.acknowledge;
  if (acknowledge && items.length > 0) {
    // After the commit only: a source that removes what it acknowledged must never lose an item whose run is not
    // saved. A failure here leaves the items at the source; the next poll returns them, they dedupe, and are
    // acknowledged again.
    try {
      const signal = AbortSignal.any([
        AbortSignal.timeout(POLL_TIMEOUT_MS),
        ...(options.signal ? [options.signal] : []),
      ]);
      await untilAborted(
        withWorkspaceOutbound(db, row.workspaceId, () =>
          acknowledge.call(trigger, { input, account: account?.account, items, signal, log: pollLog }),
        ),
        signal,
      );
    } catch (error) {
      log(`warn: the source was not told that ${items.length} item(s) are saved: ${toErrorJson(error).message}`);
    }
  }
  return runs.map((run) => run.id);
}

/** A broken item's run fails with the source's explanation; running it again cannot mend the item. */
function brokenItemError(message: string): ConfluxErrorJson {
  return { code: "INPUT_INVALID", message, retryable: false };
}

/** Re-locks the row and checks that nothing changed it since the claim (compare-and-set on lease and cursor). */
async function stillClaimed(tx: Tx, row: ClaimedPoll): Promise<boolean> {
  const current = await lockTriggerState(tx, row.flowId);
  return (
    current !== undefined &&
    current.active &&
    current.kind === "poll" &&
    current.nextRunAt?.getTime() === row.leaseUntil.getTime() &&
    JSON.stringify(current.cursor ?? null) === JSON.stringify(row.cursor ?? null)
  );
}

async function recordFailure(
  db: Db,
  row: ClaimedPoll,
  options: PollerOptions,
  error: unknown,
  context: { intervalSeconds: number; redact: (text: string) => string; saving?: boolean } | undefined,
): Promise<string[]> {
  const redact = context?.redact ?? ((text: string) => text);
  const reason = redact(toErrorJson(error).message);
  const message = (
    context?.saving ? `The new items could not be saved (${reason}); they are polled again` : reason
  ).slice(0, MAX_ERROR_CHARS);
  options.log(`[poll flow ${row.flowId}] failed: ${message}`);
  const intervalSeconds = context?.intervalSeconds ?? 60;
  const retryAt = new Date((options.now ?? new Date()).getTime() + intervalSeconds * 1000);
  await releaseClaim(db, row, { nextRunAt: retryAt, lastError: message });
  return [];
}

/** Ends the claim with `data`, unless a Stop or Start changed the row meanwhile (then theirs wins). */
async function releaseClaim(
  db: Db,
  row: ClaimedPoll,
  data: { active?: boolean; nextRunAt: Date | null; lastError?: string },
): Promise<void> {
  await releaseTriggerClaim(db, row.flowId, row.leaseUntil, data);
}

/** The task's result, or a rejection as soon as `signal` aborts, whichever comes first. */
function untilAborted<T>(task: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    task.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
