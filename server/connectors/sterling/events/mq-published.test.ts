// MQ mode end to end with nothing but the simulator: Sterling's events, published by the simulator on one queue per
// event as its page changes orders (simulator/event-publisher.ts), read by the seven triggers of flows whose account
// is connected through IBM MQ's messaging REST API, on a real Postgres through the runtime's poller. Each change
// makes one run of each event it raises, with the order's data, and leaves its queue empty.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { mqAccount } from "@/test/connectors/sterling";
import { linearGraph, pollAllNow, seedRunningFlow } from "@/test/runtime/helpers";
import { ensureDefaultWorkspace } from "@/server/db/workspaces.repository";
import * as accounts from "@/server/services/accounts.service";
import { getRunQueue, type RunQueue } from "@/server/runtime";
import { startSterlingSimulator, type SterlingSimulator } from "../simulator";
import { runConsoleAction } from "../simulator/console";
import { SIMULATOR_EVENT_QUEUES } from "../simulator/event-publisher";
import { SAMPLE_MQ_USER, sampleData } from "../simulator/fixtures";
import { text } from "../simulator/state";
import { eventKeys, type SterlingEventKey } from "./source";

let t: TestDatabase;
let queue: RunQueue;
let sterling: SterlingSimulator;
const keys = testKeyRing();
const flows = new Map<SterlingEventKey, string>();

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  queue = await getRunQueue();
  sterling = await startSterlingSimulator({
    ...sampleData(),
    mq: { users: [SAMPLE_MQ_USER], queueManagers: { QM1: { "SMCFS.CREATE.ORDER": [] } } },
    publishEventsOn: "QM1",
  });
  const workspaceId = await ensureDefaultWorkspace(t.db);
  const { mode, credentials } = mqAccount(sterling.url);
  const account = await accounts.createAccount(
    { db: t.db, keys, workspaceId },
    { connectorId: "sterling", name: "Simulator over MQ", mode, values: credentials, test: false },
  );
  for (const event of eventKeys) {
    const graph = linearGraph(
      {
        id: "event",
        connectorId: "sterling",
        operation: event,
        accountId: account.id,
        inputs: { eventQueue: SIMULATOR_EVENT_QUEUES[event] },
      },
      { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ trigger.OrderNo }}" } },
    );
    flows.set(event, (await seedRunningFlow(t.db, graph, { workspaceId })).flowId);
  }
  await pollAllNow(t.db, queue, keys);
  expect(await t.db.run.count()).toBe(0);
});
afterAll(async () => {
  await queue?.stop();
  await sterling?.close();
  await t?.drop();
});

/** Each event's runs after one poll: the business key (order number) of each, oldest first. */
async function runsAfterPoll(): Promise<Record<SterlingEventKey, string[]>> {
  await pollAllNow(t.db, queue, keys);
  const runs = {} as Record<SterlingEventKey, string[]>;
  for (const [event, flowId] of flows) {
    const found = await t.db.run.findMany({ where: { flowId }, orderBy: { createdAt: "asc" } });
    expect(
      found.filter((run) => run.status === "failed"),
      event,
    ).toEqual([]);
    runs[event] = found.map((run) => run.businessKey ?? "");
  }
  return runs;
}

const waiting = () =>
  Object.values(SIMULATOR_EVENT_QUEUES).reduce(
    (sum, name) => sum + (sterling.mq?.messages("QM1", name).length ?? 0),
    0,
  );

describe("Sterling events that the simulator publishes on IBM MQ", () => {
  it("runs each event once per change made on the simulator's page, with the order's data", async () => {
    const act = (action: Parameters<typeof runConsoleAction>[1]) => runConsoleAction(sterling.backend, action);
    act({
      action: "create",
      enterpriseCode: "DEFAULT",
      customerEmail: "ada@example.com",
      itemId: "SKU-1",
      quantity: 2,
      unitPrice: 9.5,
    });
    const created = sterling.state.orders.at(-1);
    const orderNo = text(created ?? {}, "OrderNo");
    const orderHeaderKey = text(created ?? {}, "OrderHeaderKey");
    expect(sterling.mq?.messages("QM1", "SMCFS.ORDER.CREATED")[0]?.text).toMatch(/^<\?xml[^>]*>\s*<Order /);
    const expected: Record<SterlingEventKey, string[]> = {
      newOrder: [orderNo],
      updatedOrder: [],
      cancelledOrder: [],
      releasedOrder: [],
      orderLineBackOrder: [],
      newOrUpdatedReleaseOrder: [],
      newShipment: [],
    };
    expect(await runsAfterPoll()).toEqual(expected);
    const newOrderRun = await t.db.run.findFirst({ where: { flowId: flows.get("newOrder") } });
    expect(newOrderRun?.triggerData).toMatchObject({
      OrderNo: orderNo,
      EnterpriseCode: "DEFAULT",
      OrderLines: { OrderLine: [{ OrderedQty: "2", Item: { ItemID: "SKU-1" } }] },
    });

    act({ action: "change", orderHeaderKey });
    expected.updatedOrder.push(orderNo);
    expect(await runsAfterPoll()).toEqual(expected);

    act({ action: "backorder", orderHeaderKey });
    expected.updatedOrder.push(orderNo);
    expected.orderLineBackOrder.push(orderNo);
    expect(await runsAfterPoll()).toEqual(expected);

    act({ action: "release", orderHeaderKey });
    expected.updatedOrder.push(orderNo);
    expected.releasedOrder.push(orderNo);
    expected.newOrUpdatedReleaseOrder.push("");
    const afterRelease = await runsAfterPoll();
    expect({ ...afterRelease, newOrUpdatedReleaseOrder: afterRelease.newOrUpdatedReleaseOrder.length }).toEqual({
      ...expected,
      newOrUpdatedReleaseOrder: 1,
    });

    act({ action: "ship", orderHeaderKey });
    const shipped = await runsAfterPoll();
    expect(shipped.newShipment).toHaveLength(1);
    expect(shipped.updatedOrder.length).toBeGreaterThan(expected.updatedOrder.length);
    expected.updatedOrder = shipped.updatedOrder;
    expected.newOrUpdatedReleaseOrder = shipped.newOrUpdatedReleaseOrder;
    expected.newShipment = shipped.newShipment;

    act({ action: "create", enterpriseCode: "DEFAULT", customerEmail: "", itemId: "SKU-2", quantity: 1, unitPrice: 3 });
    const second = sterling.state.orders.at(-1);
    act({ action: "cancel", orderHeaderKey: text(second ?? {}, "OrderHeaderKey") });
    const cancelled = await runsAfterPoll();
    expect(cancelled.newOrder).toEqual([orderNo, text(second ?? {}, "OrderNo")]);
    expect(cancelled.cancelledOrder).toEqual([text(second ?? {}, "OrderNo")]);
    expect(waiting()).toBe(0);
    // Nothing is read twice.
    expect(await runsAfterPoll()).toEqual(cancelled);
  });
});
