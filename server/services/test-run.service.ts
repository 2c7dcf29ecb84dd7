// "Test flow": runs the saved draft once on sample trigger data. The draft is snapshotted as a test FlowVersion
// (numbered -1, -2, ... so it never takes a published number) and the run is marked isTest, which keeps it out of
// run lists, dashboards and the flows list's "last run".
import type { FlowGraph } from "@/lib/flow-graph";
import { ConflictError, ConfluxError } from "@/lib/errors";
import { findOperation } from "../connectors";
import type { Db, DbOrTx } from "../db/client";
import { toJsonInput } from "../db/json";
import { createRun } from "../db/runs.repository";
import { findCapturedSample } from "../db/sample-listeners.repository";
import { findRunBlockers } from "../runtime/validate";
import { sendOrLeaveToReaper } from "../runtime/runs";
import { getFlow } from "./flows.service";
import { checkTestDataInput } from "../security/input-limits";

/** Test snapshots kept per flow; older ones go with their runs, which nobody lists. */
export const KEPT_TEST_SNAPSHOTS = 20;

async function insertTestSnapshot(tx: DbOrTx, workspaceId: string, flowId: string, graph: FlowGraph) {
  const lowest = await tx.flowVersion.findFirst({
    where: { flowId, workspaceId, isTest: true },
    orderBy: { number: "asc" },
    select: { number: true },
  });
  const number = Math.min(lowest?.number ?? 0, 0) - 1;
  const version = await tx.flowVersion.create({
    data: { workspaceId, flowId, number, graph: toJsonInput(graph), isTest: true },
    select: { id: true },
  });
  // Runs cascade with their version: only test runs point at test snapshots.
  await tx.flowVersion.deleteMany({
    where: { flowId, workspaceId, isTest: true, number: { gt: number + KEPT_TEST_SNAPSHOTS - 1 } },
  });
  return version;
}

/**
 * Runs the saved draft on `payload`. `baseRevision` is the draft revision the designer saved: if someone saved since,
 * the test would run a graph the user is not looking at, so it is refused.
 */
export async function startTestRun(
  db: Db,
  queue: Parameters<typeof sendOrLeaveToReaper>[0],
  workspaceId: string,
  args: { flowId: string; baseRevision?: number; payload: unknown },
): Promise<{ runId: string }> {
  checkTestDataInput(args.payload);
  const flow = await getFlow(db, workspaceId, args.flowId);
  if (args.baseRevision !== undefined && args.baseRevision !== flow.draftRevision) {
    throw new ConflictError(
      "This flow was changed in another tab or by another user since you opened it. Reload before testing it.",
      { currentRevision: flow.draftRevision },
    );
  }
  const problems = findRunBlockers(flow.draft);
  if (problems.length > 0) {
    throw new ConfluxError("FLOW_INVALID", `The flow cannot be tested: ${problems.join("; ")}`, {
      details: { problems },
    });
  }
  const run = await db.$transaction(async (tx) => {
    const version = await insertTestSnapshot(tx, workspaceId, args.flowId, flow.draft);
    const created = await createRun(tx, {
      workspaceId,
      flowId: args.flowId,
      flowVersionId: version.id,
      triggerKind: "test",
      isTest: true,
      triggerData: args.payload ?? {},
    });
    if (!created) throw new Error("the test run was not created");
    return created;
  });
  await sendOrLeaveToReaper(queue, run.id);
  return { runId: run.id };
}

/** The trigger a sample is for: the designer's current one, which may not be saved yet. */
export interface SampleTrigger {
  connectorId: string;
  operation: string;
}

/**
 * Where "Test flow" can take its trigger data from, plus the latest test run so the designer can show it again. The
 * samples follow `trigger` (else the saved draft's): the event captured for it, its declared sample, and the last real
 * run that this same trigger started, never data of the trigger the flow had before.
 */
export async function getTestSamples(db: DbOrTx, workspaceId: string, flowId: string, current?: SampleTrigger) {
  const flow = await getFlow(db, workspaceId, flowId);
  const triggerNode = flow.draft.nodes.find((node) => node.type === "trigger");
  const chosen = current ?? triggerNode;
  const found = chosen ? findOperation(chosen.connectorId, chosen.operation) : undefined;
  const trigger = found?.kind === "trigger" ? found.trigger : undefined;
  const [captured, lastReal, lastTest] = await Promise.all([
    chosen
      ? findCapturedSample(db, workspaceId, flowId, { connectorId: chosen.connectorId, operation: chosen.operation })
      : null,
    chosen && triggerNode
      ? db.run.findFirst({
          where: {
            workspaceId,
            flowId,
            isTest: false,
            // The trigger is step 0 of every run, recorded with its operation.
            steps: {
              some: { stepId: triggerNode.id, connectorId: chosen.connectorId, operation: chosen.operation },
            },
          },
          orderBy: { createdAt: "desc" },
          select: { id: true, createdAt: true, triggerKind: true, triggerData: true },
        })
      : null,
    db.run.findFirst({
      where: { workspaceId, flowId, isTest: true },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    }),
  ]);
  return {
    /** The event "Listen for a test event" (or "Fetch a sample") captured for this trigger. */
    captured: captured?.capturedAt ? { capturedAt: captured.capturedAt, data: captured.data } : null,
    declared: trigger?.sample === undefined ? null : { label: trigger.label, data: trigger.sample },
    lastEvent: lastReal
      ? {
          runId: lastReal.id,
          createdAt: lastReal.createdAt,
          triggerKind: lastReal.triggerKind,
          data: lastReal.triggerData,
        }
      : null,
    lastTestRunId: lastTest?.id ?? null,
  };
}
