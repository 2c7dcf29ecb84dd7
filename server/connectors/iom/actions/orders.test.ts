// Export order and Retrieve order states against the simulated IOM: the Order 2.0 request as documented, the
// ErrorReport read as messages naming fields, a re-delivered export, paging to the end with filters and sort.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, runAction } from "@/test/connectors/sterling";
import { basicAccount, bearerAccount, sampleExport, startSampleIom } from "@/test/connectors/iom";
import type { IomSimulator } from "../simulator";
import { exportOrderAction } from "./export-order";
import { retrieveOrderStatesAction } from "./retrieve-order-states";

let iom: IomSimulator;
beforeAll(async () => {
  iom = await startSampleIom();
});
afterAll(() => iom.close());

const exportOrder = (input: Record<string, unknown>, account = basicAccount(iom.url)) =>
  runAction(exportOrderAction, input, account);

describe("Export order", () => {
  it("posts an Order 2.0 order with the v2 media type and returns its location", async () => {
    const result = await exportOrder(sampleExport("ORD-1"));
    expect(result).toEqual({
      shopOrderNumber: "ORD-1",
      alreadyExported: false,
      location: expect.stringMatching(/\/rest\/order-service\/shops\/10000\/orders\/\d+$/),
    });
    const request = iom.requests.at(-1);
    expect(request).toMatchObject({ method: "POST", url: "/rest/order-service/shops/10000/orders" });
    expect(request?.headers["content-type"]).toBe("application/vnd.intershop.order.v2+json");
    expect(request?.headers.authorization).toMatch(/^Basic /);
    const body = JSON.parse(request?.body ?? "{}");
    expect(body).toMatchObject({
      shopOrderNumber: "ORD-1",
      shopOrderCreationDate: "2026-03-01T10:00:00Z",
      customerData: { customerDataType: "PERSON", shopCustomerNumber: "CUST-1" },
      invoiceAddress: {
        location: { type: "AddressLocationStreet", city: "Jena", postCode: "07740", countryCode: "DEU" },
        receiver: { addressReceiverType: "PERSON", person: { firstName: "Ada", lastName: "Lovelace" } },
        contact: { email: "ada@example.com" },
      },
      payment: { paymentMethod: "CREDITCARD" },
      sales: {
        currencyCode: "EUR",
        subTotal: {
          gross: { amount: 1199 },
          net: { amount: 1007.57 },
          taxes: [{ type: "NORMAL_TAX", amount: 191.43 }],
        },
        charges: [{ type: "DELIVERYCHARGE", gross: { amount: 5.95 }, net: { amount: 5 } }],
        total: { gross: { amount: 1204.95 }, taxes: [{ amount: 192.38 }] },
      },
      shippingBuckets: [
        {
          shippingMethod: "DHL",
          shippingAddress: { location: { city: "Jena" } },
          positions: [
            { number: 1, product: { number: "1000001", name: "Notebook 14" }, quantity: 1 },
            { number: 2, product: { number: "1000002" }, quantity: 2, sum: { gross: { amount: 200 } } },
          ],
        },
      ],
    });
  });

  it("works with a bearer token, and reports a re-delivered export as exported already", async () => {
    await exportOrder(sampleExport("ORD-2"), bearerAccount(iom.url));
    const again = await exportOrder(sampleExport("ORD-2"));
    expect(again).toEqual({ shopOrderNumber: "ORD-2", alreadyExported: true });
    expect(iom.state.orders.filter((order) => order.order.shopOrderNumber === "ORD-2")).toHaveLength(1);
  });

  it("turns an ErrorReport into a message naming the step's fields", async () => {
    const unknown = await failure(
      exportOrder(
        sampleExport("ORD-3", {
          lines: [{ productNumber: "NOPE", productName: "Ghost", quantity: 1, amount: 1, taxAmount: 0 }],
        }),
      ),
    );
    expect(unknown.message).toBe(
      "IOM (" +
        new URL(iom.url).host +
        ") refused order ORD-3: Line 1 (Shop product ID): " +
        'shippingBuckets[0].positions[0].product.number: unknown product of shop 10000 (value "NOPE")',
    );
    expect(unknown).toMatchObject({ code: "REMOTE", retryable: false });
    const company = await failure(exportOrder(sampleExport("ORD-3", { customerType: "COMPANY" })));
    expect(company.message).toMatch(
      /refused order ORD-3: Customer company: customerData.companyData.companyName: must not be blank$/,
    );
    expect(iom.state.orders.some((order) => order.order.shopOrderNumber === "ORD-3")).toBe(false);
  });

  it("refuses a shop the user may not use", async () => {
    const forbidden = await failure(exportOrder(sampleExport("ORD-4"), basicAccount(iom.url, { shopId: "77" })));
    expect(forbidden.message).toMatch(/lacks the permission .* or the shop ID does not exist/);
  });
});

describe("Retrieve order states", () => {
  beforeAll(async () => {
    for (let n = 10; n < 15; n++) {
      await exportOrder(
        sampleExport(`PAGE-${n}`, { orderDate: `2026-04-${n}T08:00:00Z`, shopCustomerNumber: n % 2 ? "ODD" : "EVEN" }),
      );
    }
    iom.setOrderStatus("PAGE-12", "STATE_DISPATCHED", { "1000002": "STATE_COMMISSIONED" });
    iom.setPaymentState("PAGE-12", { invoicingDebitAmount: 1204.95, bookedDebitAmount: 600 });
  });

  it("reads every page to the end, with ICM statuses and the payment state", async () => {
    const result = await runAction(
      retrieveOrderStatesAction,
      { createdFrom: "2026-04-01", sortDirection: "DESC" },
      basicAccount(iom.url),
    );
    expect(result.orders.map((order) => order.shopOrderNumber)).toEqual([
      "PAGE-14",
      "PAGE-13",
      "PAGE-12",
      "PAGE-11",
      "PAGE-10",
    ]);
    expect(result).toMatchObject({ count: 5, totalCount: 5, hasMore: false });
    const shipped = result.orders.find((order) => order.shopOrderNumber === "PAGE-12");
    expect(shipped).toMatchObject({
      status: "STATE_DISPATCHED",
      icmStatus: "shipped",
      payment: { status: "Part Paid", invoiced: 1204.95, paid: 600, open: 604.95, currencyCode: "EUR" },
      positions: [
        { productNumber: "1000001", status: "STATE_DISPATCHED", icmStatus: "shipped" },
        { productNumber: "1000002", status: "STATE_COMMISSIONED", icmStatus: "transmitted" },
      ],
    });
    expect(result.orders[0]).toMatchObject({ status: "STATE_CHECKED", icmStatus: "in validation" });
  });

  it("pages with offset and limit until totalCount, passing filters as repeated parameters", async () => {
    const before = iom.requests.length;
    const result = await runAction(
      retrieveOrderStatesAction,
      { shopCustomerNumbers: "ODD, EVEN", orderBy: "shopOrderNumber", createdFrom: "2026-04-01", maxOrders: 3 },
      basicAccount(iom.url),
    );
    expect(result).toMatchObject({ count: 3, totalCount: 5, hasMore: true });
    const first = new URL(iom.requests[before]?.url ?? "", "http://x");
    expect(first.searchParams.getAll("shopCustomerNumbers")).toEqual(["ODD", "EVEN"]);
    expect(first.searchParams.get("orderBy")).toBe("shopOrderNumber");
    const odd = await runAction(
      retrieveOrderStatesAction,
      { shopCustomerNumbers: ["ODD"], statuses: "STATE_CHECKED" },
      basicAccount(iom.url),
    );
    expect(odd.orders.map((order) => order.shopOrderNumber)).toEqual(["PAGE-11", "PAGE-13"]);
  });
});
