// The Orders group against the simulator: retrieve, details, create (with its idempotency) and update.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { ActionAccount, ActionDefinition } from "../../sdk";
import { sampleData } from "../simulator/fixtures";
import { startSterlingSimulator, type SterlingSimulator } from "../simulator";
import { failure, mqAccount, restAccount, runAction, lastApiInput } from "@/test/connectors/sterling";
import { changeOrderAction } from "./change-order";
import { createOrderAction, derivedOrderNo } from "./create-order";
import { getOrderDetailsAction } from "./get-order-details";
import { getOrderListAction } from "./get-order-list";

let sterling: SterlingSimulator | undefined;
let simulator: SterlingSimulator;

beforeEach(async () => {
  await sterling?.close();
  sterling = await startSterlingSimulator(sampleData());
  simulator = sterling;
});
afterAll(() => sterling?.close());

function run<Input extends z.ZodType, Output extends z.ZodType>(
  action: ActionDefinition<Input, Output>,
  input: Record<string, unknown>,
  options: { key?: string; account?: Omit<ActionAccount, "id"> } = {},
): Promise<z.output<Output>> {
  return runAction(action, input, "account" in options ? options.account : restAccount(simulator.url), options.key);
}

const lastBody = (api: string): unknown => lastApiInput(simulator.requests, api);

describe("Retrieve orders", () => {
  it("filters by enterprise and date and says whether more match", async () => {
    const result = await run(getOrderListAction, {
      enterpriseCode: "DEFAULT",
      fromOrderDate: "2025-03-01",
      maximumRecords: 1,
    });
    expect(result).toMatchObject({ count: 1, hasMore: true, orders: [{ OrderNo: "Y100001", Status: "Created" }] });
    expect(lastBody("getOrderList")).toEqual({
      EnterpriseCode: "DEFAULT",
      DocumentType: "0001",
      OrderDateQryType: "GE",
      OrderDate: "2025-03-01T00:00:00+00:00",
      OrderBy: { Attribute: [{ Name: "OrderHeaderKey", Desc: "N" }] },
      page: { number: "1", size: "2" },
    });
    const shipped = await run(getOrderListAction, { status: "3700", customerEmail: "grace@example.com" });
    expect(shipped).toMatchObject({
      count: 1,
      hasMore: false,
      orders: [{ OrderNo: "Y100002", MaxOrderStatus: "3700" }],
    });
    const none = await run(getOrderListAction, { orderNo: "NOPE" });
    expect(none).toEqual({ orders: [], count: 0, hasMore: false });
  });

  it("sends dates in the account's time zone, a date-only 'until' to the end of that day", async () => {
    const account = restAccount(simulator.url, { timeZone: "Europe/Berlin" });
    await run(getOrderListAction, { fromOrderDate: "2025-03-01T08:00:00", toOrderDate: "2025-03-31" }, { account });
    expect(lastBody("getOrderList")).toMatchObject({
      OrderDateQryType: "BETWEEN",
      FromOrderDate: "2025-03-01T08:00:00+01:00",
      ToOrderDate: "2025-03-31T23:59:59+02:00",
    });
    await run(getOrderListAction, { toOrderDate: "2025-03-01T08:00:00Z" }, { account });
    expect(lastBody("getOrderList")).toMatchObject({ OrderDateQryType: "LE", OrderDate: "2025-03-01T08:00:00Z" });
  });

  it("needs a REST account", async () => {
    const missing = await failure(run(getOrderListAction, {}, { account: undefined }));
    expect(missing).toMatchObject({ code: "INPUT_INVALID" });
    expect(missing.message).toBe('"Retrieve orders" needs an IBM Sterling OMS account: choose one on the step');
    const mq = await failure(run(getOrderListAction, {}, { account: mqAccount(simulator.url) }));
    expect(mq.message).toMatch(
      /^"Retrieve orders" cannot use an account connected with "IBM MQ": choose an account connected with "REST API"/,
    );
  });
});

describe("Retrieve order details", () => {
  it("reads an order with its lines by number or by key", async () => {
    const order = await run(getOrderDetailsAction, { orderNo: "Y100002", enterpriseCode: "DEFAULT" });
    expect(order).toMatchObject({ OrderHeaderKey: "202501010000000000000002", Status: "Shipped" });
    expect(order.OrderLines?.OrderLine.map((line) => line.Item?.ItemID)).toEqual(["SKU-2", "SKU-1"]);
    const byKey = await run(getOrderDetailsAction, { orderHeaderKey: "202501010000000000000001" });
    expect(byKey.OrderNo).toBe("Y100001");
  });

  it("passes Sterling's description on for an unknown order and asks for an identity", async () => {
    const unknown = await failure(run(getOrderDetailsAction, { orderNo: "Y999", enterpriseCode: "DEFAULT" }));
    expect(unknown.message).toMatch(/answered 400 Bad Request: Order Not Found \[YFS10003\]$/);
    expect(getOrderDetailsAction.input.safeParse({ orderNo: "Y1" }).error?.issues[0]?.path).toEqual(["enterpriseCode"]);
    expect(getOrderDetailsAction.input.safeParse({}).success).toBe(false);
  });
});

describe("Create order", () => {
  const order = {
    enterpriseCode: "DEFAULT",
    orderNo: "WEB-1001",
    customerEmail: "alan@example.com",
    currency: "USD",
    lines: [
      { itemId: "SKU-1", quantity: 2, unitPrice: 19.99 },
      { itemId: "HAT-RED", quantity: 1, shipNode: "DC-EAST" },
    ],
    shipTo: { firstName: "Alan", lastName: "Turing", city: "London", country: "GB" },
    additionalAttributes: { OrderType: "ShipToHome", EntryType: "web", Extn: { ExtnGift: true } },
  };

  it("sends Sterling's createOrder document and returns the created order", async () => {
    const created = await run(createOrderAction, order);
    expect(created).toMatchObject({ OrderNo: "WEB-1001", Status: "Created", PriceInfo: { TotalAmount: "39.98" } });
    expect(created.OrderHeaderKey).toMatch(/^\d{24}$/);
    expect(lastBody("createOrder")).toEqual({
      OrderType: "ShipToHome",
      EntryType: "web",
      Extn: { ExtnGift: "Y" },
      EnterpriseCode: "DEFAULT",
      DocumentType: "0001",
      OrderNo: "WEB-1001",
      CustomerEMailID: "alan@example.com",
      PriceInfo: { Currency: "USD" },
      PersonInfoShipTo: { FirstName: "Alan", LastName: "Turing", City: "London", Country: "GB" },
      OrderLines: {
        OrderLine: [
          {
            PrimeLineNo: "1",
            SubLineNo: "1",
            OrderedQty: "2",
            Item: { ItemID: "SKU-1", UnitOfMeasure: "EACH" },
            LinePriceInfo: { UnitPrice: "19.99", IsPriceLocked: "Y" },
          },
          {
            PrimeLineNo: "2",
            SubLineNo: "1",
            OrderedQty: "1",
            ShipNode: "DC-EAST",
            Item: { ItemID: "HAT-RED", UnitOfMeasure: "EACH" },
          },
        ],
      },
    });
  });

  it("fails with Sterling's description for an unknown item and for a number already in use", async () => {
    const unknownItem = await failure(run(createOrderAction, { ...order, lines: [{ itemId: "GHOST", quantity: 1 }] }));
    expect(unknownItem.message).toMatch(/: Item\(Item Id and UOM\) does not exist \[YFS10006\]$/);
    const created = await run(createOrderAction, order);
    expect(created.alreadyExisted).toBe(false);
    const otherLines = { ...order, lines: [{ itemId: "SKU-2", quantity: 1 }] };
    const duplicate = await failure(run(createOrderAction, otherLines, { key: "run-2:step-1" }));
    expect(duplicate.message).toMatch(/Order WEB-1001 already exists/);
  });

  it("keeps additional attributes that form fields of the same name leave empty", async () => {
    const { currency: _currency, shipTo: _shipTo, ...withoutThem } = order;
    const created = await run(createOrderAction, {
      ...withoutThem,
      orderNo: "WEB-3003",
      additionalAttributes: {
        PriceInfo: { Currency: "EUR" },
        PersonInfoShipTo: { FirstName: "Ada", City: "London" },
        OrderLines: {
          OrderLine: [{ PrimeLineNo: "9", OrderedQty: "1", Item: { ItemID: "SKU-1", UnitOfMeasure: "EACH" } }],
        },
      },
    });
    expect(created).toMatchObject({ PriceInfo: { Currency: "EUR" }, PersonInfoShipTo: { City: "London" } });
    expect(created.OrderLines?.OrderLine).toHaveLength(order.lines.length + 1);
  });

  it("reads back an order with the user's own number when a retried attempt finds it made, lines and all", async () => {
    const mine = { ...order, orderNo: "WEB-2002" };
    const first = await run(createOrderAction, mine, { key: "run-9:create" });
    const again = await run(createOrderAction, mine, { key: "run-9:create" });
    expect(again).toMatchObject({ OrderHeaderKey: first.OrderHeaderKey, alreadyExisted: true });
    expect(again.OrderLines?.OrderLine).toHaveLength(mine.lines.length);
    expect(simulator.state.orders.filter((entry) => entry.OrderNo === "WEB-2002")).toHaveLength(1);
  });

  it("derives the order number from the step, so a re-delivered step returns the order it already made", async () => {
    const { orderNo: _given, ...withoutNumber } = order;
    const first = await run(createOrderAction, withoutNumber, { key: "run-7:create" });
    const again = await run(createOrderAction, withoutNumber, { key: "run-7:create" });
    expect(first.OrderNo).toBe(derivedOrderNo("run-7:create"));
    expect(again.OrderHeaderKey).toBe(first.OrderHeaderKey);
    expect(simulator.state.orders.filter((entry) => entry.OrderNo === first.OrderNo)).toHaveLength(1);
    const other = await run(createOrderAction, withoutNumber, { key: "run-8:create" });
    expect(other.OrderNo).not.toBe(first.OrderNo);
  });
});

describe("Update order", () => {
  it("cancels an order and records the step in Sterling's modification reference", async () => {
    const cancelled = await run(
      changeOrderAction,
      { orderNo: "Y100001", enterpriseCode: "DEFAULT", action: "CANCEL", reasonText: "Customer request" },
      { key: "run-3:cancel" },
    );
    expect(cancelled).toMatchObject({ OrderNo: "Y100001", Status: "Cancelled", MaxOrderStatus: "9000" });
    expect(lastBody("changeOrder")).toEqual({
      OrderNo: "Y100001",
      EnterpriseCode: "DEFAULT",
      DocumentType: "0001",
      Action: "CANCEL",
      ModificationReasonText: "Customer request",
      ModificationReference: "run-3:cancel",
    });
  });

  it("changes line quantities and refuses to cancel a shipped order with Sterling's reason", async () => {
    const modified = await run(changeOrderAction, {
      orderHeaderKey: "202501010000000000000003",
      lineChanges: [{ primeLineNo: 1, quantity: 2 }],
    });
    expect(modified.OrderLines?.OrderLine[0]).toMatchObject({ PrimeLineNo: "1", OrderedQty: "2" });
    const shipped = await failure(
      run(changeOrderAction, { orderNo: "Y100002", enterpriseCode: "DEFAULT", action: "CANCEL" }),
    );
    expect(shipped.message).toMatch(/: The order cannot be cancelled in status Shipped \[YFS10143\]$/);
    const missingLine = await failure(
      run(changeOrderAction, {
        orderHeaderKey: "202501010000000000000003",
        lineChanges: [{ primeLineNo: 9, quantity: 1 }],
      }),
    );
    expect(missingLine.message).toMatch(/Order line 9 not found \[YFS10226\]$/);
  });

  it("adds a line sent with Action CREATE beside a modified one, as getOrderDetails then shows", async () => {
    const key = "202501010000000000000003";
    const changed = await run(changeOrderAction, {
      orderHeaderKey: key,
      lineChanges: [{ primeLineNo: 1, quantity: 4 }],
      additionalAttributes: {
        OrderLines: {
          OrderLine: [
            {
              Action: "CREATE",
              PrimeLineNo: "7",
              OrderedQty: "2",
              Item: { ItemID: "SKU-2", UnitOfMeasure: "EACH" },
              LinePriceInfo: { UnitPrice: "250.00" },
            },
          ],
        },
      },
    });
    expect(changed.OrderLines?.OrderLine.map((line) => [line.PrimeLineNo, line.OrderedQty])).toEqual([
      ["1", "4"],
      ["7", "2"],
    ]);
    const details = await run(getOrderDetailsAction, { orderHeaderKey: key });
    const added = details.OrderLines?.OrderLine.find((line) => line.PrimeLineNo === "7");
    expect(added).toMatchObject({ OrderedQty: "2", Item: { ItemID: "SKU-2" }, MaxLineStatus: "1100" });
    expect(added?.OrderLineKey).toBeTruthy();
    const again = await failure(
      run(changeOrderAction, {
        orderHeaderKey: key,
        additionalAttributes: {
          OrderLines: { OrderLine: [{ Action: "CREATE", PrimeLineNo: "7", OrderedQty: "1", Item: added?.Item }] },
        },
      }),
    );
    expect(again.message).toMatch(/order line 7 already exists/);
    const unknownItem = await failure(
      run(changeOrderAction, {
        orderHeaderKey: key,
        additionalAttributes: {
          OrderLines: {
            OrderLine: [
              { Action: "CREATE", PrimeLineNo: "8", OrderedQty: "1", Item: { ItemID: "NOPE", UnitOfMeasure: "EACH" } },
            ],
          },
        },
      }),
    );
    expect(unknownItem.message).toMatch(/YFS/);
    const halfRefused = await failure(
      run(changeOrderAction, {
        orderHeaderKey: key,
        lineChanges: [
          { primeLineNo: 1, quantity: 9 },
          { primeLineNo: 9, quantity: 1 },
        ],
      }),
    );
    expect(halfRefused.message).toMatch(/Order line 9 not found/);
    const afterRefusals = await run(getOrderDetailsAction, { orderHeaderKey: key });
    expect(afterRefusals.OrderLines?.OrderLine).toHaveLength(2);
    expect(afterRefusals.OrderLines?.OrderLine[0]).toMatchObject({ PrimeLineNo: "1", OrderedQty: "4" });
  });

  it("refuses a modification that changes nothing", () => {
    const nothing = changeOrderAction.input.safeParse({ orderHeaderKey: "K" });
    expect(nothing.error?.issues.map((issue) => issue.message)).toEqual(["give line changes or additional attributes"]);
    const noQuantity = changeOrderAction.input.safeParse({ orderHeaderKey: "K", lineChanges: [{ primeLineNo: 1 }] });
    expect(noQuantity.error?.issues[0]?.path).toEqual(["lineChanges", 0, "quantity"]);
  });
});
