// Run history shaped for people: durations computed, step labels taken from the graph the run executed.
import { flowGraphSchema } from "@/lib/flow-graph";
import { NotFoundError, readErrorJson } from "@/lib/errors";
import { findOperation } from "../connectors";
import type { DbOrTx } from "../db/client";
import type { RunStatus } from "../db/generated/client";
import * as runs from "../db/runs.repository";

function durationMs(startedAt: Date | null, finishedAt: Date | null): number | null {
  return startedAt && finishedAt ? finishedAt.getTime() - startedAt.getTime() : null;
}

export async function listRuns(
  db: DbOrTx,
  workspaceId: string,
  filter: { flowId?: string; status?: RunStatus; limit: number; cursor?: string },
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
      error: readErrorJson(run.error),
      durationMs: durationMs(run.startedAt, run.finishedAt),
    },
    steps: steps.map((step) => ({
      ...step,
      label: labels.get(step.stepId) ?? operationLabel(step.connectorId, step.operation),
      error: readErrorJson(step.error),
      durationMs: durationMs(step.startedAt, step.finishedAt),
    })),
  };
}
