// Replaying a finished run makes a NEW run with the same trigger data; the original stays as it was, so history is
// never rewritten. "From the failed step" pre-fills the new run with the original's succeeded steps that ran before
// the failure: the executor treats them as checkpoints and starts at the failed step, exactly as it resumes after a
// crash. A replay works whether or not the flow is running: it re-does one past event, it does not start new ones.
import { flowGraphSchema } from "@/lib/flow-graph";
import { ConflictError, NotFoundError, readErrorJson } from "@/lib/errors";
import type { Db } from "../db/client";
import * as runs from "../db/runs.repository";
import type { QueueSource } from "../runtime/runs";
import { sendOrLeaveToReaper } from "../runtime/runs";

export type ReplayFrom = "start" | "failedStep";
export type ReplayVersion = "same" | "latest";

const finished = new Set(["succeeded", "failed", "cancelled"]);

interface StepRow {
  stepId: string;
  status: string;
  sequence: number;
}

/** The node a step row belongs to: step ids inside a For each carry `#<item index>` suffixes (`note#3`). */
export function nodeIdOfStep(stepId: string): string {
  return stepId.split("#")[0] ?? stepId;
}

/**
 * The step a failed run failed at: the one its error names, or else the last failed step. Undefined when the run
 * failed before any step (an unreadable flow version, say), from where there is nothing to resume.
 */
export function failedStepOf<T extends StepRow>(
  run: { status: string; error: unknown },
  steps: readonly T[],
): T | undefined {
  if (run.status !== "failed") return undefined;
  const named = readErrorJson(run.error)?.stepId;
  const byName =
    named === undefined ? undefined : steps.find((step) => step.stepId === named && step.status === "failed");
  return byName ?? steps.filter((step) => step.status === "failed").at(-1);
}

export async function replayRun(
  db: Db,
  queue: QueueSource,
  workspaceId: string,
  args: { id: string; from: ReplayFrom; version: ReplayVersion; onlyOnce?: boolean },
): Promise<{ runId: string }> {
  const source = await runs.findRunForReplay(db, workspaceId, args.id);
  if (!source) throw new NotFoundError("The run");
  if (!finished.has(source.status)) {
    throw new ConflictError("This run has not finished yet. Cancel it or wait for it to end before replaying it.");
  }
  const target = args.version === "same" ? source.flowVersion : source.flow.publishedVersion;
  if (!target) throw new ConflictError("This flow has no published version to replay on. Start the flow first.");
  const steps = args.from === "failedStep" ? stepsBeforeFailure(source, target) : [];

  const run = await db.$transaction(async (tx) => {
    // A bulk replay never replays a run twice: that would send its order twice.
    const earlier = args.onlyOnce ? await runs.lockReplayOf(tx, source.id) : null;
    if (earlier) throw new ConflictError(`Already replayed by run ${earlier.id.slice(0, 8)}.`);
    return runs.insertReplayRun(tx, source, target.id, steps);
  });
  await sendOrLeaveToReaper(queue, run.id);
  return { runId: run.id };
}

/** The succeeded steps to copy for a replay from the failed step, refusing when that cannot mean anything. */
function stepsBeforeFailure(
  source: runs.ReplaySource,
  target: { id: string; number: number; graph: unknown },
): runs.ReplaySource["steps"] {
  if (source.status !== "failed") {
    const outcome = source.status === "cancelled" ? "was cancelled" : source.status;
    throw new ConflictError(
      `Only a failed run can be replayed from its failed step; this one ${outcome}. Replay it from the start.`,
    );
  }
  const failed = failedStepOf(source, source.steps);
  if (!failed) {
    throw new ConflictError(
      "This run failed before any of its steps ran, so there is no failed step to resume from. Replay it from the start.",
    );
  }
  const graph = flowGraphSchema.safeParse(target.graph);
  const nodeIds = new Set(graph.success ? graph.data.nodes.map((node) => node.id) : []);
  const failedNodeId = nodeIdOfStep(failed.stepId);
  if (!nodeIds.has(failedNodeId)) {
    throw new ConflictError(
      `Version ${target.number} no longer has the step "${failedNodeId}" that failed. Replay from the start, or on the version the run used.`,
    );
  }
  // Steps the replayed version no longer has would only clutter the new run's page; the executor ignores them anyway.
  return source.steps.filter(
    (step) => step.status === "succeeded" && step.sequence < failed.sequence && nodeIds.has(nodeIdOfStep(step.stepId)),
  );
}
