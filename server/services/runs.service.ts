// Run history shaped for people: durations computed, step labels taken from the graph the run executed. Also what
// people do to a run: cancel it here, replay it in replay.service.ts.
import { flowGraphSchema } from "@/lib/flow-graph";
import { stepAttempts } from "@/lib/step-attempts";
import { ConflictError, NotFoundError, readErrorJson } from "@/lib/errors";
import { findOperation } from "../connectors";
import type { Db, DbOrTx } from "../db/client";
import type { RunStatus } from "../db/generated/client";
import { listRunFiles, type RunFileRow } from "../db/run-files.repository";
import * as runs from "../db/runs.repository";
import { CANCELLED_BY_USER, failStepsInFlight } from "../runtime/cancel-watch";
import { failedStepOf } from "./replay.service";

const finishedStatuses: ReadonlySet<RunStatus> = new Set(["succeeded", "failed", "cancelled"]);

function durationMs(startedAt: Date | null, finishedAt: Date | null): number | null {
  return startedAt && finishedAt ? finishedAt.getTime() - startedAt.getTime() : null;
}

export async function listRuns(
  db: DbOrTx,
  workspaceId: string,
  filter: { flowId?: string; status?: RunStatus; limit: number; cursor?: string; includeTests?: boolean },
) {
  const page = await runs.listRuns(db, workspaceId, filter);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ flow, ...run }) => ({
      ...run,
      flowName: flow.name,
      durationMs: durationMs(run.startedAt, run.finishedAt),
    })),
  };
}

export async function getRun(db: DbOrTx, workspaceId: string, id: string) {
  const found = await runs.findRunWithSteps(db, workspaceId, id);
  if (!found) throw new NotFoundError("The run");
  const { flow, flowVersion, steps, ...run } = found;
  const finished = finishedStatuses.has(run.status);
  const links = await runs.findReplayLinks(db, workspaceId, { ...run, finished });
  const filesByStep = new Map<string, Omit<RunFileRow, "stepId" | "sha256">[]>();
  for (const { stepId, sha256: _sha256, ...file } of await listRunFiles(db, workspaceId, id)) {
    filesByStep.set(stepId, [...(filesByStep.get(stepId) ?? []), file]);
  }
  const graph = flowGraphSchema.safeParse(flowVersion.graph);
  const labels = new Map(graph.success ? graph.data.nodes.map((node) => [node.id, node.label ?? null]) : []);
  // A step the user did not name reads as its action ("Send request"), as it did on the canvas.
  const operationLabel = (connectorId: string, operation: string) => {
    const found = findOperation(connectorId, operation);
    return found ? (found.kind === "trigger" ? found.trigger.label : found.action.label) : null;
  };
  return {
    run: {
      ...run,
      flowName: flow.name,
      flowVersionNumber: flowVersion.number,
      /** The flow's published version now, which "replay on the latest version" uses. */
      latestVersionNumber: flow.publishedVersion?.number ?? null,
      error: readErrorJson(run.error),
      durationMs: durationMs(run.startedAt, run.finishedAt),
      /** The step a failed run can be replayed from; null when it cannot. */
      failedStepId: failedStepOf(run, steps)?.stepId ?? null,
      replayOf: links.original,
      replays: links.replays,
    },
    steps: steps.map(({ attemptLog, ...step }) => ({
      ...step,
      label: labels.get(step.stepId) ?? operationLabel(step.connectorId, step.operation),
      error: readErrorJson(step.error),
      durationMs: durationMs(step.startedAt, step.finishedAt),
      /** Each attempt with its start, end and the wait before it, when the step ran more than once. */
      attemptTimeline: stepAttempts({ finishedAt: step.finishedAt, attemptLog, error: readErrorJson(step.error) }),
      /** Files the step stored (downloads: GET /api/runs/<run id>/files/<file id>). */
      files: filesByStep.get(step.stepId) ?? [],
    })),
  };
}

/**
 * Cancels a queued or running run. A worker executing it notices within about a second (runtime/cancel-watch.ts)
 * and aborts the step in flight; a queued run's job finds it finished and does nothing. Steps still marked running
 * are failed here too, because a run whose worker died would otherwise show them running forever.
 */
export async function cancelRun(db: Db, workspaceId: string, id: string): Promise<{ id: string; status: "cancelled" }> {
  const cancelled = await db.$transaction(async (tx) => {
    if (!(await runs.cancelUnfinishedRun(tx, workspaceId, id, CANCELLED_BY_USER))) return false;
    await failStepsInFlight(tx, id);
    return true;
  });
  if (cancelled) return { id, status: "cancelled" };
  const run = await runs.findRunStatus(db, workspaceId, id);
  if (!run) throw new NotFoundError("The run");
  const outcome = run.status === "cancelled" ? "was already cancelled" : `already ${run.status}`;
  throw new ConflictError(`This run ${outcome}: only a queued or running run can be cancelled.`);
}
