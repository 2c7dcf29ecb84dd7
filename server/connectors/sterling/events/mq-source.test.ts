// MQ-mode events end to end on a real Postgres: the runtime's poller, Sterling's New order trigger reading the
// simulator's IBM MQ queue through the messaging REST API, and the removal of each message only after its run is
// saved. A worker that dies between browse and remove (its DELETE never reaches MQ) or before the commit loses no
// event and makes no second run; a message that is not a Sterling document fails one run, readably, and is gone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readErrorJson } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { mqAccount } from "@/test/connectors/sterling";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { ensureDefaultWorkspace } from "@/server/db/workspaces.repository";
import * as accounts from "@/server/services/accounts.service";
import { getRunQueue, type RunQueue } from "@/server/runtime";
import { pollDueTriggers } from "@/server/runtime/poller";
import { startSterlingSimulator, type SterlingSimulator } from "../simulator";
import { SAMPLE_MQ_USER } from "../simulator/fixtures";
import { MQ_EVENTS_PER_POLL } from "./mq-source";

const EVENTS = "SMCFS.ORDER.CREATED";
let t: TestDatabase;
let queue: RunQueue;
let sterling: SterlingSimulator;
let ctx: accounts.AccountsContext;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  queue = await getRunQueue();
  ctx = { db: t.db, keys: testKeyRing(), workspaceId: await ensureDefaultWorkspace(t.db) };
  sterling = await startSterlingSimulator({
    users: [],
    mq: { users: [SAMPLE_MQ_USER], queueManagers: { QM1: { "SMCFS.CREATE.ORDER": [], [EVENTS]: [] } } },
  });
});
afterAll(async () => {
  await queue?.stop();
  await sterling?.close();
  await t?.drop();
});

const poll = () => pollDueTriggers(t.db, queue, { log: (line) => void lines.push(line), keys: ctx.keys });
const waiting = () => sterling.mq?.messages("QM1", EVENTS) ?? [];
const runsOf = (flowId: string) => t.db.run.findMany({ where: { flowId }, orderBy: { createdAt: "asc" } });
const makeDue = (flowId: string) =>
  t.db.triggerState.update({ where: { flowId }, data: { nextRunAt: new Date(Date.now() - 1000) } });

async function startFlow(): Promise<string> {
  const { mode, credentials } = mqAccount(sterling.url);
  const account = await accounts.createAccount(ctx, {
    connectorId: "sterling",
    name: `MQ ${Math.random()}`,
    mode,
    values: credentials,
  });
  const graph = linearGraph(
    {
      id: "orders",
      connectorId: "sterling",
      operation: "newOrder",
      accountId: account.id,
      inputs: { eventQueue: EVENTS, intervalSeconds: 60 },
    },
    { id: "note", connectorId: "core", operation: "log", inputs: { message: "Order {{ trigger.OrderNo }}" } },
  );
  const flow = await seedRunningFlow(t.db, graph, { workspaceId: ctx.workspaceId });
  // The first poll after Start marks what exists ("from now"); the queue is empty then.
  await poll();
  await t.db.triggerState.update({ where: { flowId: flow.flowId }, data: { active: true } });
  return flow.flowId;
}

async function stopFlow(flowId: string) {
  await t.db.triggerState.update({ where: { flowId }, data: { active: false, nextRunAt: null } });
}

describe("Sterling events from IBM MQ", () => {
  it("makes one run per message, XML or JSON, and removes each message only after its run is saved", async () => {
    const flowId = await startFlow();
    const xml = sterling.mq!.put(
      "QM1",
      EVENTS,
      '<?xml version="1.0"?><Order OrderHeaderKey="K1" OrderNo="Y100"><OrderLines><OrderLine PrimeLineNo="1"/></OrderLines></Order>',
    );
    const wrapped = sterling.mq!.put(
      "QM1",
      EVENTS,
      JSON.stringify({ Order: { OrderHeaderKey: "K2", OrderNo: "Y101" } }),
    );
    const bare = sterling.mq!.put("QM1", EVENTS, JSON.stringify({ OrderHeaderKey: "K3", OrderNo: "Y102" }));
    await makeDue(flowId);
    expect(await poll()).toHaveLength(3);
    const runs = await runsOf(flowId);
    expect(runs.map((run) => run.dedupeKey).sort()).toEqual(
      [xml, wrapped, bare].map((message) => `poll:${message.messageId}`).sort(),
    );
    const byKey = new Map(runs.map((run) => [run.dedupeKey, run]));
    expect(byKey.get(`poll:${xml.messageId}`)?.triggerData).toEqual({
      OrderHeaderKey: "K1",
      OrderNo: "Y100",
      OrderLines: { OrderLine: [{ PrimeLineNo: "1" }] },
    });
    expect(byKey.get(`poll:${wrapped.messageId}`)?.triggerData).toEqual({ OrderHeaderKey: "K2", OrderNo: "Y101" });
    expect(byKey.get(`poll:${bare.messageId}`)?.triggerData).toEqual({ OrderHeaderKey: "K3", OrderNo: "Y102" });
    expect(runs.every((run) => run.status !== "failed")).toBe(true);
    expect(waiting()).toEqual([]);
    const calls = sterling.requests.filter((request) => request.path.includes(`/queue/${EVENTS}/`));
    // Browse calls, then the removals by id, each with the CSRF header, never a get without a selector.
    const removals = calls.filter((request) => request.method === "DELETE");
    expect(removals.map((request) => request.query.messageId).sort()).toEqual(
      [xml, wrapped, bare].map((message) => message.messageId).sort(),
    );
    expect(removals.every((request) => request.headers["ibm-mq-rest-csrf-token"] !== undefined)).toBe(true);
    await stopFlow(flowId);
  });

  it("loses no event and makes no second run when the worker dies between the save and the removal", async () => {
    const flowId = await startFlow();
    const first = sterling.mq!.put("QM1", EVENTS, '<Order OrderHeaderKey="K10" OrderNo="Y110"/>');
    const second = sterling.mq!.put("QM1", EVENTS, '<Order OrderHeaderKey="K11" OrderNo="Y111"/>');
    // The removals never reach MQ, as when the worker is killed right after the runs were committed.
    sterling.mq!.failDeletes(true);
    try {
      await makeDue(flowId);
      expect(await poll()).toHaveLength(2);
    } finally {
      sterling.mq!.failDeletes(false);
    }
    expect(waiting().map((message) => message.messageId)).toEqual([first.messageId, second.messageId]);
    expect(lines.at(-1)).toMatch(/warn: the source was not told that 2 item\(s\) are saved: 2 message\(s\) stay on/);

    // Another worker polls later: the same messages, already saved, make no run; now they are removed.
    await makeDue(flowId);
    expect(await poll()).toEqual([]);
    expect((await runsOf(flowId)).map((run) => run.dedupeKey).sort()).toEqual(
      [`poll:${first.messageId}`, `poll:${second.messageId}`].sort(),
    );
    expect(waiting()).toEqual([]);
    await stopFlow(flowId);
  });

  it("removes nothing when the runs could not be saved, and saves them on the next poll", async () => {
    const flowId = await startFlow();
    const message = sterling.mq!.put("QM1", EVENTS, '<Order OrderHeaderKey="K20" OrderNo="Y120"/>');
    // A database fault inside the commit, as a worker dying before it would be.
    await t.db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_runs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_runs BEFORE INSERT ON "Run" FOR EACH ROW EXECUTE FUNCTION refuse_runs()`,
    );
    try {
      await makeDue(flowId);
      expect(await poll()).toEqual([]);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER refuse_runs ON "Run"`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION refuse_runs`);
    }
    expect(await runsOf(flowId)).toEqual([]);
    expect(waiting().map((waitingMessage) => waitingMessage.messageId)).toEqual([message.messageId]);

    await makeDue(flowId);
    expect(await poll()).toHaveLength(1);
    expect(waiting()).toEqual([]);
    await stopFlow(flowId);
  });

  it("fails one run, readably, for a message that is no Sterling document, and does not read it again", async () => {
    const flowId = await startFlow();
    const garbage = sterling.mq!.put("QM1", EVENTS, "ORDER;Y130;2 pieces");
    const broken = sterling.mq!.put("QM1", EVENTS, '<Order OrderHeaderKey="K31"><OrderLines></Order>');
    const foreign = sterling.mq!.put("QM1", EVENTS, '<Shipment ShipmentKey="S1"/>');
    const keyless = sterling.mq!.put("QM1", EVENTS, '{"Order":{"OrderNo":"Y133"}}');
    await makeDue(flowId);
    expect(await poll()).toHaveLength(4);
    const runs = new Map((await runsOf(flowId)).map((run) => [run.dedupeKey, run]));
    const failure = (messageId: string) => {
      const run = runs.get(`poll:${messageId}`);
      expect(run).toMatchObject({ status: "failed", error: { code: "INPUT_INVALID", retryable: false } });
      expect(run?.finishedAt).not.toBeNull();
      return readErrorJson(run?.error)?.message;
    };
    expect(failure(garbage.messageId)).toBe(
      `The message ${garbage.messageId} on queue ${EVENTS} cannot make a "New order" run: it is neither XML nor ` +
        `JSON (it starts with "ORDER;Y130;2 pieces"). It was removed from the queue; its text is in the run's trigger data.`,
    );
    expect(runs.get(`poll:${garbage.messageId}`)?.triggerData).toMatchObject({ text: "ORDER;Y130;2 pieces" });
    expect(failure(broken.messageId)).toMatch(/cannot make a "New order" run: its XML is broken \(.+line 1.+\)/);
    expect(failure(foreign.messageId)).toMatch(/it holds a <Shipment> document, and this event reads <Order>/);
    expect(failure(keyless.messageId)).toBe(
      `The Order document in message ${keyless.messageId} on queue ${EVENTS}: the order has no OrderHeaderKey`,
    );
    expect(waiting()).toEqual([]);
    // Failed runs are never queued for a worker, and the next poll finds nothing to run again.
    const jobs = await t.db.$queryRawUnsafe<Array<{ count: bigint }>>(
      `SELECT count(*) AS count FROM pgboss.job WHERE data->>'runId' = ANY($1)`,
      [...runs.values()].map((run) => run.id),
    );
    expect(Number(jobs[0]?.count)).toBe(0);
    await makeDue(flowId);
    expect(await poll()).toEqual([]);
    expect(await runsOf(flowId)).toHaveLength(4);
    await stopFlow(flowId);
  });

  it("skips messages mqweb will not hand over (not text), so they never stall the queue, and says so once each", async () => {
    const flowId = await startFlow();
    const binary = Array.from({ length: MQ_EVENTS_PER_POLL }, (_, index) =>
      sterling.mq!.put("QM1", EVENTS, `\u0000binary ${index}`, { format: "MQHRF2" }),
    );
    const order = sterling.mq!.put("QM1", EVENTS, '<Order OrderHeaderKey="K40" OrderNo="Y140"/>');
    await makeDue(flowId);
    expect(await poll()).toHaveLength(MQ_EVENTS_PER_POLL);
    const first = binary[0]!;
    const refused = (await runsOf(flowId)).find((run) => run.dedupeKey === `poll:${first.messageId}`);
    expect(refused).toMatchObject({ status: "failed", error: { code: "INPUT_INVALID" } });
    expect(readErrorJson(refused?.error)?.message).toMatch(
      new RegExp(
        `^IBM MQ would not hand over message ${first.messageId} on queue ${EVENTS} \\(.*MQWB0303E.*\\); mqweb hands ` +
          "over only text messages .* this trigger skips it from now on: move it aside",
      ),
    );
    // The next poll skips the refused messages instead of browsing them again, and reaches the order behind them.
    lines.length = 0;
    await makeDue(flowId);
    expect(await poll()).toHaveLength(1);
    expect((await runsOf(flowId)).find((run) => run.dedupeKey === `poll:${order.messageId}`)?.status).not.toBe(
      "failed",
    );
    expect(lines.some((line) => line.includes(`warn: ${MQ_EVENTS_PER_POLL} message(s) on ${EVENTS}`))).toBe(true);
    expect(waiting().map((message) => message.messageId)).toEqual(binary.map((message) => message.messageId));
    await makeDue(flowId);
    expect(await poll()).toEqual([]);
    // Once moved aside (a backout queue, an administrator), the cursor forgets them.
    waiting().splice(0);
    await makeDue(flowId);
    await poll();
    const state = await t.db.triggerState.findUniqueOrThrow({ where: { flowId } });
    expect(state.cursor).toMatchObject({ position: { queue: EVENTS } });
    expect(JSON.stringify(state.cursor)).not.toContain("refused");
    await stopFlow(flowId);
  });
});
