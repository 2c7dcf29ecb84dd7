// Runs: the one function that creates them (every trigger, Run now, Test flow and replay go through createRuns), and
// the run history as the web app reads and acts on it (cancel, replay). The runtime's execution statements (claim,
// lease, finish) are in run-execution.repository.ts.
import type { DbOrTx, Prisma } from "./client";
import type { RunStatus } from "./generated/client";
import { withBusinessKeys } from "../runtime/business-key";
import { toJsonInput } from "./json";
import { insertRuns, type RunToInsert } from "./run-insert.repository";

/** A run to create; it is created queued, or failed when `failed` says why it cannot run. */
export interface NewRun extends RunToInsert {
  /** Same key for the same flow never makes a second run (even after retention deleted the first): no id comes back. */
  dedupeKey?: string | null;
}

/**
 * Creates runs (with their business keys worked out) in one statement and returns the ids of those created, in
 * order; a run whose (flowId, dedupeKey) was seen before is skipped, so a repeated event never makes a second run.
 */
export async function createRuns(
  db: DbOrTx,
  newRuns: readonly NewRun[],
): Promise<Array<{ id: string; status: RunStatus }>> {
  if (newRuns.length === 0) return [];
  return insertRuns(db, await withBusinessKeys(db, newRuns));
}

/** Creates one queued run; its id is undefined only when its dedupe key was seen before. */
export async function createRun(db: DbOrTx, run: NewRun): Promise<{ id: string } | undefined> {
  const [created] = await createRuns(db, [run]);
  return created;
}

export async function listRuns(
  db: DbOrTx,
  workspaceId: string,
  filter: { flowId?: string; status?: RunStatus; limit: number; cursor?: string; includeTests?: boolean },
) {
  const rows = await db.run.findMany({
    // Test runs of a draft are not real runs: lists and dashboards leave them out unless asked.
    where: {
      workspaceId,
      flowId: filter.flowId,
      status: filter.status,
      ...(filter.includeTests ? {} : { isTest: false }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      flowId: true,
      status: true,
      triggerKind: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      flow: { select: { name: true } },
    },
  });
  const items = rows.slice(0, filter.limit);
  return { items, nextCursor: rows.length > filter.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function findRunWithSteps(db: DbOrTx, workspaceId: string, id: string) {
  return db.run.findFirst({
    where: { id, workspaceId },
    include: {
      flow: { select: { name: true, publishedVersion: { select: { number: true } } } },
      flowVersion: { select: { number: true, graph: true } },
      steps: { orderBy: { sequence: "asc" } },
    },
  });
}

/** Sets a queued or running run cancelled; false when it is missing, in another workspace or already finished. */
export async function cancelUnfinishedRun(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  error: object,
): Promise<boolean> {
  const { count } = await db.run.updateMany({
    where: { id, workspaceId, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date(), error: toJsonInput(error) },
  });
  return count === 1;
}

export async function findRunStatus(db: DbOrTx, workspaceId: string, id: string) {
  return db.run.findFirst({ where: { id, workspaceId }, select: { status: true } });
}

/** Everything a replay copies from: the run, its steps, and both versions it may replay on. */
export async function findRunForReplay(db: DbOrTx, workspaceId: string, id: string) {
  return db.run.findFirst({
    where: { id, workspaceId },
    include: {
      flowVersion: { select: { id: true, number: true, graph: true } },
      flow: { select: { publishedVersion: { select: { id: true, number: true, graph: true } } } },
      steps: { orderBy: { sequence: "asc" } },
    },
  });
}

export type ReplaySource = NonNullable<Awaited<ReturnType<typeof findRunForReplay>>>;

/** Creates the replaying run, queued, with the steps it starts from already succeeded (the executor skips them). */
/**
 * The run that already replays `runId`, read after locking the source run's row, so that two callers replaying the
 * same run at once (two tabs, a double click on a bulk replay) are served one after the other and the second sees
 * the first's replay. Call inside the transaction that inserts the replay.
 */
export async function lockReplayOf(tx: DbOrTx, runId: string): Promise<{ id: string } | null> {
  await tx.$queryRaw`SELECT id FROM "Run" WHERE id = ${runId} FOR UPDATE`;
  return tx.run.findFirst({ where: { replayOfRunId: runId }, select: { id: true } });
}

export async function insertReplayRun(
  db: DbOrTx,
  source: ReplaySource,
  flowVersionId: string,
  steps: readonly ReplaySource["steps"][number][],
) {
  const run = await createRun(db, {
    workspaceId: source.workspaceId,
    flowId: source.flowId,
    flowVersionId,
    triggerKind: source.triggerKind,
    businessKey: source.businessKey,
    triggerData: source.triggerData,
    replayOfRunId: source.id,
    // Replaying a test stays a test: it runs a test snapshot and must stay out of the lists as well.
    isTest: source.isTest,
  });
  if (!run) throw new Error("the replaying run was not created");
  if (steps.length > 0) {
    await db.stepRun.createMany({
      data: steps.map((step): Prisma.StepRunCreateManyInput => ({
        workspaceId: step.workspaceId,
        runId: run.id,
        stepId: step.stepId,
        sequence: step.sequence,
        parentStepId: step.parentStepId,
        itemIndex: step.itemIndex,
        connectorId: step.connectorId,
        operation: step.operation,
        status: "succeeded",
        attempts: step.attempts,
        input: toJsonInput(step.input),
        output: toJsonInput(step.output),
        inputTruncated: step.inputTruncated,
        outputTruncated: step.outputTruncated,
        startedAt: step.startedAt,
        finishedAt: step.finishedAt,
      })),
    });
  }
  return run;
}

/**
 * The run a replay replays (when it still exists) and the replays made of this run, newest first. Only a finished run
 * can have replays, and no index covers replayOfRunId, so the run page asks for them once a run has finished.
 */
export async function findReplayLinks(
  db: DbOrTx,
  workspaceId: string,
  run: { id: string; replayOfRunId: string | null; finished: boolean },
) {
  const [original, replays] = await Promise.all([
    run.replayOfRunId
      ? db.run.findFirst({ where: { id: run.replayOfRunId, workspaceId }, select: { id: true, status: true } })
      : null,
    run.finished
      ? db.run.findMany({
          where: { workspaceId, replayOfRunId: run.id },
          orderBy: { createdAt: "desc" },
          take: 20,
          select: { id: true, status: true, createdAt: true },
        })
      : [],
  ]);
  return { original, replays };
}
