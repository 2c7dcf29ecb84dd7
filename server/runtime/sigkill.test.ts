// kill -9 a worker process mid-step: its lease runs out, the reaper on another worker process sends the run again,
// and that worker finishes it within a minute without re-running the steps that had completed. Real processes,
// real Postgres, the real timings (30 s lease, 10 s reaper).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { requestManualRun } from ".";
import { RUN_QUEUE, type RunQueue } from "./queue";
import { startTestQueue } from "@/test/runtime/test-queue";
import { startIdempotentSink, type IdempotentSink } from "@/test/runtime/idempotent-sink";
import { linearGraph, seedRunningFlow, waitFor } from "@/test/runtime/helpers";
import { killWorkerProcess, startWorkerProcess, type WorkerProcess } from "@/test/runtime/worker-process";
import type PgBoss from "pg-boss";

let t: TestDatabase;
let boss: PgBoss;
let queue: RunQueue;
let sink: IdempotentSink;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startIdempotentSink();
  ({ boss, queue } = await startTestQueue(t.url));
});
afterAll(async () => {
  await Promise.all(workers.map(killWorkerProcess));
  await queue?.stop();
  await sink?.close();
  await t?.drop();
});

function post(id: string) {
  const inputs = { method: "POST", url: `${sink.url}/${id}`, body: "{}" };
  return { id, connectorId: "http", operation: "request", inputs };
}

async function jobsOf(runId: string): Promise<{ id: string; state: string }[]> {
  const result = await boss
    .getDb()
    .executeSql(`SELECT id, state FROM pgboss.job WHERE name = $1 AND singleton_key = $2 ORDER BY created_on`, [
      RUN_QUEUE,
      runId,
    ]);
  return result.rows.map((row: { id: string; state: string }) => ({ id: row.id, state: row.state }));
}

describe("a worker killed with SIGKILL", () => {
  it("loses its run to another worker, which finishes it within 60 s without re-running completed steps", async () => {
    const first = startWorkerProcess(t.url, { concurrency: 2 });
    workers.push(first);
    const firstId = await first.started;
    const flow = await seedRunningFlow(
      t.db,
      linearGraph(
        { id: "trigger", connectorId: "core", operation: "manual" },
        post("create"),
        post("ship"),
        post("notify"),
      ),
    );
    sink.holdFirst("/ship");
    const { runId } = await requestManualRun(t.db, queue, { ...flow, payload: {} });
    const shipReached = async () => (sink.deliveries.some((delivery) => delivery.path === "/ship") ? true : undefined);
    await waitFor(shipReached, "the held step to reach the server");
    expect((await t.db.run.findUniqueOrThrow({ where: { id: runId } })).leaseOwner).toBe(firstId);

    const second = startWorkerProcess(t.url, { concurrency: 2 });
    workers.push(second);
    const secondId = await second.started;
    const killedAt = Date.now();
    await killWorkerProcess(first);

    const run = await waitFor(
      async () => {
        const found = await t.db.run.findUniqueOrThrow({
          where: { id: runId },
          include: { steps: { orderBy: { sequence: "asc" } } },
        });
        return found.status === "succeeded" || found.status === "failed" ? found : undefined;
      },
      `run ${runId} to finish on the second worker`,
      60_000,
    );
    const recoveredInMs = Date.now() - killedAt;
    console.log(`SIGKILL recovery: run finished ${(recoveredInMs / 1000).toFixed(1)} s after its worker was killed`);
    expect(recoveredInMs).toBeLessThan(60_000);
    expect(run.status).toBe("succeeded");
    expect(run.leaseOwner).toBeNull();
    expect(run.steps.map((step) => [step.stepId, step.status, step.attempts])).toEqual([
      ["trigger", "succeeded", 1],
      ["create", "succeeded", 1],
      ["ship", "succeeded", 2],
      ["notify", "succeeded", 1],
    ]);
    // The step in flight reached the server twice with one key, so its effect applied once; the others went once.
    expect(sink.deliveries.map((d) => `${d.path} ${d.key}`)).toEqual([
      `/create ${runId}:create`,
      `/ship ${runId}:ship`,
      `/ship ${runId}:ship`,
      `/notify ${runId}:notify`,
    ]);
    expect(sink.effects).toEqual([`${runId}:create`, `${runId}:ship`, `${runId}:notify`]);
    expect(second.output()).toContain(`reaper: re-sent run ${runId} (the lease of ${firstId} expired at`);
    expect(secondId).not.toBe(firstId);

    // The dead worker's job is still "active". When pg-boss expires it (15 min; forced here) it retries it: the
    // retry finds the run finished and changes nothing.
    const deadJob = (await jobsOf(runId)).find((job) => job.state === "active");
    expect(deadJob?.id).toBe(runId);
    await boss.getDb().executeSql(`UPDATE pgboss.job SET expire_in = interval '1 second' WHERE id = $1`, [runId]);
    await waitFor(async () => {
      await boss.maintain();
      const job = (await jobsOf(runId)).find((candidate) => candidate.id === runId);
      return job?.state === "retry" ? job : undefined;
    }, "pg-boss to expire the dead worker's job");
    await waitFor(
      async () => ((await jobsOf(runId)).every((job) => job.state === "completed") ? true : undefined),
      "the retried job to complete",
      30_000,
    );
    expect(sink.deliveries).toHaveLength(4);
    const after = await t.db.stepRun.findMany({ where: { runId }, orderBy: { sequence: "asc" } });
    expect(after.map((step) => step.attempts)).toEqual([1, 1, 2, 1]);
    expect((await t.db.run.findUniqueOrThrow({ where: { id: runId } })).finishedAt).toEqual(run.finishedAt);
  }, 150_000);
});
