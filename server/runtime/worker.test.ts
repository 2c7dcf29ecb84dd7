// The runtime end to end on a real Postgres: Run now -> queue -> worker -> steps against a local HTTP server.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { getRunQueue, requestManualRun, startWorker, type RunQueue, type Worker } from ".";
import { executeRun } from "./executor";
import { requeueStrandedRuns } from "./reaper";
import { linearGraph, saveRunRow, seedRunningFlow, waitFor, waitForRun } from "@/test/runtime/helpers";
import { closedPort, listenOnLoopback } from "@/test/local-server";

let t: TestDatabase;
let worker: Worker;
let queue: RunQueue;
let server: http.Server;
let base: string;
let hits = 0;
const logLines: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  server = http.createServer((req, res) => {
    hits += 1;
    const orderNo = req.url?.split("/").pop() ?? "";
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ orderNo, status: "shipped", idempotencyKey: req.headers["idempotency-key"] }));
  });
  base = await listenOnLoopback(server);
  queue = await getRunQueue();
  worker = await startWorker({
    databaseUrl: t.url,
    db: t.db,
    concurrency: 2,
    log: (line) => logLines.push(line),
    tickMs: 200,
    reapMs: 600_000,
  });
});
afterAll(async () => {
  await worker?.stop();
  await queue?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

function orderFlow(url: string) {
  return linearGraph(
    { id: "trigger", connectorId: "core", operation: "manual" },
    { id: "fetch", label: "Fetch order", connectorId: "http", operation: "request", inputs: { url } },
    {
      id: "note",
      connectorId: "core",
      operation: "log",
      inputs: { message: "Order {{ steps.fetch.body.orderNo }} is {{ steps.fetch.body.status }}" },
    },
  );
}

describe("runs", () => {
  it("executes Run now through the worker and records every step", async () => {
    const flow = await seedRunningFlow(t.db, orderFlow(`${base}/orders/{{ trigger.orderNo }}`));
    const { runId } = await requestManualRun(t.db, queue, { ...flow, payload: { orderNo: "A-17" } });
    const run = await waitForRun(t.db, runId);

    expect(run).toMatchObject({
      status: "succeeded",
      triggerKind: "manual",
      error: null,
      flowVersionId: flow.versionId,
    });
    expect(run.startedAt).toBeInstanceOf(Date);
    expect(run.steps.map((step) => [step.sequence, step.stepId, step.status])).toEqual([
      [0, "trigger", "succeeded"],
      [1, "fetch", "succeeded"],
      [2, "note", "succeeded"],
    ]);
    const [trigger, fetch, note] = run.steps;
    expect(trigger?.output).toEqual({ orderNo: "A-17" });
    expect(fetch?.input).toEqual({ url: `${base}/orders/A-17` });
    expect(fetch?.output).toMatchObject({
      status: 200,
      body: { orderNo: "A-17", status: "shipped", idempotencyKey: `${runId}:fetch` },
    });
    expect(note?.output).toEqual({ message: "Order A-17 is shipped", level: "info" });
    expect(logLines).toContain(`[run ${runId} step note] info: Order A-17 is shipped`);
  });

  it("fails a run readably on an unreachable host, then runs the next run fine", async () => {
    const port = await closedPort();
    const broken = await seedRunningFlow(t.db, orderFlow(`http://127.0.0.1:${port}/orders/1`));
    const failed = await waitForRun(t.db, (await requestManualRun(t.db, queue, { ...broken, payload: {} })).runId);
    const message = `Could not connect to 127.0.0.1:${port}: connection refused`;
    expect(failed.status).toBe("failed");
    expect(failed.error).toEqual({ code: "NETWORK", message, retryable: true, stepId: "fetch" });
    expect(failed.steps.map((step) => step.status)).toEqual(["succeeded", "failed"]);
    expect(failed.steps[1]?.error).toMatchObject({ code: "NETWORK", message });

    const good = await seedRunningFlow(t.db, orderFlow(`${base}/orders/B-2`));
    const next = await waitForRun(t.db, (await requestManualRun(t.db, queue, { ...good, payload: {} })).runId);
    expect(next.status).toBe("succeeded");
  });

  it("fails the step with INPUT_INVALID naming the field when a template yields the wrong type", async () => {
    const graph = orderFlow(`${base}/orders/x`);
    const fetch = graph.nodes[1];
    if (fetch) fetch.inputs = { url: "{{ trigger.url }}", timeoutMs: "{{ trigger.timeout }}" };
    const flow = await seedRunningFlow(t.db, graph);
    const payload = { url: `${base}/orders/x`, timeout: "soon" };
    const run = await waitForRun(t.db, (await requestManualRun(t.db, queue, { ...flow, payload })).runId);
    expect(run.error).toMatchObject({ code: "INPUT_INVALID", stepId: "fetch" });
    expect(run.error).toMatchObject({
      message: expect.stringContaining('field "timeoutMs" must be a number, not a string'),
    });
  });

  it("refuses Run now for a flow that is not running", async () => {
    const draft = await seedRunningFlow(t.db, orderFlow(`${base}/x`), { status: "draft" });
    const error = await requestManualRun(t.db, queue, { ...draft, payload: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfluxError);
    expect(error).toMatchObject({ code: "FLOW_NOT_RUNNING", message: expect.stringContaining("Start the flow") });
  });

  it("does not run twice when the same run is sent twice", async () => {
    const flow = await seedRunningFlow(t.db, orderFlow(`${base}/orders/D-1`));
    const before = hits;
    const { runId } = await requestManualRun(t.db, queue, { ...flow, payload: {} });
    await queue.sendRun(runId);
    await waitForRun(t.db, runId);
    expect(hits - before).toBe(1);
  });

  it("lets only one of two simultaneous deliveries of a run execute it", async () => {
    const flow = await seedRunningFlow(t.db, orderFlow(`${base}/orders/D-2`));
    const before = hits;
    const runId = await saveRunRow(t.db, flow);
    // Two distinct jobs for one run, as after a retry of an expired job: both workers may fetch one each.
    await Promise.all([queue.sendRun(runId, { resend: true }), queue.sendRun(runId, { resend: true })]);
    expect((await waitForRun(t.db, runId)).status).toBe("succeeded");
    await waitFor(async () => ((await queue.hasLiveJob(runId)) ? undefined : true), "both jobs to finish");
    expect(hits - before).toBe(1);
  });
});

describe("checkpoints", () => {
  it("skips steps that already succeeded when a run is delivered again, reusing their output", async () => {
    const flow = await seedRunningFlow(t.db, orderFlow(`${base}/orders/C-3`));
    const run = await t.db.run.create({
      data: {
        workspaceId: flow.workspaceId,
        flowId: flow.flowId,
        flowVersionId: flow.versionId,
        status: "running",
        triggerKind: "manual",
        triggerData: {},
        startedAt: new Date(),
      },
    });
    // As if a worker died after finishing "fetch" (with a reply the server would not give now) and before "note".
    await t.db.stepRun.create({
      data: {
        workspaceId: flow.workspaceId,
        runId: run.id,
        stepId: "fetch",
        sequence: 1,
        connectorId: "http",
        operation: "request",
        status: "succeeded",
        output: { status: 200, body: { orderNo: "C-3", status: "stored" } },
      },
    });
    const before = hits;
    await executeRun(t.db, run.id, { signal: new AbortController().signal, log: () => undefined });
    const done = await waitForRun(t.db, run.id);
    expect(hits).toBe(before);
    expect(done.status).toBe("succeeded");
    expect(done.steps.find((step) => step.stepId === "note")?.output).toMatchObject({ message: "Order C-3 is stored" });
    // Executing a finished run again changes nothing.
    await executeRun(t.db, run.id, { signal: new AbortController().signal, log: () => undefined });
    expect((await t.db.stepRun.findMany({ where: { runId: run.id } })).map((step) => step.attempts)).toEqual([1, 1, 1]);
  });
});

describe("reaper", () => {
  it("re-sends queued runs whose job never arrived", async () => {
    const flow = await seedRunningFlow(t.db, orderFlow(`${base}/orders/R-1`));
    const stranded = await t.db.run.create({
      data: {
        workspaceId: flow.workspaceId,
        flowId: flow.flowId,
        flowVersionId: flow.versionId,
        status: "queued",
        triggerKind: "manual",
        triggerData: {},
        createdAt: new Date(Date.now() - 60_000),
      },
    });
    const resent = await requeueStrandedRuns(t.db, queue, { log: () => undefined });
    expect(resent).toContain(stranded.id);
    expect((await waitForRun(t.db, stranded.id)).status).toBe("succeeded");
  });
});

describe("schedules", () => {
  it("creates runs for a due interval schedule and advances its next due time", async () => {
    const graph = linearGraph(
      { id: "tick", connectorId: "core", operation: "schedule", inputs: { mode: "interval", intervalSeconds: 10 } },
      { id: "note", connectorId: "core", operation: "log", inputs: { message: "due {{ trigger.scheduledAt }}" } },
    );
    // Started 10.5 s ago, so the first run is already due.
    const flow = await seedRunningFlow(t.db, graph, { now: new Date(Date.now() - 10_500) });
    const dueAt = (await t.db.triggerState.findUniqueOrThrow({ where: { flowId: flow.flowId } })).nextRunAt;
    const run = await waitFor(
      () =>
        t.db.run.findFirst({ where: { flowId: flow.flowId, status: "succeeded" } }).then((found) => found ?? undefined),
      "a scheduled run",
    );
    expect(run).toMatchObject({ triggerKind: "schedule", dedupeKey: `schedule:${dueAt?.toISOString()}` });
    expect(run.triggerData).toMatchObject({ scheduledAt: dueAt?.toISOString() });
    const state = await t.db.triggerState.findUniqueOrThrow({ where: { flowId: flow.flowId } });
    expect(state.nextRunAt?.getTime()).toBe((dueAt?.getTime() ?? 0) + 10_000);
    expect(await t.db.run.count({ where: { flowId: flow.flowId } })).toBe(1);
  });
});
