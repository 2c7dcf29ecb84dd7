// The reaper on a real Postgres and pg-boss, without a worker: which runs it sends again and which it leaves alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { RUN_QUEUE, type RunQueue } from "./queue";
import { startTestQueue } from "@/test/runtime/test-queue";
import { requeueStrandedRuns } from "./reaper";
import { useTimeZoneOtherThanUtc } from "@/test/runtime/time-zone";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import type PgBoss from "pg-boss";

let t: TestDatabase;
let boss: PgBoss;
let queue: RunQueue;
let flow: { workspaceId: string; flowId: string; versionId: string };
const logLines: string[] = [];
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  await useTimeZoneOtherThanUtc(t.url);
  ({ boss, queue } = await startTestQueue(t.url));
  flow = await seedRunningFlow(
    t.db,
    linearGraph(
      { id: "trigger", connectorId: "core", operation: "manual" },
      { id: "note", connectorId: "core", operation: "log" },
    ),
  );
});
afterAll(async () => {
  await queue?.stop();
  await t?.drop();
});

async function createRun(data: {
  status: "queued" | "running" | "succeeded";
  createdAt?: Date;
  startedAt?: Date;
  leaseOwner?: string;
  leaseExpiresAt?: Date;
}) {
  const run = await t.db.run.create({
    data: {
      workspaceId: flow.workspaceId,
      flowId: flow.flowId,
      flowVersionId: flow.versionId,
      triggerKind: "manual",
      triggerData: {},
      ...data,
    },
  });
  return run.id;
}

async function jobStates(runId: string): Promise<string[]> {
  const result = await boss
    .getDb()
    .executeSql(`SELECT state FROM pgboss.job WHERE name = $1 AND singleton_key = $2 ORDER BY created_on`, [
      RUN_QUEUE,
      runId,
    ]);
  return result.rows.map((row: { state: string }) => row.state);
}

/** What a worker that fetched the run's job and then died leaves behind: the job stays active. */
async function activateJob(runId: string): Promise<void> {
  await queue.sendRun(runId);
  await boss.getDb().executeSql(`UPDATE pgboss.job SET state = 'active', started_on = now() WHERE id = $1`, [runId]);
}

const reap = () => requeueStrandedRuns(t.db, queue, { log: (line) => logLines.push(line) });

describe("requeueStrandedRuns", () => {
  it("re-sends a run whose worker died holding it, despite the dead worker's active job", async () => {
    const expiredAt = new Date(Date.now() - 5_000);
    const runId = await createRun({
      status: "running",
      startedAt: minutesAgo(1),
      leaseOwner: "host:41:dead",
      leaseExpiresAt: expiredAt,
    });
    await activateJob(runId);
    expect(await reap()).toContain(runId);
    expect(await jobStates(runId)).toEqual(["active", "created"]);
    const expiry = expiredAt.toISOString();
    expect(logLines).toContain(`reaper: re-sent run ${runId} (the lease of host:41:dead expired at ${expiry})`);
    // Its new job now waits for a worker: the next pass does not pile up another one.
    expect(await reap()).not.toContain(runId);
    expect(await jobStates(runId)).toEqual(["active", "created"]);
  });

  it("leaves a run alone while its worker's lease is live, however long it has been running", async () => {
    const runId = await createRun({
      status: "running",
      startedAt: minutesAgo(30),
      leaseOwner: "host:42:live",
      leaseExpiresAt: new Date(Date.now() + 20_000),
    });
    await activateJob(runId);
    expect(await reap()).not.toContain(runId);
    expect(await jobStates(runId)).toEqual(["active"]);
  });

  it("judges leases by the database's clock, or by the time it is given", async () => {
    const runId = await createRun({
      status: "running",
      startedAt: minutesAgo(1),
      leaseOwner: "host:43:live",
      leaseExpiresAt: new Date(Date.now() + 20_000),
    });
    await activateJob(runId);
    const resent = await requeueStrandedRuns(t.db, queue, { now: new Date(Date.now() + 60_000), log: () => undefined });
    expect(resent).toContain(runId);
  });

  it("re-sends a run left running without a lease long ago, and a queued run whose job never arrived", async () => {
    const running = await createRun({ status: "running", startedAt: minutesAgo(2) });
    const queued = await createRun({ status: "queued", createdAt: minutesAgo(2) });
    const recent = await createRun({ status: "queued" });
    const resent = await reap();
    expect(resent).toEqual(expect.arrayContaining([running, queued]));
    expect(resent).not.toContain(recent);
    expect(logLines).toContain(`reaper: re-sent run ${queued} (queued with no job)`);
    expect(logLines).toContain(`reaper: re-sent run ${running} (running with no worker holding it)`);
  });

  it("leaves queued runs whose job is waiting, and finished runs", async () => {
    const waiting = await createRun({ status: "queued", createdAt: minutesAgo(5) });
    await queue.sendRun(waiting);
    const finished = await createRun({
      status: "succeeded",
      createdAt: minutesAgo(5),
      startedAt: minutesAgo(5),
      leaseOwner: "host:44:gone",
      leaseExpiresAt: minutesAgo(4),
    });
    const resent = await reap();
    expect(resent).not.toContain(waiting);
    expect(resent).not.toContain(finished);
    expect(await jobStates(waiting)).toEqual(["created"]);
    expect(await jobStates(finished)).toEqual([]);
  });
});
