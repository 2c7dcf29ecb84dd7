// The twelve "(async)" actions against the simulator's IBM MQ: each puts the XML input document of its Sterling API
// through the messaging REST API (CSRF header, UTF-8 XML, persistence, expiry, correlation id) and outputs the
// message id; a retried step finds its earlier message instead of putting a second one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnyAction } from "@/server/connectors/sdk";
import { failure, mqAccount, restAccount, runAction } from "@/test/connectors/sterling";
import { startSterlingSimulator, type SterlingSimulator } from "../../simulator";
import { SAMPLE_MQ_USER } from "../../simulator/fixtures";
import { fromSterlingXml } from "../../xml";
import { asyncActions } from ".";
import { asyncOutput } from "./put-document";

const QUEUE = "SMCFS.CREATE.ORDER";
let sterling: SterlingSimulator;

beforeAll(async () => {
  sterling = await startSterlingSimulator({
    users: [],
    mq: { users: [SAMPLE_MQ_USER], queueManagers: { QM1: { [QUEUE]: [], "SMCFS.SHIPMENTS": [] } } },
  });
});
afterAll(() => sterling.close());

const action = (key: string): AnyAction => {
  const found = asyncActions.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no action ${key}`);
  return found;
};

/** Runs the action as a fresh step and returns its output, the message it put and the put request. */
async function put(key: string, input: Record<string, unknown>, idempotencyKey = `run-${Math.random()}:step-1`) {
  const output = asyncOutput.parse(await runAction(action(key), input, mqAccount(sterling.url), idempotencyKey));
  const queue = typeof input.queue === "string" ? input.queue : QUEUE;
  const message = sterling.mq?.messages("QM1", queue).find((candidate) => candidate.messageId === output.messageId);
  const request = sterling.requests.filter((candidate) => candidate.method === "POST").at(-1);
  if (!message || !request) throw new Error("no message was put");
  return { output, message, request, xml: fromSterlingXml(message.text) };
}

const cases: Array<[string, string, Record<string, unknown>, string, Record<string, unknown>]> = [
  [
    "manageItemAsync",
    "manageItem",
    {
      itemId: "SKU-1",
      organizationCode: "DEFAULT",
      description: "Mug",
      additionalAttributes: { ItemGroupCode: "PROD" },
    },
    "ItemList",
    {
      Item: [
        {
          Action: "Manage",
          ItemID: "SKU-1",
          OrganizationCode: "DEFAULT",
          UnitOfMeasure: "EACH",
          ItemGroupCode: "PROD",
          PrimaryInformation: { Description: "Mug" },
        },
      ],
    },
  ],
  [
    "deleteItemAsync",
    "manageItem",
    { itemId: "SKU-1", organizationCode: "DEFAULT" },
    "ItemList",
    { Item: [{ Action: "Delete", ItemID: "SKU-1", OrganizationCode: "DEFAULT", UnitOfMeasure: "EACH" }] },
  ],
  [
    "manageCustomerAsync",
    "manageCustomer",
    { customerId: "C-9", organizationCode: "DEFAULT", firstName: "Ada", email: "ada@example.com" },
    "Customer",
    {
      Operation: "Manage",
      CustomerID: "C-9",
      OrganizationCode: "DEFAULT",
      CustomerType: "02",
      CustomerContactList: { CustomerContact: [{ FirstName: "Ada", EmailID: "ada@example.com" }] },
    },
  ],
  [
    "deleteCustomerAsync",
    "manageCustomer",
    { customerId: "C-9", organizationCode: "DEFAULT" },
    "Customer",
    { Operation: "Delete", CustomerID: "C-9", OrganizationCode: "DEFAULT" },
  ],
  [
    "createOrderAsync",
    "createOrder",
    {
      enterpriseCode: "DEFAULT",
      orderNo: "WEB-1",
      currency: "EUR",
      lines: [{ itemId: "SKU-1", quantity: 2, unitPrice: 9.5 }],
      shipTo: { firstName: "Ada", city: "London" },
      // A filled field wins over an additional attribute; an element merges attribute by attribute.
      additionalAttributes: { OrderNo: "IGNORED", OrderType: "WEB", PriceInfo: { EnterpriseCurrency: "EUR" } },
    },
    "Order",
    {
      EnterpriseCode: "DEFAULT",
      DocumentType: "0001",
      OrderNo: "WEB-1",
      OrderType: "WEB",
      PriceInfo: { Currency: "EUR", EnterpriseCurrency: "EUR" },
      PersonInfoShipTo: { FirstName: "Ada", City: "London" },
      OrderLines: {
        OrderLine: [
          {
            PrimeLineNo: "1",
            SubLineNo: "1",
            OrderedQty: "2",
            Item: { ItemID: "SKU-1", UnitOfMeasure: "EACH" },
            LinePriceInfo: { UnitPrice: "9.5" },
          },
        ],
      },
    },
  ],
  [
    "changeOrderAsync",
    "changeOrder",
    { orderNo: "WEB-1", enterpriseCode: "DEFAULT", newLines: [{ itemId: "SKU-2", quantity: 1 }], firstNewLineNo: 3 },
    "Order",
    {
      OrderNo: "WEB-1",
      EnterpriseCode: "DEFAULT",
      DocumentType: "0001",
      OrderLines: {
        OrderLine: [
          {
            Action: "CREATE",
            PrimeLineNo: "3",
            SubLineNo: "1",
            OrderedQty: "1",
            Item: { ItemID: "SKU-2", UnitOfMeasure: "EACH" },
          },
        ],
      },
    },
  ],
  [
    "deleteOrderAsync",
    "deleteOrder",
    { orderHeaderKey: "20260101" },
    "Order",
    { Action: "DELETE", OrderHeaderKey: "20260101" },
  ],
  [
    "manageOrganizationAsync",
    "manageOrganizationHierarchy",
    { organizationCode: "STORE-9", organizationName: "Store 9", parentOrganizationCode: "DEFAULT", isNode: true },
    "Organization",
    { OrganizationCode: "STORE-9", OrganizationName: "Store 9", ParentOrganizationCode: "DEFAULT", IsNode: "Y" },
  ],
  [
    "deleteOrganizationAsync",
    "manageOrganizationHierarchy",
    { organizationCode: "STORE-9" },
    "Organization",
    { Operation: "Delete", OrganizationCode: "STORE-9" },
  ],
  [
    "createShipmentAsync",
    "createShipment",
    {
      enterpriseCode: "DEFAULT",
      shipNode: "DC-1",
      lines: [{ orderNo: "WEB-1", primeLineNo: "1", itemId: "SKU-1", quantity: 2 }],
      queue: "SMCFS.SHIPMENTS",
    },
    "Shipment",
    {
      EnterpriseCode: "DEFAULT",
      DocumentType: "0001",
      ShipNode: "DC-1",
      ShipmentLines: {
        ShipmentLine: [
          {
            OrderNo: "WEB-1",
            PrimeLineNo: "1",
            SubLineNo: "1",
            ItemID: "SKU-1",
            UnitOfMeasure: "EACH",
            Quantity: "2",
            DocumentType: "0001",
          },
        ],
      },
    },
  ],
  [
    "changeShipmentAsync",
    "changeShipment",
    { shipmentNo: "SH-1", shipNode: "DC-1", trackingNo: "1Z999" },
    "Shipment",
    { ShipmentNo: "SH-1", ShipNode: "DC-1", TrackingNo: "1Z999" },
  ],
  [
    "deleteShipmentAsync",
    "changeShipment",
    { shipmentKey: "SK-1" },
    "Shipment",
    { ShipmentKey: "SK-1", Action: "Delete" },
  ],
];

describe("Sterling (async) actions", () => {
  it("covers the twelve async actions of the seed, in its groups", () => {
    expect(cases.map(([key]) => key).sort()).toEqual(asyncActions.map((candidate) => candidate.key).sort());
    expect(new Set(asyncActions.map((candidate) => candidate.group))).toEqual(
      new Set(["Catalog items", "Customers", "Orders", "Organizations", "Shipments"]),
    );
    expect(asyncActions.every((candidate) => candidate.label.endsWith("(async)"))).toBe(true);
  });

  it.each(cases)("%s puts the input of %s as UTF-8 XML", async (key, api, input, root, document) => {
    const { output, message, request, xml } = await put(key, input);
    expect(xml).toEqual({ root, document });
    expect(message.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(output).toMatchObject({ api, queueManager: "QM1", alreadyQueued: false });
    expect(output.messageId).toMatch(/^[0-9a-f]{48}$/);
    expect(message).toMatchObject({ persistence: "persistent", expiryMs: undefined, contentType: "application/xml" });
    expect(message.correlationId).toBe(output.correlationId);
    expect(request.path).toBe(`/ibmmq/rest/v1/messaging/qmgr/QM1/queue/${output.queue}/message`);
    expect(request.headers).toMatchObject({
      "content-type": "application/xml;charset=utf-8",
      "ibm-mq-md-persistence": "persistent",
      "ibm-mq-md-expiry": "unlimited",
      "ibm-mq-md-correlationid": output.correlationId,
    });
    expect(request.headers).toHaveProperty("ibm-mq-rest-csrf-token");
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from("mqapp:mq-pass").toString("base64")}`);
  });

  it("sends what the user chose: non-persistent, an expiry, a text correlation id and a reply-to queue", async () => {
    const { output, message, request } = await put("deleteOrderAsync", {
      orderHeaderKey: "K1",
      persistent: false,
      expirySeconds: 90,
      correlationId: "ORDER-42",
      replyTo: "SMCFS.REPLY@QM2",
    });
    expect(output.correlationId).toBe(Buffer.concat([Buffer.from("ORDER-42"), Buffer.alloc(16)]).toString("hex"));
    expect(message).toMatchObject({ persistence: "nonPersistent", expiryMs: 90_000, replyTo: "SMCFS.REPLY@QM2" });
    expect(request.headers).toMatchObject({ "ibm-mq-md-expiry": "90000", "ibm-mq-md-replyto": "SMCFS.REPLY@QM2" });
  });

  it("finds the message of an earlier attempt of the same step instead of putting it twice", async () => {
    const first = await put("deleteOrderAsync", { orderHeaderKey: "K2" }, "run-retry:step-1");
    const count = sterling.mq?.messages("QM1", QUEUE).length;
    const again = await runAction(
      action("deleteOrderAsync"),
      { orderHeaderKey: "K2" },
      mqAccount(sterling.url),
      "run-retry:step-1",
    );
    expect(again).toMatchObject({ messageId: first.output.messageId, alreadyQueued: true });
    expect(sterling.mq?.messages("QM1", QUEUE).length).toBe(count);
    // Another step of the same run is another message.
    const other = await put("deleteOrderAsync", { orderHeaderKey: "K2" }, "run-retry:step-2");
    expect(other.output.messageId).not.toBe(first.output.messageId);
  });

  it("puts every run's message under a fixed correlation id the user gives, while still finding a retry's", async () => {
    const first = await put("deleteOrderAsync", { orderHeaderKey: "K4", correlationId: "NIGHTLY" }, "run-a:step-1");
    // Another run's document under the same id, while the first still waits on the queue, is put all the same.
    const second = await put("deleteOrderAsync", { orderHeaderKey: "K5", correlationId: "NIGHTLY" }, "run-b:step-1");
    expect(second.output).toMatchObject({ alreadyQueued: false, correlationId: first.output.correlationId });
    expect(second.xml.document).toMatchObject({ OrderHeaderKey: "K5" });
    const count = sterling.mq?.messages("QM1", QUEUE).length;
    const input = { orderHeaderKey: "K4", correlationId: "NIGHTLY" };
    const again = await runAction(action("deleteOrderAsync"), input, mqAccount(sterling.url), "run-a:step-1");
    expect(again).toMatchObject({ messageId: first.output.messageId, alreadyQueued: true });
    expect(sterling.mq?.messages("QM1", QUEUE).length).toBe(count);
  });

  it("says what is wrong: a REST account, a missing queue, a correlation id too long", async () => {
    const rest = await failure(runAction(action("createOrderAsync"), cases[4]![2], restAccount(sterling.url)));
    expect(rest.message).toBe(
      '"Create order (async)" cannot use an account connected with "REST API": choose an account connected with "IBM MQ"',
    );
    const missing = await failure(put("deleteOrderAsync", { orderHeaderKey: "K3", queue: "NO.SUCH.QUEUE" }));
    expect(missing.message).toBe(
      'Queue "NO.SUCH.QUEUE" does not exist on queue manager "QM1" (names are case-sensitive)',
    );
    const long = await failure(put("deleteOrderAsync", { orderHeaderKey: "K3", correlationId: "x".repeat(25) }));
    expect(long.message).toBe("The correlation ID is longer than 24 bytes: shorten it");
  });
});
