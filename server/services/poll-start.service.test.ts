// Start's choices for a polling flow, through the flows service as the API calls it, against a local HTTP source:
// the cursor survives editing and republishing, "since <date>" backfills, "now" skips what piled up.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { callerContext } from "@/test/principal";
import { appRouter } from "../api/root";
import { createCallerFactory } from "../api/trpc";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { getRunQueue, type RunQueue } from "../runtime";
import { order, pollingFlow, startPollSource, type PollSource } from "@/test/runtime/poll-source";
import { pollDueTriggers } from "../runtime/poller";
import * as accounts from "./accounts.service";
import * as flows from "./flows.service";
import { getPollStartOptions } from "./poll-start.service";

let t: TestDatabase;
let queue: RunQueue;
let source: PollSource;
let workspaceId: string;
const keys = testKeyRing();

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  queue = await getRunQueue();
  source = await startPollSource();
  workspaceId = await ensureDefaultWorkspace(t.db);
});
afterAll(async () => {
  await queue?.stop();
  await source?.close();
  await t?.drop();
});

const poll = () => pollDueTriggers(t.db, queue, { log: () => undefined, keys });
const state = (flowId: string) => t.db.triggerState.findUniqueOrThrow({ where: { flowId } });
const ranKeys = async (flowId: string) =>
  (await t.db.run.findMany({ where: { flowId }, orderBy: { createdAt: "asc" } })).map((run) => run.businessKey);
const makeDue = (flowId: string) =>
  t.db.triggerState.update({ where: { flowId }, data: { nextRunAt: new Date(Date.now() - 1000) } });

async function createPollingFlow(graph: ReturnType<typeof pollingFlow>) {
  const { id } = await flows.createFlow(t.db, workspaceId, `Poll ${Math.random()}`);
  await flows.saveDraft(t.db, workspaceId, id, graph, 0);
  return id;
}

describe("starting a polling flow", () => {
  it("keeps the cursor across republishing, backfills from 'since' and skips the backlog on 'now'", async () => {
    const feed = source.feed("/shop");
    feed.items = [order("X-old", 120), order("X-recent", 30)];
    const url = `${source.base}/shop`;
    const id = await createPollingFlow(pollingFlow(url));
    expect(await getPollStartOptions(t.db, workspaceId, id)).toMatchObject({ polling: true, hasCursor: false });

    await flows.startFlow(t.db, workspaceId, id);
    await poll();
    expect(await ranKeys(id)).toEqual([]);
    expect(await getPollStartOptions(t.db, workspaceId, id)).toMatchObject({ polling: true, hasCursor: true });
    feed.items.push(order("X-1", 5));
    await makeDue(id);
    await poll();
    expect(await ranKeys(id)).toEqual(["X-1"]);

    // Edit a later step, stop, start again: the flow continues where it left off.
    const cursor = (await state(id)).cursor;
    await flows.saveDraft(t.db, workspaceId, id, pollingFlow(url, { message: "Changed {{ trigger.orderNo }}" }), 1);
    await flows.stopFlow(t.db, workspaceId, id);
    feed.items.push(order("X-2", 4));
    const { versionNumber } = await flows.startFlow(t.db, workspaceId, id);
    expect(versionNumber).toBe(2);
    expect((await state(id)).cursor).toEqual(cursor);
    await poll();
    expect(await ranKeys(id)).toEqual(["X-1", "X-2"]);
    const version2 = await t.db.flowVersion.findFirstOrThrow({ where: { flowId: id, number: 2 } });
    expect((await t.db.run.findFirstOrThrow({ where: { flowId: id, businessKey: "X-2" } })).flowVersionId).toBe(
      version2.id,
    );

    // A backfill from an hour ago: the item "from now" skipped runs; those that ran do not run twice.
    await flows.startFlow(t.db, workspaceId, id, { pollFrom: { since: new Date(Date.now() - 3600_000) } });
    await poll();
    expect(await ranKeys(id)).toEqual(["X-1", "X-2", "X-recent"]);

    // "now" marks what piled up as seen; only what comes after runs.
    await flows.stopFlow(t.db, workspaceId, id);
    feed.items.push(order("X-3", 2));
    await flows.startFlow(t.db, workspaceId, id, { pollFrom: "now" });
    await poll();
    feed.items.push(order("X-4", 1));
    await makeDue(id);
    await poll();
    expect(await ranKeys(id)).toEqual(["X-1", "X-2", "X-recent", "X-4"]);

    const future = flows.startFlow(t.db, workspaceId, id, { pollFrom: { since: new Date(Date.now() + 3600_000) } });
    await expect(future).rejects.toBeInstanceOf(ValidationError);
  });

  it("takes the choice through the API as 'now' or an ISO date with offset, and answers the dialog's question", async () => {
    const caller = createCallerFactory(appRouter)(callerContext(t.db, workspaceId, { keys }));
    source.feed("/api").items = [order("Y-1", 10)];
    const id = await createPollingFlow(pollingFlow(`${source.base}/api`));
    const bad = await caller.flows.start({ id, pollFrom: { since: "yesterday" } }).catch((caught: unknown) => caught);
    expect(bad).toBeInstanceOf(TRPCError);
    expect(bad).toMatchObject({ code: "BAD_REQUEST" });
    const since = new Date(Date.now() - 3600_000).toISOString();
    expect(await caller.flows.start({ id, pollFrom: { since } })).toEqual({ versionNumber: 1 });
    await poll();
    expect(await ranKeys(id)).toEqual(["Y-1"]);
    expect(await caller.flows.startOptions({ id })).toMatchObject({ polling: true, hasCursor: true, lastError: null });
  });

  it("offers no poll choices for other triggers", async () => {
    const { id } = await flows.createFlow(t.db, workspaceId, "Manual");
    expect(await getPollStartOptions(t.db, workspaceId, id)).toEqual({
      polling: false,
      hasCursor: false,
      lastFiredAt: null,
      lastError: null,
    });
  });

  it("polls with the trigger's account and keeps its secret out of the trigger's last error", async () => {
    const token = "tok-canary-5f1e9a";
    const account = await accounts.createAccount(
      { db: t.db, keys, workspaceId },
      { connectorId: "http", name: "Shop API", mode: "bearer", values: { baseUrl: source.base, token } },
    );
    const feed = source.feed("/secure");
    feed.failure = { status: 401, body: `token ${token} was refused` };
    const id = await createPollingFlow(pollingFlow("/secure", { accountId: account.id }));
    await flows.startFlow(t.db, workspaceId, id);
    await poll();
    expect(source.lastHeaders("/secure")?.authorization).toBe(`Bearer ${token}`);
    const failed = await state(id);
    expect(failed.lastError).toContain("401 Unauthorized");
    expect(failed.lastError).not.toContain(token);
    expect((await getPollStartOptions(t.db, workspaceId, id)).lastError).toBe(failed.lastError);

    delete feed.failure;
    feed.items = [order("S-1", 1)];
    await makeDue(id);
    await poll();
    expect(await state(id)).toMatchObject({ lastError: null });
  });
});
