// Fires due schedules. Row locks with SKIP LOCKED let any number of workers tick at once without firing a schedule
// twice, and each run's dedupe key (the due time) makes even a replayed tick harmless.
import { z } from "zod";
import { flowGraphSchema } from "@/lib/flow-graph";
import { nextScheduleTime } from "../connectors/core/triggers/schedule";
import type { Db, Tx } from "../db/client";
import { toJsonInput } from "./json";
import type { RunQueue } from "./queue";
import { sendOrLeaveToReaper } from "./runs";
import { findTriggerNode, readScheduleConfig } from "./triggers";

const BATCH = 50;

const dueRowSchema = z.object({
  flowId: z.string(),
  workspaceId: z.string(),
  nextRunAt: z.date(),
  status: z.string(),
  publishedVersionId: z.string().nullable(),
  graph: z.unknown(),
});
type DueRow = z.infer<typeof dueRowSchema>;

/** Creates one run for every due schedule and sends their jobs; returns the new run ids. */
export async function fireDueSchedules(
  db: Db,
  queue: RunQueue,
  options: { now?: Date; log: (line: string) => void },
): Promise<string[]> {
  const now = options.now ?? new Date();
  const runIds = await db.$transaction(async (tx) => {
    const raw = await tx.$queryRaw`
      SELECT ts."flowId", ts."workspaceId", ts."nextRunAt", f.status::text AS status, f."publishedVersionId", v.graph
      FROM "TriggerState" ts
      JOIN "Flow" f ON f.id = ts."flowId"
      LEFT JOIN "FlowVersion" v ON v.id = f."publishedVersionId"
      WHERE ts.active AND ts.kind = 'schedule' AND ts."nextRunAt" <= ${now}
      ORDER BY ts."nextRunAt"
      LIMIT ${BATCH}
      FOR UPDATE OF ts SKIP LOCKED`;
    const rows = z.array(dueRowSchema).parse(raw);
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
    await tx.triggerState.update({ where: { flowId: row.flowId }, data: { active: false, nextRunAt: null } });
    return undefined;
  }
  const scheduledAt = row.nextRunAt.toISOString();
  const [run] = await tx.run.createManyAndReturn({
    data: [
      {
        workspaceId: row.workspaceId,
        flowId: row.flowId,
        flowVersionId: row.publishedVersionId,
        status: "queued",
        triggerKind: "schedule",
        dedupeKey: `schedule:${scheduledAt}`,
        triggerData: toJsonInput({ scheduledAt, firedAt: now.toISOString() }),
      },
    ],
    // A tick replayed for the same due time finds its run already made.
    skipDuplicates: true,
    select: { id: true },
  });
  await tx.triggerState.update({ where: { flowId: row.flowId }, data: { nextRunAt: next } });
  return run?.id;
}
