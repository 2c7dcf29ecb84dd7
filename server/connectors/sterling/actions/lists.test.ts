// Release orders, shipments, catalog items and customers against the simulator: each action's happy path and a
// failure a user would meet.
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleData } from "../simulator/fixtures";
import { startSterlingSimulator, type SterlingSimulator } from "../simulator";
import { closedPort, failure, mqAccount, restAccount, runAction, lastApiInput } from "@/test/connectors/sterling";
import { getCustomerListAction } from "./get-customer-list";
import { PAGE_SIZE } from "./read-pages";
import { getItemListAction } from "./get-item-list";
import { getOrderReleaseListAction } from "./get-order-release-list";
import { getShipmentListAction } from "./get-shipment-list";

let sterling: SterlingSimulator;

beforeAll(async () => {
  sterling = await startSterlingSimulator(sampleData());
});
afterAll(() => sterling.close());

const account = () => restAccount(sterling.url);
const itemIds = (output: Record<string, unknown>) =>
  z
    .object({ items: z.array(z.object({ ItemID: z.string() })) })
    .parse(output)
    .items.map((item) => item.ItemID);
const lastBody = (api: string): unknown => lastApiInput(sterling.requests, api);

describe("Retrieve release orders", () => {
  it("finds the releases of an order", async () => {
    const result = await runAction(
      getOrderReleaseListAction,
      { salesOrderNo: "Y100002", enterpriseCode: "DEFAULT" },
      account(),
    );
    expect(result).toMatchObject({
      count: 1,
      releases: [{ OrderReleaseKey: "R-1", ShipNode: "DC-EAST", ReleaseNo: "1" }],
    });
    expect(lastBody("getOrderReleaseList")).toEqual({
      SalesOrderNo: "Y100002",
      EnterpriseCode: "DEFAULT",
      OrderBy: { Attribute: [{ Name: "OrderReleaseKey", Desc: "N" }] },
      page: { number: "1", size: "101" },
    });
    const none = await runAction(getOrderReleaseListAction, { shipNode: "DC-WEST" }, account());
    expect(none).toEqual({ releases: [], count: 0, hasMore: false });
  });

  it("says the login was refused when the account's password is wrong", async () => {
    const refused = await failure(
      runAction(getOrderReleaseListAction, {}, restAccount(sterling.url, { password: "old" })),
    );
    expect(refused.message).toBe("The Sterling server refused the login ID or password (401 Unauthorized)");
  });
});

describe("Retrieve shipments", () => {
  it("finds an order's shipments with carrier and tracking number", async () => {
    const result = await runAction(getShipmentListAction, { orderNo: "Y100002", status: "1400" }, account());
    expect(result).toMatchObject({
      count: 1,
      shipments: [{ ShipmentNo: "100000401", SCAC: "UPSN", TrackingNo: "1Z999AA10123456784" }],
    });
    expect(lastBody("getShipmentList")).toEqual({
      OrderNo: "Y100002",
      Status: "1400",
      OrderBy: { Attribute: [{ Name: "ShipmentKey", Desc: "N" }] },
      page: { number: "1", size: "101" },
    });
  });

  it("reports an unreachable Sterling as a retryable network error", async () => {
    const port = await closedPort();
    const down = await failure(runAction(getShipmentListAction, {}, restAccount(`http://127.0.0.1:${port}`)));
    expect(down).toMatchObject({
      code: "NETWORK",
      retryable: true,
      message: `Could not connect to 127.0.0.1:${port}: connection refused`,
    });
  });
});

describe("Retrieve catalog items", () => {
  it("matches item IDs exactly, by prefix or by part", async () => {
    const prefix = await runAction(
      getItemListAction,
      { itemId: "SKU-", itemIdMatch: "startsWith", maximumRecords: 2 },
      account(),
    );
    expect(prefix).toMatchObject({ count: 2, hasMore: true, items: [{ ItemID: "SKU-1" }, { ItemID: "SKU-2" }] });
    // One row more than the limit tells "exactly the limit" from "more match".
    expect(lastBody("getItemList")).toEqual({
      ItemID: "SKU-",
      ItemIDQryType: "FLIKE",
      OrderBy: { Attribute: [{ Name: "ItemKey", Desc: "N" }] },
      page: { number: "1", size: "3" },
    });
    const part = await runAction(getItemListAction, { itemId: "RED", itemIdMatch: "contains" }, account());
    expect(part).toMatchObject({
      count: 1,
      items: [{ ItemID: "HAT-RED", PrimaryInformation: { Description: "Sample HAT-RED" } }],
    });
    const exact = await runAction(getItemListAction, { itemId: "SKU-" }, account());
    expect(exact.count).toBe(0);
  });

  it("reads page after page through getPage until the limit, reaching every row", async () => {
    const bulk = Array.from({ length: 1203 }, (_, index) => `BULK-${String(index).padStart(4, "0")}`);
    sterling.state.items.push(
      ...bulk.map((itemId) => ({
        ItemKey: `IK-${itemId}`,
        ItemID: itemId,
        OrganizationCode: "DEFAULT",
        UnitOfMeasure: "EACH",
      })),
    );
    const pagesBefore = sterling.requests.filter((request) => request.path.endsWith("/invoke/getPage")).length;
    const all = await runAction(
      getItemListAction,
      { itemId: "BULK-", itemIdMatch: "startsWith", maximumRecords: 5000 },
      account(),
    );
    expect(all.hasMore).toBe(false);
    expect(itemIds(all)).toEqual(bulk);
    const calls = sterling.requests.filter((request) => request.path.endsWith("/invoke/getPage")).slice(pagesBefore);
    expect(calls.map((call) => JSON.parse(call.body) as { PageNumber: string; PageSize: string })).toMatchObject([
      { PageNumber: "1", PageSize: String(PAGE_SIZE), PaginationStrategy: "ROWNUM" },
      { PageNumber: "2", PageSize: String(PAGE_SIZE) },
      { PageNumber: "3", PageSize: String(PAGE_SIZE) },
    ]);
    const some = await runAction(
      getItemListAction,
      { itemId: "BULK-", itemIdMatch: "startsWith", maximumRecords: 1000, sortBy: "ItemID", sortDescending: true },
      account(),
    );
    expect(some).toMatchObject({ count: 1000, hasMore: true });
    expect(itemIds(some)).toEqual([...bulk].reverse().slice(0, 1000));
    const exactly = await runAction(
      getItemListAction,
      { itemId: "BULK-", itemIdMatch: "startsWith", maximumRecords: 1203 },
      account(),
    );
    expect(exactly).toMatchObject({ count: 1203, hasMore: false });
  });

  it("refuses a maximum outside 1 to 5000 before calling Sterling", () => {
    expect(getItemListAction.input.safeParse({ maximumRecords: 0 }).success).toBe(false);
    expect(getItemListAction.input.safeParse({ maximumRecords: 5001 }).success).toBe(false);
  });
});

describe("Retrieve customers", () => {
  it("finds customers by a contact's e-mail, whatever its case", async () => {
    const result = await runAction(getCustomerListAction, { email: "ada@example.com" }, account());
    expect(result).toMatchObject({
      count: 1,
      hasMore: false,
      customers: [{ CustomerID: "CUST-1", CustomerContactList: { CustomerContact: [{ FirstName: "Ada" }] } }],
    });
    expect(lastBody("getCustomerList")).toEqual({
      CustomerContactList: { CustomerContact: [{ EmailID: "ada@example.com" }] },
      OrderBy: { Attribute: [{ Name: "CustomerKey", Desc: "N" }] },
      page: { number: "1", size: "101" },
    });
    const all = await runAction(getCustomerListAction, { organizationCode: "DEFAULT" }, account());
    expect(all).toMatchObject({ customers: [{ CustomerID: "CUST-1" }, { CustomerID: "CUST-2" }] });
  });

  it("refuses an MQ account, which carries no synchronous calls", async () => {
    const mq = await failure(runAction(getCustomerListAction, {}, mqAccount(sterling.url)));
    expect(mq).toMatchObject({ code: "INPUT_INVALID" });
    expect(mq.message).toMatch(
      /^"Retrieve customers" cannot use an account connected with "IBM MQ": choose an account connected with "REST API"/,
    );
  });
});
