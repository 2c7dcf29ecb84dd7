// Fires due schedules. Row locks with SKIP LOCKED let any number of workers tick at once without firing a schedule
// twice, and each run's dedupe key (the due time) makes even a replayed tick harmless.
import { flowGraphSchema } from "@/lib/flow-graph";
import { nextScheduleTime } from "../connectors/core/triggers/schedule";
import type { Db, Tx } from "../db/client";
import { createRun } from "../db/runs.repository";
import { lockDueTriggers, setNextRunAt, switchOffTrigger, type DueTrigger } from "../db/trigger-states.repository";
import type { RunQueue } from "./queue";
import { sendOrLeaveToReaper } from "./runs";
import { findTriggerNode, readScheduleConfig } from "./triggers";

const BATCH = 50;

type DueRow = DueTrigger;

/** Creates one run for every due schedule and sends their jobs; returns the new run ids. */
export async function fireDueSchedules(
  db: Db,
  queue: RunQueue,
  options: { now?: Date; log: (line: string) => void },
): Promise<string[]> {
  const now = options.now ?? new Date();
  const runIds = await db.$transaction(async (tx) => {
    const rows = await lockDueTriggers(tx, "schedule", now, BATCH);
    const created: string[] = [];
    for (const row of rows) {
      const runId = await fireOne(tx, row, now, options.log);
      if (runId) created.push(runId);
    }
    return created;
  });
  for (const runId of runIds) await sendOrLeaveToReaper(queue, runId);
  return runIds;
}

async function fireOne(tx: Tx, row: DueRow, now: Date, log: (line: string) => void): Promise<string | undefined> {
  const graph = flowGraphSchema.safeParse(row.graph);
  const node = graph.success ? findTriggerNode(graph.data) : undefined;
  let next: Date;
  try {
    if (row.status !== "running" || !row.publishedVersionId || !node) throw new Error("the flow is not running");
    next = nextScheduleTime(readScheduleConfig(node), now, row.nextRunAt);
  } catch (error) {
    // A schedule that cannot fire would be picked up on every tick forever; switch it off and say why.
    log(`schedule of flow ${row.flowId} switched off: ${error instanceof Error ? error.message : String(error)}`);
    await switchOffTrigger(tx, row.flowId);
    return undefined;
  }
  const scheduledAt = row.nextRunAt.toISOString();
  // A tick replayed for the same due time finds its run already made (the dedupe key is the due time).
  const run = await createRun(tx, {
    workspaceId: row.workspaceId,
    flowId: row.flowId,
    flowVersionId: row.publishedVersionId,
    triggerKind: "schedule",
    dedupeKey: `schedule:${scheduledAt}`,
    triggerData: { scheduledAt, firedAt: now.toISOString() },
  });
  await setNextRunAt(tx, [row.flowId], next);
  return run?.id;
}
