// A poison run: every delivery of it stops its worker (here: the worker is SIGKILLed while the run's step is in
// flight, as a run that grows the process past its memory would). The reaper re-delivers it after each stop, but only
// a bounded number of times (CONFLUX_RUN_MAX_WORKER_STOPS, default 3); then it is failed with a readable error
// instead of killing workers forever. Real worker processes, real Postgres, compressed lease and reaper timings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { requestManualRun } from ".";
import type { RunQueue } from "./queue";
import { startTestQueue } from "@/test/runtime/test-queue";
import { startIdempotentSink, type IdempotentSink } from "@/test/runtime/idempotent-sink";
import { linearGraph, seedRunningFlow, waitFor } from "@/test/runtime/helpers";
import { killWorkerProcess, startWorkerProcess, type WorkerProcess } from "@/test/runtime/worker-process";

const TIMINGS = { leaseMs: 1_500, reapMs: 300 };

let t: TestDatabase;
let queue: RunQueue;
let sink: IdempotentSink;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startIdempotentSink();
  ({ queue } = await startTestQueue(t.url));
});
afterAll(async () => {
  await Promise.all(workers.map(killWorkerProcess));
  await queue?.stop();
  await sink?.close();
  await t?.drop();
});

function post(id: string) {
  return {
    id,
    connectorId: "http",
    operation: "request",
    inputs: { method: "POST", url: `${sink.url}/${id}`, body: "{}" },
  };
}

function startWorker(): WorkerProcess {
  // No limit given: the default applies.
  const worker = startWorkerProcess(t.url, { concurrency: 2, timings: TIMINGS });
  workers.push(worker);
  return worker;
}

const poisonDeliveries = () => sink.deliveries.filter((delivery) => delivery.path === "/poison").length;

describe("a run that stops its worker every time", () => {
  it("is re-delivered 3 times by default, then failed with 'stopped the worker 3 times'", async () => {
    const flow = await seedRunningFlow(
      t.db,
      linearGraph({ id: "trigger", connectorId: "core", operation: "manual" }, post("poison"), post("after")),
    );
    let worker = startWorker();
    await worker.started;
    const { runId } = await requestManualRun(t.db, queue, { ...flow, payload: {} });

    for (let stop = 1; stop <= 3; stop += 1) {
      sink.holdFirst("/poison");
      await waitFor(
        async () => (poisonDeliveries() === stop ? true : undefined),
        `delivery ${stop} of the run to reach its step`,
        60_000,
      );
      await killWorkerProcess(worker);
      worker = startWorker();
      await worker.started;
    }

    const run = await waitFor(
      async () => {
        const found = await t.db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
        return found.status === "queued" || found.status === "running" ? undefined : found;
      },
      "the run to be given up",
      60_000,
    );
    expect(run.status).toBe("failed");
    expect(run.workerStops).toBe(3);
    expect(run.leaseOwner).toBeNull();
    expect(run.error).toMatchObject({ code: "WORKER_STOPPED", retryable: false });
    expect(String((run.error as { message?: unknown }).message)).toContain("This run stopped the worker 3 times");
    const steps = new Map(run.steps.map((step) => [step.stepId, step]));
    expect(steps.get("poison")?.status).toBe("failed");
    expect(steps.get("poison")?.attempts).toBe(3);
    expect(steps.get("poison")?.error).toMatchObject({ code: "WORKER_STOPPED" });
    expect(steps.has("after")).toBe(false);
    // Given up without a fourth delivery, and nothing sends it again.
    expect(poisonDeliveries()).toBe(3);
    expect(worker.output()).toContain(`run ${runId} stopped its worker 3 times; it is failed, not executed again`);
    await new Promise((resolve) => setTimeout(resolve, TIMINGS.leaseMs + 3 * TIMINGS.reapMs));
    expect(poisonDeliveries()).toBe(3);
    expect((await t.db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("failed");
  }, 240_000);
});
