// Alerts end to end on a real Postgres with the real worker: a run fails, the database records it in the outbox with
// the failed state, and the worker starts the "When a flow fails" flows with the failed run's data; bursts alert once,
// an alert flow's own failure alerts nobody, and nothing is alerted twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowNode } from "@/lib/flow-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { closedPort } from "@/test/local-server";
import { linearGraph, seedRunningFlow, waitFor, waitForRun } from "@/test/runtime/helpers";
import { createRuns } from "../db/runs.repository";
import { getRunQueue, requestManualRun, startWorker, type RunQueue, type Worker } from ".";
import { dispatchFailureAlerts } from "./failure-alerts";

let t: TestDatabase;
let worker: Worker;
let queue: RunQueue;
let unreachable: string;
const PUBLIC_URL = "https://conflux.example.com";

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  unreachable = `http://127.0.0.1:${await closedPort()}`;
  queue = await getRunQueue();
  worker = await startWorker({
    databaseUrl: t.url,
    db: t.db,
    concurrency: 4,
    log: () => undefined,
    tickMs: 100,
    reapMs: 600_000,
    publicUrl: PUBLIC_URL,
  });
});
afterAll(async () => {
  await worker?.stop();
  await queue?.stop();
  await t?.drop();
});

const manual = { id: "trigger", connectorId: "core", operation: "manual" } satisfies Partial<FlowNode>;
const failingStep = (id: string, label: string) => ({
  id,
  label,
  connectorId: "http",
  operation: "request",
  inputs: { url: `${unreachable}/orders` },
  settings: { maxAttempts: 1 },
});
const alertTrigger = (inputs: Record<string, unknown>) => ({
  id: "trigger",
  connectorId: "core",
  operation: "flowFailed",
  inputs,
});
const logStep = { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ trigger.flow.name }}" } };

async function namedFlow(workspaceId: string | undefined, name: string, graph: ReturnType<typeof linearGraph>) {
  const flow = await seedRunningFlow(t.db, graph, { workspaceId });
  await t.db.flow.update({ where: { id: flow.flowId }, data: { name } });
  return flow;
}

const alertRunsOf = (flowId: string) =>
  t.db.run.findMany({ where: { flowId, triggerKind: "flowFailed" }, orderBy: { createdAt: "asc" } });

/** Waits until every failure in the outbox has been processed by the worker's dispatcher. */
async function outboxDrained() {
  await waitFor(
    async () => ((await t.db.runFailure.count({ where: { processedAt: null } })) === 0 ? true : undefined),
    "the outbox to drain",
  );
}

describe("When a flow fails", () => {
  it("starts the watching flows with the failed run's flow, error, business key and link", async () => {
    const orders = await namedFlow(undefined, "Send orders", linearGraph(manual, failingStep("send", "Send order")));
    const { workspaceId } = orders;
    await t.db.flow.update({ where: { id: orders.flowId }, data: { businessKeyExpression: "{{ trigger.orderNo }}" } });
    const chosen = await namedFlow(
      workspaceId,
      "Page on-call",
      linearGraph(alertTrigger({ watch: "chosen", flowIds: [orders.flowId] }), logStep),
    );
    const everyFlow = await namedFlow(workspaceId, "Open ticket", linearGraph(alertTrigger({ watch: "all" }), logStep));
    const other = await namedFlow(workspaceId, "Other", linearGraph(manual, logStep));
    const watchesOther = await namedFlow(
      workspaceId,
      "Watch other",
      linearGraph(alertTrigger({ watch: "chosen", flowIds: [other.flowId] }), logStep),
    );

    const { runId } = await requestManualRun(t.db, queue, { ...orders, payload: { orderNo: "Y100001007" } });
    const failed = await waitForRun(t.db, runId);
    expect(failed.status).toBe("failed");

    const [alert] = await waitFor(async () => {
      const runs = await alertRunsOf(chosen.flowId);
      return runs.length > 0 ? runs : undefined;
    }, "the alert run");
    expect(alert?.triggerData).toEqual({
      flow: { id: orders.flowId, name: "Send orders" },
      runId,
      runUrl: `${PUBLIC_URL}/runs/${runId}`,
      businessKey: "Y100001007",
      failedAt: failed.finishedAt?.toISOString(),
      error: { code: "NETWORK", message: expect.any(String), step: { id: "send", name: "Send order" } },
      failures: { count: 1, withinMinutes: null },
    });
    const finished = await waitForRun(t.db, alert?.id ?? "");
    expect(finished.status).toBe("succeeded");
    expect(finished.steps.find((step) => step.stepId === "note")?.output).toMatchObject({ message: "Send orders" });

    await outboxDrained();
    expect(await alertRunsOf(everyFlow.flowId)).toHaveLength(1);
    expect(await alertRunsOf(watchesOther.flowId)).toHaveLength(0);
    // A step without a label is named by its action, as on the run page.
    const unnamed = await namedFlow(
      workspaceId,
      "Unnamed",
      linearGraph(manual, { ...failingStep("send", ""), label: undefined }),
    );
    const second = await requestManualRun(t.db, queue, { ...unnamed, payload: {} });
    await waitForRun(t.db, second.runId);
    await outboxDrained();
    const [fromUnnamed] = await t.db.run.findMany({
      where: { flowId: everyFlow.flowId, dedupeKey: `failed:${second.runId}` },
    });
    expect(fromUnnamed?.triggerData).toMatchObject({ error: { step: { id: "send", name: "Send request" } } });
  });

  it("never alerts for an alert flow's own failure, so a failing alert flow cannot loop", async () => {
    const orders = await namedFlow(undefined, "Orders", linearGraph(manual, failingStep("send", "Send")));
    const { workspaceId } = orders;
    const broken = await namedFlow(
      workspaceId,
      "Broken alert",
      linearGraph(alertTrigger({ watch: "all" }), failingStep("post", "Post to chat")),
    );
    const watcher = await namedFlow(workspaceId, "Watcher", linearGraph(alertTrigger({ watch: "all" }), logStep));

    const { runId } = await requestManualRun(t.db, queue, { ...orders, payload: {} });
    await waitForRun(t.db, runId);
    const [brokenRun] = await waitFor(async () => {
      const runs = await alertRunsOf(broken.flowId);
      return runs.length > 0 ? runs : undefined;
    }, "the broken alert run");
    expect((await waitForRun(t.db, brokenRun?.id ?? "")).status).toBe("failed");
    // Its failure reached the outbox and was processed without starting anything.
    await waitFor(async () => {
      const row = await t.db.runFailure.findUnique({ where: { runId: brokenRun?.id ?? "" } });
      return row?.processedAt ? row : undefined;
    }, "the alert flow's failure to be processed");
    await outboxDrained();
    expect(await alertRunsOf(broken.flowId)).toHaveLength(1);
    expect((await alertRunsOf(watcher.flowId)).map((run) => run.dedupeKey)).toEqual([`failed:${runId}`]);
  });

  it("alerts once per burst of N failures within M minutes, and again for a new burst after the window", async () => {
    const orders = await namedFlow(undefined, "Bursty", linearGraph(manual, failingStep("send", "Send")));
    await t.db.flow.update({ where: { id: orders.flowId }, data: { alertFailureCount: 3, alertWindowMinutes: 10 } });
    const watcher = await namedFlow(
      orders.workspaceId,
      "Watcher",
      linearGraph(alertTrigger({ watch: "all" }), logStep),
    );
    const start = Date.now() - 60 * 60_000;
    // Failed runs saved as such (the poller's path for broken items), at chosen minutes after `start`.
    const minutes = [0, 1, 2, 3, 11, 13, 14, 15, 16];
    const created = await createRuns(
      t.db,
      minutes.map((minute) => ({
        workspaceId: orders.workspaceId,
        flowId: orders.flowId,
        flowVersionId: orders.versionId,
        triggerKind: "poll",
        triggerData: { minute },
        failed: {
          error: { code: "REMOTE", message: `failure at minute ${minute}` },
          finishedAt: new Date(start + minute * 60_000),
        },
      })),
    );
    expect(created).toHaveLength(minutes.length);
    await outboxDrained();
    // Minute 2 is the third failure within 10 minutes; 3 and 11 fall in its window (to minute 12); 13 and 14 are
    // only two after it; 15 is the third of the new burst, and 16 falls in that one's window.
    const alerts = await alertRunsOf(watcher.flowId);
    expect(alerts.map((run) => run.triggerData)).toEqual([
      expect.objectContaining({ runId: created[2]?.id, failures: { count: 3, withinMinutes: 10 } }),
      expect.objectContaining({ runId: created[7]?.id, failures: { count: 3, withinMinutes: 10 } }),
    ]);
  });

  it("records the failure in the run's own transaction, and a failure processed again alerts no one twice", async () => {
    const orders = await namedFlow(undefined, "Orders", linearGraph(manual, logStep));
    const watcher = await namedFlow(
      orders.workspaceId,
      "Watcher",
      linearGraph(alertTrigger({ watch: "all" }), logStep),
    );
    const [run] = await createRuns(t.db, [
      {
        workspaceId: orders.workspaceId,
        flowId: orders.flowId,
        flowVersionId: orders.versionId,
        triggerKind: "manual",
        triggerData: {},
      },
    ]);
    const runId = run?.id ?? "";
    // A worker that dies before its commit: the failed state and the outbox row go together.
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.run.update({ where: { id: runId }, data: { status: "failed", finishedAt: new Date() } });
        expect(await tx.runFailure.count({ where: { runId } })).toBe(1);
        throw new Error("worker died");
      }),
    ).rejects.toThrow("worker died");
    expect(await t.db.runFailure.count({ where: { runId } })).toBe(0);
    await t.db.run.update({
      where: { id: runId },
      data: { status: "failed", finishedAt: new Date(), error: { code: "X", message: "boom" } },
    });
    await outboxDrained();
    expect(await alertRunsOf(watcher.flowId)).toHaveLength(1);

    // As if the marking had been lost: the failure is pending again, and processing it again makes no second run.
    await t.db.runFailure.update({ where: { runId }, data: { processedAt: null, alerted: false } });
    await outboxDrained();
    await dispatchFailureAlerts(t.db, queue, { publicUrl: PUBLIC_URL, log: () => undefined });
    expect(await alertRunsOf(watcher.flowId)).toHaveLength(1);
    // Test runs raise no alerts at all.
    const [testRun] = await createRuns(t.db, [
      {
        workspaceId: orders.workspaceId,
        flowId: orders.flowId,
        flowVersionId: orders.versionId,
        triggerKind: "manual",
        triggerData: {},
        isTest: true,
        failed: { error: { code: "X", message: "test" }, finishedAt: new Date() },
      },
    ]);
    expect(await t.db.runFailure.count({ where: { runId: testRun?.id ?? "" } })).toBe(0);
  });
});
