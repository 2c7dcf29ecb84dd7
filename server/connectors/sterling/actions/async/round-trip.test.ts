// An "(async)" action round trip: the step puts Sterling's createOrder document on a queue, and Sterling's
// integration server (played by the simulator: an MQ receiver and API node on that queue) takes it off and creates
// the order; a document the API refuses lands on the service's error queue.
// Then every one of the twelve, through the built-in simulator's service per API, as a lifecycle that each step can only pass if the one
// before took effect.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnyAction } from "@/server/connectors/sdk";
import { mqAccount, runAction } from "@/test/connectors/sterling";
import { startSterlingSimulator, type SterlingSimulator } from "../../simulator";
import { SAMPLE_MQ_USER, SAMPLE_USER, sampleData } from "../../simulator/fixtures";
import { runAsyncServices, SIMULATOR_SERVICES } from "../../simulator/integration-server";
import { asyncActions } from ".";
import { createOrderAsyncAction } from "./orders/create-order-async";
import { asyncOutput } from "./put-document";

let sterling: SterlingSimulator;

beforeAll(async () => {
  sterling = await startSterlingSimulator({
    users: [SAMPLE_USER],
    mq: { users: [SAMPLE_MQ_USER], queueManagers: { QM1: { "SMCFS.ORDERS.IN": [], "SMCFS.ERRORS": [] } } },
  });
});
afterAll(() => sterling.close());

describe("Create order (async) with Sterling's integration server", () => {
  it("becomes the order once the service has taken the message", async () => {
    const output = asyncOutput.parse(
      await runAction(
        createOrderAsyncAction,
        {
          enterpriseCode: "DEFAULT",
          orderNo: "ASYNC-1",
          lines: [{ itemId: "SKU-1", quantity: 3 }],
          queue: "SMCFS.ORDERS.IN",
        },
        mqAccount(sterling.url),
        "run-rt:step-1",
      ),
    );
    const refused = sterling.mq!.put("QM1", "SMCFS.ORDERS.IN", '<Order OrderNo="ASYNC-2"/>');
    const service = { queueManager: "QM1", queue: "SMCFS.ORDERS.IN", api: "createOrder", errorQueue: "SMCFS.ERRORS" };
    const outcomes = await runAsyncServices(sterling, SAMPLE_USER, [service]);
    expect(outcomes.map((outcome) => [outcome.messageId, outcome.status])).toEqual([
      [output.messageId, 200],
      [refused.messageId, 400],
    ]);
    const order = sterling.state.orders.find((candidate) => candidate.OrderNo === "ASYNC-1");
    expect(order).toMatchObject({ EnterpriseCode: "DEFAULT", DocumentType: "0001" });
    expect(JSON.stringify(order)).toContain("SKU-1");
    expect(sterling.mq!.messages("QM1", "SMCFS.ORDERS.IN")).toEqual([]);
    expect(sterling.mq!.messages("QM1", "SMCFS.ERRORS").map((message) => message.text)).toEqual([
      '<Order OrderNo="ASYNC-2"/>',
    ]);
  });
});

/** The API each action's message is the input of. */
const API_OF: Record<string, (typeof SIMULATOR_SERVICES)[number]["api"]> = {
  manageItemAsync: "manageItem",
  deleteItemAsync: "manageItem",
  manageCustomerAsync: "manageCustomer",
  deleteCustomerAsync: "manageCustomer",
  createOrderAsync: "createOrder",
  changeOrderAsync: "changeOrder",
  deleteOrderAsync: "deleteOrder",
  manageOrganizationAsync: "manageOrganizationHierarchy",
  deleteOrganizationAsync: "manageOrganizationHierarchy",
  createShipmentAsync: "createShipment",
  changeShipmentAsync: "changeShipment",
  deleteShipmentAsync: "changeShipment",
};

function asyncAction(key: string): AnyAction {
  const found = asyncActions.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no action ${key}`);
  return found;
}

describe("every (async) action with Sterling's integration server", () => {
  let lifecycle: SterlingSimulator;
  beforeAll(async () => {
    lifecycle = await startSterlingSimulator({
      ...sampleData(),
      mq: {
        users: [SAMPLE_MQ_USER],
        queueManagers: { QM1: Object.fromEntries(SIMULATOR_SERVICES.map((service) => [service.queue, []])) },
      },
    });
  });
  afterAll(() => lifecycle.close());

  /** Puts the action's message on its API's queue, lets the services take it, and returns what the API answered. */
  async function roundTrip(action: AnyAction, input: Record<string, unknown>) {
    const service = SIMULATOR_SERVICES.find((candidate) => candidate.api === API_OF[action.key]);
    if (!service) throw new Error(`no service for ${action.key}`);
    const { api, queue } = service;
    const output = asyncOutput.parse(
      await runAction(action, { ...input, queue }, mqAccount(lifecycle.url), `run-${action.key}:step-1`),
    );
    const outcomes = await runAsyncServices(lifecycle, SAMPLE_USER, [{ queueManager: "QM1", queue, api }]);
    expect(outcomes.map((outcome) => outcome.messageId)).toEqual([output.messageId]);
    expect(outcomes[0]?.status, `${api} answered ${JSON.stringify(outcomes[0]?.reply)}`).toBe(200);
    return outcomes[0]?.reply;
  }

  it("has a service for every async action", () => {
    expect(Object.keys(API_OF).sort()).toEqual(asyncActions.map((action) => action.key).sort());
  });

  it("creates, changes and deletes items, customers, orders, organizations and shipments through their queues", async () => {
    const state = lifecycle.state;
    const byKey = asyncAction;

    await roundTrip(byKey("manageItemAsync"), { itemId: "SKU-RT", organizationCode: "DEFAULT", description: "Mug" });
    expect(state.items.find((item) => item.ItemID === "SKU-RT")).toBeDefined();
    await roundTrip(byKey("manageCustomerAsync"), {
      customerId: "C-RT",
      organizationCode: "DEFAULT",
      firstName: "Ada",
    });
    expect(state.customers.find((customer) => customer.CustomerID === "C-RT")).toBeDefined();
    await roundTrip(byKey("manageOrganizationAsync"), {
      organizationCode: "STORE-RT",
      organizationName: "Store RT",
      parentOrganizationCode: "DEFAULT",
      isNode: true,
    });
    expect(state.organizations.find((org) => org.OrganizationCode === "STORE-RT")).toMatchObject({ IsNode: "Y" });

    await roundTrip(byKey("createOrderAsync"), {
      enterpriseCode: "DEFAULT",
      orderNo: "RT-1",
      lines: [{ itemId: "SKU-RT", quantity: 2, unitPrice: 5 }],
    });
    const order = () => state.orders.find((candidate) => candidate.OrderNo === "RT-1");
    expect(order()).toBeDefined();
    await roundTrip(byKey("changeOrderAsync"), {
      orderNo: "RT-1",
      enterpriseCode: "DEFAULT",
      newLines: [{ itemId: "SKU-1", quantity: 1 }],
      firstNewLineNo: 2,
    });
    expect(JSON.stringify(order()?.OrderLines)).toContain("SKU-1");

    // A shipment needs released lines: Y100003 of the sample data is released (3200).
    await roundTrip(byKey("createShipmentAsync"), {
      enterpriseCode: "OTHER",
      shipNode: "STORE-RT",
      sellerOrganizationCode: "OTHER",
      lines: [{ orderNo: "Y100003", primeLineNo: "1", itemId: "SKU-3", quantity: 5 }],
    });
    const shipment = () => state.shipments.find((candidate) => candidate.ShipNode === "STORE-RT");
    const shipmentNo = String(shipment()?.ShipmentNo);
    await roundTrip(byKey("changeShipmentAsync"), {
      shipmentNo,
      shipNode: "STORE-RT",
      sellerOrganizationCode: "OTHER",
      trackingNo: "1Z-RT",
    });
    expect(shipment()).toMatchObject({ TrackingNo: "1Z-RT" });
    await roundTrip(byKey("deleteShipmentAsync"), { shipmentKey: String(shipment()?.ShipmentKey) });
    expect(shipment()).toBeUndefined();

    await roundTrip(byKey("deleteOrderAsync"), { orderHeaderKey: String(order()?.OrderHeaderKey) });
    expect(order()).toBeUndefined();
    await roundTrip(byKey("deleteOrganizationAsync"), { organizationCode: "STORE-RT" });
    expect(state.organizations.find((org) => org.OrganizationCode === "STORE-RT")).toBeUndefined();
    await roundTrip(byKey("deleteCustomerAsync"), { customerId: "C-RT", organizationCode: "DEFAULT" });
    expect(state.customers.find((customer) => customer.CustomerID === "C-RT")).toBeUndefined();
    await roundTrip(byKey("deleteItemAsync"), { itemId: "SKU-RT", organizationCode: "DEFAULT" });
    expect(state.items.find((item) => item.ItemID === "SKU-RT")).toBeUndefined();
  });
});
