// The poller on a real Postgres against a local HTTP source: what makes a run, what does not, and that runs and
// cursor are saved together even when two pollers race, a Stop lands mid-poll or the commit fails.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { getRunQueue, type RunQueue } from ".";
import { readStoredPollCursor } from "./poll-cursor";
import { order, pollingFlow, startPollSource, type PollSource } from "@/test/runtime/poll-source";
import { POLL_LEASE_MS, pollDueTriggers } from "./poller";
import { seedRunningFlow, waitFor } from "@/test/runtime/helpers";

let t: TestDatabase;
let queue: RunQueue;
let source: PollSource;
const log = (line: string) => void line;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  queue = await getRunQueue();
  source = await startPollSource();
});
// Each test's flows stop afterwards, so a later test's poll touches only its own flow.
afterEach(() => t.db.triggerState.updateMany({ data: { active: false, nextRunAt: null } }));
afterAll(async () => {
  await queue?.stop();
  await source?.close();
  await t?.drop();
});

const poll = (now?: Date) => pollDueTriggers(t.db, queue, { log, now });
const state = (flowId: string) => t.db.triggerState.findUniqueOrThrow({ where: { flowId } });
const runsOf = (flowId: string) => t.db.run.findMany({ where: { flowId }, orderBy: { dedupeKey: "asc" } });
const makeDue = (flowId: string) =>
  t.db.triggerState.update({ where: { flowId }, data: { nextRunAt: new Date(Date.now() - 1000) } });

describe("poller", () => {
  it("marks what exists on the first poll from now, then runs each new item and each new version once", async () => {
    const feed = source.feed("/fresh");
    feed.items = [order("A-1", 30)];
    const flow = await seedRunningFlow(t.db, pollingFlow(`${source.base}/fresh`));

    const before = Date.now();
    expect(await poll()).toEqual([]);
    const first = await state(flow.flowId);
    expect(await runsOf(flow.flowId)).toEqual([]);
    expect(readStoredPollCursor(first.cursor)?.position).toMatchObject({ seen: [`A-1@${feed.items[0]?.updatedAt}`] });
    expect(first).toMatchObject({ active: true, lastError: null });
    expect(first.lastFiredAt?.getTime()).toBeGreaterThanOrEqual(before);
    // intervalSeconds: 30 in the trigger's input
    expect((first.nextRunAt?.getTime() ?? 0) - (first.lastFiredAt?.getTime() ?? 0)).toBe(30_000);
    expect(await poll()).toEqual([]); // not due again yet
    expect(source.hits("/fresh")).toBe(1);

    const newOrder = order("A-2", 1);
    feed.items.push(newOrder);
    await makeDue(flow.flowId);
    const made = await poll();
    const [run] = await runsOf(flow.flowId);
    expect(made).toEqual([run?.id]);
    expect(run).toMatchObject({
      status: "queued",
      triggerKind: "poll",
      dedupeKey: `poll:A-2@${newOrder.updatedAt}`,
      businessKey: "A-2",
      triggerData: newOrder,
      flowVersionId: flow.versionId,
    });

    await makeDue(flow.flowId);
    expect(await poll()).toEqual([]);

    const firstVersion = newOrder.updatedAt;
    newOrder.updatedAt = new Date().toISOString();
    await makeDue(flow.flowId);
    expect(await poll()).toHaveLength(1);
    const keys = (await runsOf(flow.flowId)).map((found) => found.dedupeKey);
    expect(keys.sort()).toEqual([`poll:A-2@${firstVersion}`, `poll:A-2@${newOrder.updatedAt}`].sort());
  });

  it("saves runs and cursor together: a failed commit moves neither, and the next poll makes the runs", async () => {
    const feed = source.feed("/atomic");
    const flow = await seedRunningFlow(t.db, pollingFlow(`${source.base}/atomic`));
    await poll();
    const before = await state(flow.flowId);
    feed.items.push(order("B-1", 2), order("B-2", 1));
    // A database fault between inserting the runs and moving the cursor, as a crash at that point would be.
    await t.db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_cursor() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await t.db.$executeRawUnsafe(`
      CREATE TRIGGER refuse_cursor BEFORE UPDATE ON "TriggerState"
      FOR EACH ROW WHEN (OLD.cursor IS DISTINCT FROM NEW.cursor) EXECUTE FUNCTION refuse_cursor()`);
    try {
      await makeDue(flow.flowId);
      expect(await poll()).toEqual([]);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER refuse_cursor ON "TriggerState"`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION refuse_cursor`);
    }
    const failed = await state(flow.flowId);
    expect(await runsOf(flow.flowId)).toEqual([]);
    expect(failed.cursor).toEqual(before.cursor);
    expect(failed.lastError).toMatch(/^The new items could not be saved \(.*disk full.*\); they are polled again$/s);

    await makeDue(flow.flowId);
    expect(await poll()).toHaveLength(2);
    expect((await runsOf(flow.flowId)).map((run) => run.businessKey)).toEqual(["B-1", "B-2"]);
    expect((await state(flow.flowId)).lastError).toBeNull();
  });

  it("lets only one of two pollers at once poll a flow, and makes each run once", async () => {
    const feed = source.feed("/race");
    const flow = await seedRunningFlow(t.db, pollingFlow(`${source.base}/race`));
    await poll();
    feed.items.push(order("C-1", 3), order("C-2", 2), order("C-3", 1));
    await makeDue(flow.flowId);
    const hitsBefore = source.hits("/race");
    const [one, two] = await Promise.all([poll(), poll()]);
    expect(source.hits("/race") - hitsBefore).toBe(1);
    expect([...(one ?? []), ...(two ?? [])]).toHaveLength(3);
    expect((await runsOf(flow.flowId)).map((run) => run.businessKey)).toEqual(["C-1", "C-2", "C-3"]);
  });

  it("saves only the poll that holds the claim when another took the flow over after its lease ran out", async () => {
    const feed = source.feed("/slow");
    const flow = await seedRunningFlow(t.db, pollingFlow(`${source.base}/slow`));
    await poll();
    feed.items.push(order("D-1", 1));
    feed.hold = true;
    await makeDue(flow.flowId);
    const now = new Date();
    const first = poll(now);
    await waitFor(async () => (source.hits("/slow") === 2 ? true : undefined), "the first poll to reach the source");
    // Much later, as if the first poller hung: its lease is over, so another worker claims the flow.
    const second = poll(new Date(now.getTime() + POLL_LEASE_MS + 1000));
    await waitFor(async () => (source.hits("/slow") === 3 ? true : undefined), "the second poll to reach the source");
    // The stale poll answers first; saving it must not apply (a compare-and-set on lease and cursor refuses it).
    source.release(1);
    expect(await first).toEqual([]);
    expect(await runsOf(flow.flowId)).toEqual([]);
    feed.items.push(order("D-2", 0));
    feed.hold = false;
    source.release();
    expect(await second).toHaveLength(2);
    expect((await runsOf(flow.flowId)).map((run) => run.businessKey)).toEqual(["D-1", "D-2"]);
  });

  it("drops a poll that a Stop overtook, leaving the trigger stopped and the cursor where it was", async () => {
    const feed = source.feed("/stopped");
    const flow = await seedRunningFlow(t.db, pollingFlow(`${source.base}/stopped`));
    await poll();
    const before = await state(flow.flowId);
    feed.items.push(order("E-1", 1));
    feed.hold = true;
    await makeDue(flow.flowId);
    const pending = poll();
    await waitFor(async () => (source.hits("/stopped") === 2 ? true : undefined), "the poll to reach the source");
    await t.db.triggerState.update({ where: { flowId: flow.flowId }, data: { active: false, nextRunAt: null } });
    feed.hold = false;
    source.release();
    expect(await pending).toEqual([]);
    expect(await runsOf(flow.flowId)).toEqual([]);
    expect(await state(flow.flowId)).toMatchObject({ active: false, nextRunAt: null, cursor: before.cursor });
  });

  it("records a failing source as the trigger's last error, retries at the next interval and recovers", async () => {
    const feed = source.feed("/flaky");
    const flow = await seedRunningFlow(t.db, pollingFlow(`${source.base}/flaky`));
    await poll();
    const good = await state(flow.flowId);
    feed.failure = { status: 502, body: "upstream down" };
    feed.items.push(order("F-1", 1));
    await makeDue(flow.flowId);
    const failedAt = Date.now();
    expect(await poll()).toEqual([]);
    const failed = await state(flow.flowId);
    expect(failed.lastError).toBe(`${new URL(source.base).host} answered 502 Bad Gateway: upstream down`);
    expect(failed.cursor).toEqual(good.cursor);
    expect(failed.lastFiredAt).toEqual(good.lastFiredAt);
    expect(failed.nextRunAt?.getTime()).toBeGreaterThanOrEqual(failedAt + 30_000);

    delete feed.failure;
    await makeDue(flow.flowId);
    expect(await poll()).toHaveLength(1);
    const recovered = await state(flow.flowId);
    expect(recovered.lastError).toBeNull();
    expect(recovered.lastFiredAt?.getTime()).toBeGreaterThan(good.lastFiredAt?.getTime() ?? 0);
  });

  it("keeps a source's error that quotes NUL and control characters as the last error, with U+FFFD in their place", async () => {
    const feed = source.feed("/nul-error");
    const flow = await seedRunningFlow(t.db, pollingFlow(`${source.base}/nul-error`));
    await poll();
    feed.failure = { status: 500, body: "bad\u0000byte and \u001b[31mred" };
    await makeDue(flow.flowId);
    // Before: Postgres refused the NUL, the claim was never released and the poll threw.
    expect(await poll()).toEqual([]);
    const failed = await state(flow.flowId);
    expect(failed.lastError).toBe(
      `${new URL(source.base).host} answered 500 Internal Server Error: bad\uFFFDbyte and \uFFFD[31mred`,
    );
    expect(failed.nextRunAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it("switches polling off for a flow that is no longer running", async () => {
    const flow = await seedRunningFlow(t.db, pollingFlow(`${source.base}/gone`));
    await t.db.flow.update({ where: { id: flow.flowId }, data: { status: "stopped" } });
    expect(await poll()).toEqual([]);
    expect(await state(flow.flowId)).toMatchObject({
      active: false,
      nextRunAt: null,
      lastError: "the flow is not running",
    });
    expect(source.hits("/gone")).toBe(0);
  });
});
