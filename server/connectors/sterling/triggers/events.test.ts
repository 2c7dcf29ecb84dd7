// The seven Sterling events on a real Postgres, polled by the runtime's poller against the simulator over REST: each
// change makes exactly one run of the events it concerns, also when many changes share one timestamp, when a poll is
// repeated after a worker died before saving its cursor, and when a status is followed by unrelated changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { linearGraph, pollAllNow, seedRunningFlow } from "@/test/runtime/helpers";
import { restAccount, restClientAccount } from "@/test/connectors/sterling";
import { ensureDefaultWorkspace } from "@/server/db/workspaces.repository";
import { getRunQueue, type RunQueue } from "@/server/runtime";
import * as accounts from "@/server/services/accounts.service";
import { invokeSterling, type SterlingDocument } from "../client";
import { PAGE_SIZE } from "../events/rest-changes";
import { eventKeys, type SterlingEventKey } from "../events/source";
import { startSterlingSimulator, type SterlingSimulator } from "../simulator";
import { sampleData } from "../simulator/fixtures";

let t: TestDatabase;
let queue: RunQueue;
let simulator: SterlingSimulator;
let now = new Date("2026-01-05T10:00:00.000Z");
const keys = testKeyRing();
const flows = new Map<SterlingEventKey, string>();
const signal = new AbortController().signal;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  queue = await getRunQueue();
  simulator = await startSterlingSimulator({ ...sampleData(), clock: () => now });
  const workspaceId = await ensureDefaultWorkspace(t.db);
  const { mode, credentials } = restAccount(simulator.url);
  const account = await accounts.createAccount(
    { db: t.db, keys, workspaceId },
    { connectorId: "sterling", name: "Simulator", mode, values: credentials, test: false },
  );
  for (const event of eventKeys) {
    const graph = linearGraph(
      { id: "event", connectorId: "sterling", operation: event, accountId: account.id, inputs: {} },
      { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ trigger }}" } },
    );
    const flow = await seedRunningFlow(t.db, graph, { workspaceId });
    flows.set(event, flow.flowId);
  }
  // The first poll of a flow started "from now" marks what exists: the sample orders make no runs.
  await pollAll();
  expect(await t.db.run.count()).toBe(0);
});
afterAll(async () => {
  await queue?.stop();
  await simulator?.close();
  await t?.drop();
});

const pollAll = () => pollAllNow(t.db, queue, keys);

/** Each event's run count, with the run's business keys, after polling once. */
async function runsAfterPoll(): Promise<Record<SterlingEventKey, number>> {
  await pollAll();
  const counts = {} as Record<SterlingEventKey, number>;
  for (const [event, flowId] of flows) counts[event] = await t.db.run.count({ where: { flowId } });
  return counts;
}

const call = (api: string, input: SterlingDocument) =>
  invokeSterling(restClientAccount(restAccount(simulator.url)), api, input, { signal });

const line = (primeLineNo: string) => ({
  PrimeLineNo: primeLineNo,
  OrderedQty: "1",
  Item: { ItemID: "SKU-1", UnitOfMeasure: "EACH" },
});

async function createOrder(orderNo: string): Promise<string> {
  const order = await call("createOrder", {
    EnterpriseCode: "DEFAULT",
    OrderNo: orderNo,
    OrderLines: { OrderLine: [line("1"), line("2")] },
  });
  return String(order.OrderHeaderKey);
}

const tick = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

describe("Sterling events through the poller", () => {
  let a = "";
  let b = "";
  let c = "";
  const expected: Record<SterlingEventKey, number> = {
    newOrder: 0,
    updatedOrder: 0,
    cancelledOrder: 0,
    releasedOrder: 0,
    orderLineBackOrder: 0,
    newOrUpdatedReleaseOrder: 0,
    newShipment: 0,
  };

  it("runs New order once per order when three share one Createts, and nothing else", async () => {
    a = await createOrder("EV-A");
    b = await createOrder("EV-B");
    c = await createOrder("EV-C");
    expected.newOrder = 3;
    expect(await runsAfterPoll()).toEqual(expected);
    expect(await runsAfterPoll()).toEqual(expected);
    const runs = await t.db.run.findMany({ where: { flowId: flows.get("newOrder") }, orderBy: { createdAt: "asc" } });
    expect(runs.map((run) => (run.triggerData as { OrderNo?: string }).OrderNo).sort()).toEqual([
      "EV-A",
      "EV-B",
      "EV-C",
    ]);
    expect(runs[0]?.triggerData).toMatchObject({ Createts: "2026-01-05T10:00:00+00:00", EnterpriseCode: "DEFAULT" });
    // The flow gets Sterling's document, nothing of the cursor's bookkeeping.
    expect(Object.keys(runs[0]?.triggerData ?? {})).not.toContain("ts");
    expect(Object.keys(runs[0]?.triggerData ?? {})).not.toContain("key");
  });

  it("runs Updated order once per change, also for two changes of one order within the same second", async () => {
    tick(5);
    await call("changeOrder", { OrderHeaderKey: a, CustomerEMailID: "first@example.com" });
    expected.updatedOrder = 1;
    expect(await runsAfterPoll()).toEqual(expected);
    // Same second, so the same Modifyts: only Sterling's Lockid tells this change from the one already run.
    await call("changeOrder", { OrderHeaderKey: a, CustomerEMailID: "second@example.com" });
    await call("changeOrder", { OrderHeaderKey: b, CustomerEMailID: "b@example.com" });
    expected.updatedOrder = 3;
    expect(await runsAfterPoll()).toEqual(expected);
    expect(await runsAfterPoll()).toEqual(expected);
  });

  it("repeats nothing when a worker dies after polling and before saving the cursor", async () => {
    const before = await t.db.triggerState.findMany({ select: { flowId: true, cursor: true } });
    tick(1);
    await call("changeOrder", { OrderHeaderKey: c, CustomerEMailID: "c@example.com" });
    expected.updatedOrder += 1;
    expect(await runsAfterPoll()).toEqual(expected);
    // The runs were saved but, as after a crash of the worker that saved them, the cursors are the old ones.
    for (const state of before) {
      await t.db.triggerState.update({ where: { flowId: state.flowId }, data: { cursor: state.cursor ?? {} } });
    }
    expect(await runsAfterPoll()).toEqual(expected);
  });

  it("runs Cancelled order once per cancellation, not on later changes of the cancelled order", async () => {
    tick(1);
    await call("changeOrder", { OrderHeaderKey: b, Action: "CANCEL" });
    expected.cancelledOrder = 1;
    expected.updatedOrder += 1;
    expect(await runsAfterPoll()).toEqual(expected);
    tick(1);
    await call("changeOrder", { OrderHeaderKey: b, CustomerEMailID: "after-cancel@example.com" });
    expected.updatedOrder += 1;
    expect(await runsAfterPoll()).toEqual(expected);
  });

  it("runs Released order once and New or updated release order per release, then New shipment once", async () => {
    tick(1);
    await call("scheduleOrder", { OrderHeaderKey: a, ScheduleAndRelease: "Y" });
    expected.releasedOrder = 1;
    expected.newOrUpdatedReleaseOrder = 1;
    expected.updatedOrder += 1;
    expect(await runsAfterPoll()).toEqual(expected);
    const release = await t.db.run.findFirstOrThrow({ where: { flowId: flows.get("newOrUpdatedReleaseOrder") } });
    expect(release.triggerData).toMatchObject({ SalesOrderNo: "EV-A", ShipNode: "DC-EAST", IsNew: true });

    tick(1);
    await call("createShipment", {
      ShipmentLines: {
        ShipmentLine: [
          { OrderHeaderKey: a, PrimeLineNo: "1" },
          { OrderHeaderKey: a, PrimeLineNo: "2" },
        ],
      },
    });
    expected.newShipment = 1;
    expected.updatedOrder += 1;
    expect(await runsAfterPoll()).toEqual(expected);
    const shipment = await t.db.run.findFirstOrThrow({ where: { flowId: flows.get("newShipment") } });
    expect(shipment.triggerData).toMatchObject({ OrderNo: "EV-A", ShipmentLines: { ShipmentLine: [{}, {}] } });
  });

  it("runs Orderline back order once per line each time it is back-ordered", async () => {
    tick(1);
    const backorder = (status: string) =>
      call("changeOrderStatus", {
        OrderHeaderKey: c,
        TransactionId: "CONFLUX_TEST.0001.ex",
        OrderLines: { OrderLine: [{ PrimeLineNo: "1", BaseDropStatus: status }] },
      });
    await backorder("1300");
    expected.orderLineBackOrder = 1;
    expected.updatedOrder += 1;
    expect(await runsAfterPoll()).toEqual(expected);
    tick(1);
    await call("changeOrder", { OrderHeaderKey: c, CustomerEMailID: "still-backordered@example.com" });
    expected.updatedOrder += 1;
    expect(await runsAfterPoll()).toEqual(expected);
    tick(1);
    await backorder("1500");
    tick(1);
    await backorder("1300");
    // One poll sees the order once (its newest version), but the line's status history shows the new back order.
    expected.orderLineBackOrder = 2;
    expected.updatedOrder += 1;
    expect(await runsAfterPoll()).toEqual(expected);
    const run = await t.db.run.findFirstOrThrow({ where: { flowId: flows.get("orderLineBackOrder") } });
    expect(run.triggerData).toMatchObject({ OrderNo: "EV-C", BackorderedLine: { PrimeLineNo: "1" } });
  });

  it("pages through more orders with one Createts than a page holds, each once", async () => {
    tick(1);
    const many = PAGE_SIZE + 25;
    for (let index = 0; index < many; index += 1) await createOrder(`BULK-${index}`);
    expected.newOrder += many;
    expect(await runsAfterPoll()).toEqual(expected);
    expect(await runsAfterPoll()).toEqual(expected);
    const newOrderPages = simulator.requests.filter(
      (request) => request.path.endsWith("/getPage") && request.body.includes("CreatetsQryType"),
    );
    expect(JSON.parse(newOrderPages.at(-1)?.body ?? "{}")).toMatchObject({
      PaginationStrategy: "ROWNUM",
      API: {
        Name: "getOrderList",
        Input: { Order: { CreatetsQryType: "GE", DocumentType: "0001" } },
        Template: { OrderList: { Order: { Createts: "", OrderHeaderKey: "" } } },
      },
    });
  });
});
