// A run saved by a process whose worker has a free slot starts there at once, with no queue job; one saved while
// every slot is busy waits in the local backlog, and past the backlog goes to the queue, claimed from there as soon
// as a slot frees. A worker that stops hands its backlog to the queue.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { listenOnLoopback } from "@/test/local-server";
import { linearGraph, seedRunningFlow, waitFor } from "@/test/runtime/helpers";
import { requestManualRun, startWorker } from ".";
import { runQueueOf, startBoss, type RunQueue } from "./queue";

let t: TestDatabase;
let queue: RunQueue;
let server: http.Server;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  server = http.createServer((_request, res) => {
    setTimeout(() => res.end("done"), 600).unref();
  });
  base = await listenOnLoopback(server);
  const boss = await startBoss({
    databaseUrl: t.url,
    supervise: false,
    poolSize: 2,
    applicationName: "test",
    onError: () => undefined,
  });
  queue = runQueueOf(boss, () => boss.stop({ graceful: false }));
});
afterAll(async () => {
  await queue?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

describe("dispatcher", () => {
  it("starts a run in the saving process when a slot is free, and queues the one that finds none", async () => {
    const worker = await startWorker({
      databaseUrl: t.url,
      db: t.db,
      concurrency: 1,
      localBacklog: 0,
      log: () => undefined,
    });
    try {
      const flow = await seedRunningFlow(
        t.db,
        linearGraph(
          { id: "trigger", connectorId: "core", operation: "manual" },
          { id: "slow", connectorId: "http", operation: "request", inputs: { url: `${base}/` } },
        ),
      );
      const first = await requestManualRun(t.db, queue, { ...flow, payload: {} });
      const second = await requestManualRun(t.db, queue, { ...flow, payload: {} });
      // The first took the only slot without a job; the second waits in the queue.
      expect(await queue.hasLiveJob(first.runId)).toBe(false);
      expect(await queue.hasLiveJob(second.runId)).toBe(true);
      for (const { runId } of [first, second]) {
        await waitFor(
          () =>
            t.db.run
              .findFirst({ where: { id: runId, status: "succeeded" }, select: { id: true } })
              .then((run) => run ?? undefined),
          `run ${runId} to succeed`,
        );
      }
      const steps = await t.db.stepRun.findMany({ where: { stepId: "slow" } });
      expect(steps.map((step) => [step.status, step.attempts])).toEqual([
        ["succeeded", 1],
        ["succeeded", 1],
      ]);
    } finally {
      await worker.stop();
    }
  });

  it("holds a run for the next free slot while the backlog has room, then queues", async () => {
    const worker = await startWorker({
      databaseUrl: t.url,
      db: t.db,
      concurrency: 1,
      localBacklog: 1,
      log: () => undefined,
    });
    const flow = await seedRunningFlow(
      t.db,
      linearGraph(
        { id: "trigger", connectorId: "core", operation: "manual" },
        { id: "slow", connectorId: "http", operation: "request", inputs: { url: `${base}/` } },
      ),
    );
    const runs = [];
    try {
      for (let index = 0; index < 3; index += 1)
        runs.push(await requestManualRun(t.db, queue, { ...flow, payload: {} }));
      const [running, held, queued] = runs.map((run) => run.runId);
      // Running in the only slot and waiting in the backlog: neither has a job; the third found no room.
      expect(await queue.hasLiveJob(running ?? "")).toBe(false);
      expect(await queue.hasLiveJob(held ?? "")).toBe(false);
      expect(await queue.hasLiveJob(queued ?? "")).toBe(true);
      await waitFor(
        () =>
          t.db.run
            .findFirst({ where: { id: held, status: "succeeded" }, select: { id: true } })
            .then((run) => run ?? undefined),
        "the held run to succeed",
      );
    } finally {
      await worker.stop();
    }
    // A run still waiting when the worker stopped is on the queue for the next one.
    const another = await startWorker({
      databaseUrl: t.url,
      db: t.db,
      concurrency: 1,
      localBacklog: 0,
      log: () => undefined,
    });
    try {
      for (const { runId } of runs) {
        await waitFor(
          () =>
            t.db.run
              .findFirst({ where: { id: runId, status: "succeeded" }, select: { id: true } })
              .then((run) => run ?? undefined),
          `run ${runId} to succeed`,
        );
      }
    } finally {
      await another.stop();
    }
  });

  it("hands the runs waiting in its backlog to the queue when it stops", async () => {
    const worker = await startWorker({
      databaseUrl: t.url,
      db: t.db,
      concurrency: 1,
      localBacklog: 5,
      log: () => undefined,
    });
    const flow = await seedRunningFlow(
      t.db,
      linearGraph(
        { id: "trigger", connectorId: "core", operation: "manual" },
        { id: "slow", connectorId: "http", operation: "request", inputs: { url: `${base}/` } },
      ),
    );
    const first = await requestManualRun(t.db, queue, { ...flow, payload: {} });
    const waiting = await requestManualRun(t.db, queue, { ...flow, payload: {} });
    expect(await queue.hasLiveJob(waiting.runId)).toBe(false);
    await worker.stop();
    expect(await queue.hasLiveJob(first.runId)).toBe(false);
    expect(await queue.hasLiveJob(waiting.runId)).toBe(true);
    const status = await t.db.run.findUniqueOrThrow({ where: { id: waiting.runId }, select: { status: true } });
    expect(status.status).toBe("queued");
  });
});
