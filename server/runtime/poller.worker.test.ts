// Polling end to end: two workers' poll loops on one database, a local HTTP source, runs executed by the workers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { getRunQueue, startWorker, type RunQueue, type Worker } from ".";
import { order, pollingFlow, startPollSource, type PollSource } from "@/test/runtime/poll-source";
import { seedRunningFlow, waitFor } from "@/test/runtime/helpers";

let t: TestDatabase;
let queue: RunQueue;
let source: PollSource;
const workers: Worker[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  queue = await getRunQueue();
  source = await startPollSource();
  for (let i = 0; i < 2; i += 1) {
    const log = (line: string) => void logLines.push(line);
    workers.push(
      await startWorker({ databaseUrl: t.url, db: t.db, concurrency: 2, log, tickMs: 100, reapMs: 600_000 }),
    );
  }
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await queue?.stop();
  await source?.close();
  await t?.drop();
});

describe("polling through the workers", () => {
  it("runs each new item exactly once with the item as the trigger's data", async () => {
    const feed = source.feed("/orders");
    feed.items = [order("W-0", 60)];
    const flow = await seedRunningFlow(t.db, pollingFlow(`${source.base}/orders`));
    const baseline = await waitFor(async () => {
      const state = await t.db.triggerState.findUniqueOrThrow({ where: { flowId: flow.flowId } });
      return state.lastFiredAt ?? undefined;
    }, "the first poll");
    expect(await t.db.run.count({ where: { flowId: flow.flowId } })).toBe(0);

    feed.items.push(order("W-1", 2), order("W-2", 1));
    // Due at once rather than after the 30 s interval; both workers' loops now race for it every 100 ms.
    await t.db.triggerState.update({ where: { flowId: flow.flowId }, data: { nextRunAt: new Date() } });
    const runs = await waitFor(async () => {
      const found = await t.db.run.findMany({
        where: { flowId: flow.flowId, status: "succeeded" },
        include: { steps: { orderBy: { sequence: "asc" } } },
        orderBy: { businessKey: "asc" },
      });
      return found.length === 2 ? found : undefined;
    }, "both runs to succeed");
    expect(runs.map((run) => run.steps.at(-1)?.output)).toEqual([
      { message: "Order W-1", level: "info" },
      { message: "Order W-2", level: "info" },
    ]);
    expect(runs[0]?.steps[0]?.output).toEqual(feed.items[1]);

    // Another poll of the same items, committed (its lastFiredAt moves on), makes nothing new.
    const before = await t.db.triggerState.findUniqueOrThrow({ where: { flowId: flow.flowId } });
    const firedBefore = before.lastFiredAt?.getTime() ?? baseline.getTime();
    await t.db.triggerState.update({ where: { flowId: flow.flowId }, data: { nextRunAt: new Date() } });
    const state = await waitFor(async () => {
      const current = await t.db.triggerState.findUniqueOrThrow({ where: { flowId: flow.flowId } });
      return (current.lastFiredAt?.getTime() ?? 0) > firedBefore ? current : undefined;
    }, "another poll to commit");
    expect(await t.db.run.count({ where: { flowId: flow.flowId } })).toBe(2);
    expect(state.lastError).toBeNull();
  });
});
