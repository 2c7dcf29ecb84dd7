// A run saved by a process whose worker has a free slot starts there at once, with no queue job; one saved while
// every slot is busy waits in the local backlog, and past the backlog goes to the queue, claimed from there as soon
// as a slot frees; a webhook's run may first wait in line for room. A worker that stops hands its backlog to the queue.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { listenOnLoopback } from "@/test/local-server";
import { createRun } from "@/test/runtime/execute-fixtures";
import { linearGraph, saveRunRow, seedRunningFlow, waitFor } from "@/test/runtime/helpers";
import { requestManualRun, startWorker } from ".";
import { sendOrLeaveToReaper } from "./runs";
import type { RunQueue } from "./queue";
import { startTestQueue } from "@/test/runtime/test-queue";

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
  ({ queue } = await startTestQueue(t.url));
});
afterAll(async () => {
  await queue?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

/** A worker with one slot and `localBacklog` places in its backlog. */
const oneSlotWorker = (localBacklog: number) =>
  startWorker({ databaseUrl: t.url, db: t.db, concurrency: 1, localBacklog, log: () => undefined });

/** A flow whose one step waits 600 ms on the local server, so that the slot stays busy. */
const slowGraph = () =>
  linearGraph(
    { id: "trigger", connectorId: "core", operation: "manual" },
    { id: "slow", connectorId: "http", operation: "request", inputs: { url: `${base}/` } },
  );
const slowFlow = () => seedRunningFlow(t.db, slowGraph());

const startRuns = async (flow: Awaited<ReturnType<typeof slowFlow>>, count: number) => {
  const runIds: string[] = [];
  for (let index = 0; index < count; index += 1)
    runIds.push((await requestManualRun(t.db, queue, { ...flow, payload: {} })).runId);
  return runIds;
};

/** A run saved without being offered, as a webhook saves it before it offers it. */
const savedRun = (flow: Awaited<ReturnType<typeof slowFlow>>) => saveRunRow(t.db, flow, { triggerKind: "webhook" });

const waitForSuccess = async (runIds: string[]) => {
  for (const runId of runIds) {
    await waitFor(
      () =>
        t.db.run
          .findFirst({ where: { id: runId, status: "succeeded" }, select: { id: true } })
          .then((run) => run ?? undefined),
      `run ${runId} to succeed`,
    );
  }
};

describe("dispatcher", () => {
  it("starts a run in the saving process when a slot is free, and queues the one that finds none", async () => {
    const worker = await oneSlotWorker(0);
    try {
      const [first = "", second = ""] = await startRuns(await slowFlow(), 2);
      // The first took the only slot without a job; the second waits in the queue.
      expect(await queue.hasLiveJob(first)).toBe(false);
      expect(await queue.hasLiveJob(second)).toBe(true);
      await waitForSuccess([first, second]);
      const steps = await t.db.stepRun.findMany({ where: { runId: { in: [first, second] }, stepId: "slow" } });
      expect(steps.map((step) => [step.status, step.attempts])).toEqual([
        ["succeeded", 1],
        ["succeeded", 1],
      ]);
    } finally {
      await worker.stop();
    }
  });

  it("holds a run for the next free slot while the backlog has room, then queues", async () => {
    const worker = await oneSlotWorker(1);
    let runIds: string[] = [];
    try {
      runIds = await startRuns(await slowFlow(), 3);
      const [running = "", held = "", queued = ""] = runIds;
      // Running in the only slot and waiting in the backlog: neither has a job; the third found no room.
      expect(await queue.hasLiveJob(running)).toBe(false);
      expect(await queue.hasLiveJob(held)).toBe(false);
      expect(await queue.hasLiveJob(queued)).toBe(true);
      await waitForSuccess([held]);
    } finally {
      await worker.stop();
    }
    // Whatever the stopped worker had not taken is on the queue for the next one.
    const another = await oneSlotWorker(0);
    try {
      await waitForSuccess(runIds);
    } finally {
      await another.stop();
    }
  });

  it("lets a webhook's run wait in line for room in a full backlog, and queues it when none comes in time", async () => {
    const worker = await oneSlotWorker(2);
    try {
      const flow = await slowFlow();
      const [running = "", ...held] = await startRuns(flow, 3);
      const inLine = await savedRun(flow);
      const tooLate = await savedRun(flow);
      const startedAt = Date.now();
      // The slot and the backlog are full: the first waits until a held run starts and leaves room; the second, in
      // line behind it, gives up after its 100 ms and goes to the queue (checked at once: a freed slot owed to the
      // queue may take and finish it before the first is admitted).
      const admitted = sendOrLeaveToReaper(queue, inLine, { waitForRoomMs: 5_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await sendOrLeaveToReaper(queue, tooLate, { waitForRoomMs: 100 })).toBe(false);
      expect(await queue.hasLiveJob(tooLate)).toBe(true);
      expect(await admitted).toBe(true);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
      expect(await queue.hasLiveJob(inLine)).toBe(false);
      await waitForSuccess([running, ...held, inLine, tooLate]);
    } finally {
      await worker.stop();
    }
  });

  it("sends a webhook's run to the queue at once, without waiting in line, while another worker is connected", async () => {
    // The other worker takes runs from the queue only; this one counts it when it starts.
    const other = await startWorker({
      databaseUrl: t.url,
      db: t.db,
      concurrency: 1,
      acceptLocalRuns: false,
      log: () => undefined,
    });
    const worker = await oneSlotWorker(1);
    try {
      const flow = await slowFlow();
      const offered = await startRuns(flow, 2);
      const run = await savedRun(flow);
      const startedAt = Date.now();
      expect(await sendOrLeaveToReaper(queue, run, { waitForRoomMs: 5_000 })).toBe(false);
      expect(Date.now() - startedAt).toBeLessThan(1_000);
      expect(await queue.hasLiveJob(run)).toBe(true);
      await waitForSuccess([...offered, run]);
    } finally {
      await worker.stop();
      await other.stop();
    }
  });

  it("hands the runs waiting in its backlog to the queue when it stops", async () => {
    const worker = await oneSlotWorker(5);
    const [first = "", waiting = ""] = await startRuns(await slowFlow(), 2);
    expect(await queue.hasLiveJob(waiting)).toBe(false);
    await worker.stop();
    expect(await queue.hasLiveJob(first)).toBe(false);
    expect(await queue.hasLiveJob(waiting)).toBe(true);
    const status = await t.db.run.findUniqueOrThrow({ where: { id: waiting }, select: { status: true } });
    expect(status.status).toBe("queued");
  });

  it("gives freed slots to queued jobs too while its backlog stays full", async () => {
    const worker = await oneSlotWorker(10);
    try {
      const offered = await startRuns(await slowFlow(), 5);
      // A run another process saved: it reaches this worker only through the queue.
      const queued = await createRun(t.db, slowGraph());
      await queue.sendRun(queued.runId);
      await waitForSuccess([queued.runId, ...offered]);
      const started = await t.db.run.findMany({
        where: { id: { in: [queued.runId, ...offered] } },
        select: { id: true, startedAt: true },
      });
      const startOf = (id: string) => started.find((run) => run.id === id)?.startedAt?.getTime() ?? Infinity;
      // Not after the whole backlog: the last offered run started after the queued one.
      expect(startOf(queued.runId)).toBeLessThan(startOf(offered[offered.length - 1] ?? ""));
    } finally {
      await worker.stop();
    }
  });
});
