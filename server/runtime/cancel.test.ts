// Cancelling runs end to end on a real Postgres: runs.cancel -> Run row -> the worker's cancellation watcher -> the
// step's aborted HTTP request.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { cancelRun } from "../services/runs.service";
import { getRunQueue, requestManualRun, startWorker, type RunQueue, type Worker } from ".";
import { executeWatchingForCancel } from "./cancel-watch";
import { linearGraph, saveRunRow, seedRunningFlow, waitFor } from "@/test/runtime/helpers";
import { listenOnLoopback } from "@/test/local-server";

let t: TestDatabase;
let worker: Worker;
let queue: RunQueue;
let server: http.Server;
let base: string;
let requests = 0;
/** Requests the slow endpoint has received, and which of them the client hung up on. */
const slowRequests: { path: string; closedAt?: number }[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  server = http.createServer((req, res) => {
    requests += 1;
    if (req.url?.startsWith("/slow")) {
      // Never answers: only the client going away ends the request.
      const seen: { path: string; closedAt?: number } = { path: req.url };
      slowRequests.push(seen);
      res.on("close", () => {
        seen.closedAt = Date.now();
      });
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true }));
  });
  base = await listenOnLoopback(server);
  queue = await getRunQueue();
  worker = await startWorker({ databaseUrl: t.url, db: t.db, concurrency: 1, log: () => undefined, reapMs: 600_000 });
});
afterAll(async () => {
  await worker?.stop();
  await queue?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

function callFlow(path: string) {
  return linearGraph(
    { id: "trigger", connectorId: "core", operation: "manual" },
    { id: "call", connectorId: "http", operation: "request", inputs: { url: `${base}${path}`, timeoutMs: 120_000 } },
    { id: "after", connectorId: "core", operation: "log", inputs: { message: "should not run" } },
  );
}

async function finishedRun(runId: string) {
  return waitFor(async () => {
    const run = await t.db.run.findUnique({
      where: { id: runId },
      include: { steps: { orderBy: { sequence: "asc" } } },
    });
    return run && run.status !== "queued" && run.status !== "running" ? run : undefined;
  }, `run ${runId} to finish`);
}

describe("cancelling a run", () => {
  it("cancels a queued run so that its job, arriving later, runs nothing", async () => {
    const flow = await seedRunningFlow(t.db, callFlow("/fast"));
    const runId = await saveRunRow(t.db, flow);
    const before = requests;

    expect(await cancelRun(t.db, flow.workspaceId, runId)).toEqual({ id: runId, status: "cancelled" });
    await queue.sendRun(runId);
    await waitFor(async () => ((await queue.hasLiveJob(runId)) ? undefined : true), "the job to be worked off");

    const after = await t.db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
    expect(after.status).toBe("cancelled");
    expect(after.error).toEqual({ code: "CANCELLED", message: "Cancelled by a user", retryable: false });
    expect(after.finishedAt).toBeInstanceOf(Date);
    expect(after.steps).toEqual([]);
    expect(requests).toBe(before);
  });

  it("aborts the step in flight of a running run: the request is closed and the run ends cancelled", async () => {
    const flow = await seedRunningFlow(t.db, callFlow("/slow/1"));
    const { runId } = await requestManualRun(t.db, queue, { ...flow, payload: {} });
    const request = await waitFor(async () => slowRequests.find((seen) => seen.path === "/slow/1"), "the slow request");
    expect(request.closedAt).toBeUndefined();

    const cancelledAt = Date.now();
    await cancelRun(t.db, flow.workspaceId, runId);
    const closedAt = await waitFor(async () => request.closedAt, "the worker to close the request", 10_000);
    const run = await finishedRun(runId);
    console.log(`cancel reached the remote server after ${closedAt - cancelledAt} ms`);
    expect(closedAt - cancelledAt).toBeLessThan(5_000);

    expect(run.status).toBe("cancelled");
    expect(run.error).toMatchObject({ code: "CANCELLED", message: "Cancelled by a user" });
    expect(run.steps.map((step) => [step.stepId, step.status])).toEqual([
      ["trigger", "succeeded"],
      ["call", "failed"],
    ]);
    expect(run.steps[1]?.error).toMatchObject({ code: "CANCELLED" });
    // The job completed rather than failing into a retry that would run the step again.
    await waitFor(async () => ((await queue.hasLiveJob(runId)) ? undefined : true), "the job to complete");
    expect(slowRequests.filter((seen) => seen.path === "/slow/1")).toHaveLength(1);
  });

  it("answers a clear error for a finished run and for one that does not exist", async () => {
    const flow = await seedRunningFlow(t.db, callFlow("/fast"));
    const done = await t.db.run.create({
      data: {
        workspaceId: flow.workspaceId,
        flowId: flow.flowId,
        flowVersionId: flow.versionId,
        status: "succeeded",
        triggerKind: "manual",
        triggerData: {},
        finishedAt: new Date(),
      },
    });
    const error = await cancelRun(t.db, flow.workspaceId, done.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      message: "This run already succeeded: only a queued or running run can be cancelled.",
    });
    expect((await t.db.run.findUniqueOrThrow({ where: { id: done.id } })).status).toBe("succeeded");

    await expect(cancelRun(t.db, flow.workspaceId, "no-such-run")).rejects.toBeInstanceOf(NotFoundError);
    await expect(cancelRun(t.db, "another-workspace", done.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the cancellation watcher", () => {
  it("leaves a live run's execution alone, stops a cancelled one and fails its step in flight", async () => {
    const flow = await seedRunningFlow(t.db, callFlow("/fast"));
    const run = await t.db.run.create({
      data: {
        workspaceId: flow.workspaceId,
        flowId: flow.flowId,
        flowVersionId: flow.versionId,
        status: "running",
        triggerKind: "manual",
        triggerData: {},
      },
    });
    let seenAborted: boolean | undefined;
    await executeWatchingForCancel(
      t.db,
      run.id,
      { signal: new AbortController().signal, log: () => undefined, pollMs: 20 },
      async (signal) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        seenAborted = signal.aborted;
      },
    );
    expect(seenAborted).toBe(false);
    // Other failures (a lost database, a shutdown) still reach the worker, so pg-boss retries the job.
    const failure = executeWatchingForCancel(
      t.db,
      run.id,
      { signal: new AbortController().signal, log: () => undefined },
      async () => {
        throw new Error("database went away");
      },
    );
    await expect(failure).rejects.toThrow("database went away");

    // A step that started after the cancel was recorded (so nobody marked it) is failed by the watcher's wrapper, and
    // the abort it caused does not escape: the job completes.
    await t.db.run.update({ where: { id: run.id }, data: { status: "cancelled" } });
    await t.db.stepRun.create({
      data: {
        workspaceId: flow.workspaceId,
        runId: run.id,
        stepId: "call",
        sequence: 1,
        connectorId: "http",
        operation: "request",
        status: "running",
      },
    });
    let abortReason: unknown;
    await executeWatchingForCancel(
      t.db,
      run.id,
      { signal: new AbortController().signal, log: () => undefined, pollMs: 20 },
      async (signal) => {
        await waitFor(async () => (signal.aborted ? true : undefined), "the watcher to abort");
        abortReason = signal.reason;
        throw signal.reason;
      },
    );
    expect(abortReason).toMatchObject({ code: "CANCELLED" });
    expect(await t.db.stepRun.findFirstOrThrow({ where: { runId: run.id, stepId: "call" } })).toMatchObject({
      status: "failed",
      error: { code: "CANCELLED", message: "Cancelled by a user" },
    });
  });
});
