// The order in which a saturated dispatcher gives a freed slot away, with runs waiting in line for room in its
// backlog (offerWhenRoom): the slot owed to the queue goes to the queue, and the backlog's runs go before those in
// line. The executions are promises the test ends one by one (so the order is exact); the queue is a real pg-boss.
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startTestQueue } from "@/test/runtime/test-queue";
import { waitFor } from "@/test/runtime/helpers";
import { startDispatcher } from "./dispatcher";
import type { RunQueue } from "./queue";

let t: TestDatabase;
let boss: PgBoss;
let queue: RunQueue;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ boss, queue } = await startTestQueue(t.url));
});
afterAll(async () => {
  await queue?.stop();
  await t?.drop();
});

/** A dispatcher whose executions end when the test says so; `started` lists the runs in the order they started. */
function controlledDispatcher(options: { concurrency: number; backlog: number }) {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const dispatcher = startDispatcher({
    boss,
    concurrency: options.concurrency,
    backlog: options.backlog,
    pollMs: 20,
    execute: (runId) =>
      new Promise<void>((resolve) => {
        started.push(runId);
        finishers.set(runId, resolve);
      }),
    retryLater: async () => undefined,
    handOff: async () => undefined,
    log: () => undefined,
  });
  const finish = (runId: string) => {
    const end = finishers.get(runId);
    if (!end) throw new Error(`run ${runId} has not started`);
    end();
  };
  return { dispatcher, started, finish };
}

describe("dispatcher with runs in line", () => {
  it("gives the slot owed to the queue to the queue, and the backlog's run before the one in line", async () => {
    const { dispatcher, started, finish } = controlledDispatcher({ concurrency: 1, backlog: 1 });
    // Run ids are job ids in the queue: uuids, named here for the assertions.
    const names = new Map(["running", "held", "queued", "in-line"].map((name) => [name, randomUUID()]));
    const id = (name: string) => names.get(name) ?? name;
    const order = () => started.map((runId) => [...names].find(([, value]) => value === runId)?.[0] ?? runId);
    try {
      expect(dispatcher.offer(id("running"))).toBe(true);
      expect(dispatcher.offer(id("held"))).toBe(true);
      // A run only the queue knows of (a retry, or one another process saved).
      await queue.sendRun(id("queued"));
      // Let the queue side see every slot busy with a run held: the next freed slot is the queue's.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const inLine = dispatcher.offerWhenRoom(id("in-line"), 5_000);
      finish(id("running"));
      await waitFor(async () => (started.length >= 2 ? true : undefined), "a second run to start");
      // The slot went to the queue's job; the run in line waits behind the held one.
      expect(order()).toEqual(["running", "queued"]);
      finish(id("queued"));
      await waitFor(async () => (started.length >= 3 ? true : undefined), "a third run to start");
      expect(order()[2]).toBe("held");
      expect(await inLine).toBe(true);
      finish(id("held"));
      await waitFor(async () => (started.length >= 4 ? true : undefined), "a fourth run to start");
      expect(order()[3]).toBe("in-line");
      finish(id("in-line"));
    } finally {
      for (const runId of started) finish(runId);
      await dispatcher.stop();
    }
  });
});
