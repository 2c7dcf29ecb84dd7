// "Test flow" on a real Postgres with a real worker: the draft runs (not the published version), the run stays out
// of lists and version numbers, and the samples come from the trigger and the last real run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { emptyFlowGraph } from "@/lib/flow-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { buildManifest } from "../connectors";
import { getRunQueue, requestManualRun, startWorker, type RunQueue, type Worker } from "../runtime";
import { linearGraph, seedRunningFlow, waitForRun } from "@/test/runtime/helpers";
import * as flows from "./flows.service";
import { listRuns } from "./runs.service";
import { findRunBlockers } from "../runtime/validate";
import { getTestSamples, KEPT_TEST_SNAPSHOTS, startTestRun } from "./test-run.service";

let t: TestDatabase;
let worker: Worker;
let queue: RunQueue;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  queue = await getRunQueue();
  worker = await startWorker({
    databaseUrl: t.url,
    db: t.db,
    concurrency: 2,
    log: () => {},
    tickMs: 200,
    reapMs: 600_000,
  });
});
afterAll(async () => {
  await worker?.stop();
  await queue?.stop();
  await t?.drop();
});

function logFlow(message: string) {
  return linearGraph(
    { id: "trigger", connectorId: "core", operation: "manual" },
    { id: "note", connectorId: "core", operation: "log", inputs: { message } },
  );
}

describe("test runs", () => {
  it("runs the saved draft, not the published version, and keeps it out of lists and numbering", async () => {
    const flow = await seedRunningFlow(t.db, logFlow("published {{ trigger.orderNo }}"));
    const current = await flows.getFlow(t.db, flow.workspaceId, flow.flowId);
    await flows.saveDraft(
      t.db,
      flow.workspaceId,
      flow.flowId,
      logFlow("draft {{ trigger.orderNo }}"),
      current.draftRevision,
    );

    const { runId } = await startTestRun(t.db, queue, flow.workspaceId, {
      flowId: flow.flowId,
      baseRevision: current.draftRevision + 1,
      payload: { orderNo: "T-1" },
    });
    const run = await waitForRun(t.db, runId);
    expect(run).toMatchObject({ status: "succeeded", triggerKind: "test", isTest: true });
    expect(run.steps.map((step) => [step.stepId, step.status])).toEqual([
      ["trigger", "succeeded"],
      ["note", "succeeded"],
    ]);
    expect(run.steps[1]?.output).toEqual({ message: "draft T-1", level: "info" });

    const snapshot = await t.db.flowVersion.findUniqueOrThrow({ where: { id: run.flowVersionId } });
    expect(snapshot).toMatchObject({ isTest: true, number: -1 });
    expect((await listRuns(t.db, flow.workspaceId, { flowId: flow.flowId, limit: 50 })).items).toEqual([]);
    const withTests = await listRuns(t.db, flow.workspaceId, { flowId: flow.flowId, limit: 50, includeTests: true });
    expect(withTests.items.map((item) => item.id)).toEqual([runId]);
    expect((await flows.listFlows(t.db, flow.workspaceId))[0]?.lastRun).toBeNull();

    // Start after a test still publishes version 2, and the published version is untouched by the test.
    expect(await flows.startFlow(t.db, flow.workspaceId, flow.flowId)).toEqual({ versionNumber: 2 });
  });

  it("numbers snapshots -1, -2, ... and keeps only the latest ones", async () => {
    const flow = await seedRunningFlow(t.db, logFlow("hello"), { status: "draft" });
    for (let index = 0; index < KEPT_TEST_SNAPSHOTS + 2; index += 1) {
      await startTestRun(t.db, queue, flow.workspaceId, { flowId: flow.flowId, payload: {} });
    }
    const snapshots = await t.db.flowVersion.findMany({
      where: { flowId: flow.flowId, isTest: true },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    expect(snapshots).toHaveLength(KEPT_TEST_SNAPSHOTS);
    expect(snapshots[0]?.number).toBe(-3);
    expect(snapshots.at(-1)?.number).toBe(-(KEPT_TEST_SNAPSHOTS + 2));
  });

  it("tests a flow that was never started, but refuses a stale revision and an unrunnable draft", async () => {
    const flow = await seedRunningFlow(t.db, logFlow("{{ trigger.x }}"), { status: "draft" });
    const { runId } = await startTestRun(t.db, queue, flow.workspaceId, { flowId: flow.flowId, payload: { x: "ok" } });
    expect((await waitForRun(t.db, runId)).status).toBe("succeeded");

    await expect(
      startTestRun(t.db, queue, flow.workspaceId, { flowId: flow.flowId, baseRevision: 7, payload: {} }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const unknownStep = logFlow("x");
    unknownStep.nodes = unknownStep.nodes.map((node) => (node.id === "note" ? { ...node, operation: "nope" } : node));
    const { draftRevision } = await flows.getFlow(t.db, flow.workspaceId, flow.flowId);
    await flows.saveDraft(t.db, flow.workspaceId, flow.flowId, unknownStep, draftRevision);
    const error = await startTestRun(t.db, queue, flow.workspaceId, { flowId: flow.flowId, payload: {} }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfluxError);
    expect(error).toMatchObject({
      code: "FLOW_INVALID",
      details: { problems: ['Step "note" names an action that does not exist (core.nope)'] },
    });

    const noTrigger = emptyFlowGraph();
    noTrigger.nodes = [];
    expect(findRunBlockers(noTrigger)).toEqual(["The flow has no trigger"]);
    // A missing required field only fails its step, which the test then shows: it is not refused.
    expect(findRunBlockers(logFlow(""))).toEqual([]);
  });

  it("offers the trigger's declared sample and the last real run's trigger data", async () => {
    const flow = await seedRunningFlow(t.db, logFlow("hi"));
    const manual = buildManifest()
      .connectors.find((connector) => connector.id === "core")
      ?.triggers.find((op) => op.key === "manual");
    expect(manual?.sample).toMatchObject({ orderNo: "A-1001" });
    const before = await getTestSamples(t.db, flow.workspaceId, flow.flowId);
    expect(before.lastEvent).toBeNull();
    expect(before.declared?.data).toMatchObject({ orderNo: "A-1001" });

    const real = await requestManualRun(t.db, queue, { ...flow, payload: { orderNo: "REAL-9" } });
    await waitForRun(t.db, real.runId);
    const test = await startTestRun(t.db, queue, flow.workspaceId, { flowId: flow.flowId, payload: { orderNo: "T" } });
    const after = await getTestSamples(t.db, flow.workspaceId, flow.flowId);
    expect(after.lastEvent).toMatchObject({ runId: real.runId, data: { orderNo: "REAL-9" }, triggerKind: "manual" });
    expect(after.lastTestRunId).toBe(test.runId);
  });

  it("follows the trigger on the canvas: its declared sample, and no event of the trigger the flow had before", async () => {
    const flow = await seedRunningFlow(t.db, logFlow("hi"));
    const real = await requestManualRun(t.db, queue, { ...flow, payload: { orderNo: "MANUAL-1" } });
    await waitForRun(t.db, real.runId);
    const webhook = { connectorId: "core", operation: "webhook" };
    const switched = await getTestSamples(t.db, flow.workspaceId, flow.flowId, webhook);
    expect(switched.lastEvent).toBeNull();
    expect(switched.declared?.label).toBe("Webhook");
    expect(switched.declared?.data).toMatchObject({ body: { orderNo: "A-1001" }, eventId: "evt-1001" });
    const manual = await getTestSamples(t.db, flow.workspaceId, flow.flowId, {
      connectorId: "core",
      operation: "manual",
    });
    expect(manual.lastEvent).toMatchObject({ runId: real.runId, data: { orderNo: "MANUAL-1" } });
  });
});
