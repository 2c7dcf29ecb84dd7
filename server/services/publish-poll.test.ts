// Publishing changes while a polling flow runs and its source keeps producing items: polls go on between and during
// publishes (one publish lands while a poll's request is in flight), and every item the source produced makes exactly
// one run, none skipped by a publish and none repeated by it (real Postgres, a local HTTP source, the real poller).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { pollingFlow, startPollSource, type PollSource } from "@/test/runtime/poll-source";
import { waitFor } from "@/test/runtime/helpers";
import { toJsonInput } from "../db/json";
import { getRunQueue, type RunQueue } from "../runtime";
import { pollDueTriggers } from "../runtime/poller";
import * as flows from "./flows.service";

let t: TestDatabase;
let queue: RunQueue;
let source: PollSource;
const keys = testKeyRing();

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  queue = await getRunQueue();
  source = await startPollSource();
});
afterAll(async () => {
  await queue?.stop();
  await source?.close();
  await t?.drop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Publish changes on a running polling flow", () => {
  it("neither skips nor repeats an item while versions are published between and during polls", async () => {
    const workspace = await t.db.workspace.create({ data: { name: "Test" } });
    const url = `${source.base}/orders`;
    const flow = await flows.createFlow(t.db, workspace.id, "Orders");
    await flows.saveDraft(t.db, workspace.id, flow.id, pollingFlow(url, { message: "v1 {{ trigger.orderNo }}" }), 0);
    await flows.startFlow(t.db, workspace.id, flow.id, { pollFrom: { since: new Date(Date.now() - 3600_000) } });

    // The source produces an order every few milliseconds for as long as the test publishes.
    const feed = source.feed("/orders");
    let produced = 0;
    let producing = true;
    const producer = (async () => {
      while (producing) {
        produced += 1;
        feed.items.push({ orderNo: `A-${produced}`, updatedAt: new Date().toISOString() });
        await pause(3);
      }
    })();
    const pollNow = async () => {
      await t.db.triggerState.updateMany({
        where: { flowId: flow.id },
        data: { nextRunAt: new Date(Date.now() - 1000) },
      });
      await pollDueTriggers(t.db, queue, { log: () => undefined, keys });
    };
    const publish = async (version: number) => {
      await t.db.flow.update({
        where: { id: flow.id },
        data: { draft: toJsonInput(pollingFlow(url, { message: `v${version} {{ trigger.orderNo }}` })) },
      });
      return flows.startFlow(t.db, workspace.id, flow.id);
    };

    let version = 1;
    for (let round = 0; round < 4; round += 1) {
      await pollNow();
      version += 1;
      expect((await publish(version)).versionNumber).toBe(version);
    }
    // A publish while a poll's request is in flight: it waits for nothing and the poll's outcome is checked after.
    feed.hold = true;
    const hitsBefore = source.hits("/orders");
    const inFlight = pollNow();
    await waitFor(async () => (source.hits("/orders") > hitsBefore ? true : undefined), "the poll's request");
    version += 1;
    const published = publish(version);
    await pause(50);
    feed.hold = false;
    source.release();
    await Promise.all([inFlight, published]);
    for (let round = 0; round < 2; round += 1) {
      await pollNow();
      version += 1;
      await publish(version);
    }
    producing = false;
    await producer;
    // Polls after the last publish take what is left; then every produced item has its run, once.
    await pollNow();
    await pollNow();

    const runs = await t.db.run.findMany({
      where: { flowId: flow.id },
      select: { triggerData: true, flowVersion: { select: { number: true } } },
    });
    const orderNos = runs.map((run) => (run.triggerData as { orderNo: string }).orderNo);
    const expected = Array.from({ length: produced }, (_, index) => `A-${index + 1}`);
    expect(orderNos.length - new Set(orderNos).size).toBe(0);
    expect([...orderNos].sort()).toEqual([...expected].sort());
    // The runs were made across the versions published meanwhile.
    expect(new Set(runs.map((run) => run.flowVersion.number)).size).toBeGreaterThanOrEqual(4);
    const state = await t.db.triggerState.findUnique({ where: { flowId: flow.id } });
    expect(state?.lastError ?? null).toBeNull();
  });
});
