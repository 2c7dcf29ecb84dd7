// The Sterling → IOM template's mapping, resolved as the runtime resolves it against a Sterling order as the New
// order trigger delivers it, then exported to the simulated IOM: the mapping is not only valid but accepted by IOM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveInputs } from "@/server/runtime/expressions";
import { runAction } from "@/test/connectors/sterling";
import { basicAccount, startSampleIom } from "@/test/connectors/iom";
import { checkAvailabilityAction } from "../actions/check-availability";
import { exportOrderAction } from "../actions/export-order";
import type { IomSimulator } from "../simulator";
import { newstoreAvailabilityFromIomTemplate } from "./newstore-availability-from-iom";
import { sterlingOrderToIomTemplate } from "./sterling-order-to-iom";

let iom: IomSimulator;
beforeAll(async () => {
  iom = await startSampleIom();
});
afterAll(() => iom.close());

const person = (firstName: string, city: string) => ({
  FirstName: firstName,
  LastName: "Hopper",
  AddressLine1: "Main Street 1",
  City: city,
  ZipCode: "10115",
  Country: "DE",
  EMailID: "grace@example.com",
});

const sterlingOrder = {
  OrderHeaderKey: "2026010100000001",
  OrderNo: "Y100042",
  OrderDate: "2026-01-05T10:00:00+00:00",
  BillToID: "CUST-7",
  SCAC: "UPS",
  PriceInfo: { Currency: "EUR", TotalAmount: "1198.00" },
  PersonInfoBillTo: person("Grace", "Berlin"),
  PersonInfoShipTo: person("Grace", "Potsdam"),
  OrderLines: {
    OrderLine: [
      {
        PrimeLineNo: "1",
        OrderedQty: "2",
        Item: { ItemID: "1000002", ItemShortDesc: "USB-C dock" },
        LinePriceInfo: { UnitPrice: "99.00" },
      },
    ],
  },
};

describe("Sterling new order → export to IOM", () => {
  it("maps a Sterling order into an order IOM accepts", async () => {
    const node = sterlingOrderToIomTemplate.graph.nodes.find((candidate) => candidate.id === "export_order");
    const inputs = await resolveInputs(node?.inputs ?? {}, { trigger: sterlingOrder, steps: {}, env: {} });
    const result = await runAction(exportOrderAction, inputs, basicAccount(iom.url));
    expect(result).toMatchObject({ shopOrderNumber: "Y100042", alreadyExported: false });
    const body = JSON.parse(iom.requests.at(-1)?.body ?? "{}");
    expect(body).toMatchObject({
      shopOrderNumber: "Y100042",
      customerData: { shopCustomerNumber: "CUST-7" },
      invoiceAddress: { location: { city: "Berlin", countryCode: "DEU", street: "Main Street 1" } },
      payment: { paymentMethod: "ON_ACCOUNT" },
      sales: { currencyCode: "EUR", total: { gross: { amount: 198 } } },
      shippingBuckets: [
        {
          shippingMethod: "UPS",
          shippingAddress: { location: { city: "Potsdam" } },
          positions: [
            { product: { number: "1000002", name: "USB-C dock" }, quantity: 2, sum: { gross: { amount: 198 } } },
          ],
        },
      ],
    });
  });

  it("uses the ship-to as invoice address when the order has no bill-to, as the New order trigger reads it", async () => {
    const node = sterlingOrderToIomTemplate.graph.nodes.find((candidate) => candidate.id === "export_order");
    const { PersonInfoBillTo: _billTo, BillToID: _billToId, SCAC: _scac, ...asTriggered } = sterlingOrder;
    const order = { ...asTriggered, OrderNo: "Y100043", CustomerEMailID: "grace@example.com" };
    const inputs = await resolveInputs(node?.inputs ?? {}, { trigger: order, steps: {}, env: {} });
    const result = await runAction(exportOrderAction, inputs, basicAccount(iom.url));
    expect(result).toMatchObject({ shopOrderNumber: "Y100043", alreadyExported: false });
    const body = JSON.parse(iom.requests.at(-1)?.body ?? "{}");
    expect(body.invoiceAddress).toMatchObject({
      location: { city: "Potsdam", countryCode: "DEU" },
      contact: { email: "grace@example.com" },
    });
  });
});

describe("NewStore asks for availability → answer from IOM", () => {
  it("answers every product and location NewStore asks about with IOM's ATP, zero for unknown products", async () => {
    const products = [
      { product_id: "1000001", external_identifier: "1000001" },
      { product_id: "1000003", external_identifier: "1000003" },
      { product_id: "UNKNOWN-9", external_identifier: "UNKNOWN-9" },
    ];
    const locations = ["DC-1", "STORE-2"];
    const trigger = {
      products,
      fulfillment_locations: locations,
      pairs: products.flatMap((product) =>
        locations.map((location) => ({ ...product, fulfillment_location: location })),
      ),
      receivedAt: "2026-03-01T10:00:00Z",
    };
    const nodes = newstoreAvailabilityFromIomTemplate.graph.nodes;
    const atpInputs = await resolveInputs(nodes.find((node) => node.id === "atp")?.inputs ?? {}, {
      trigger,
      steps: {},
      env: {},
    });
    const atp = await runAction(checkAvailabilityAction, atpInputs, basicAccount(iom.url));
    const answer = await resolveInputs(nodes.find((node) => node.id === "answer")?.inputs ?? {}, {
      trigger,
      steps: { atp },
      env: {},
    });
    // The sample shop: Notebook 14 has 25 in stock, 3 reserved and 2 blocked; the headset none.
    const atpOf = (id: string) => atp.products.find((product) => product.id === id)?.atp;
    expect(atpOf("1000001")).toBeGreaterThan(0);
    expect(answer.body).toEqual({
      availabilities: [
        { product_id: "1000001", external_identifier: "1000001", fulfillment_location: "DC-1", atp: atpOf("1000001") },
        {
          product_id: "1000001",
          external_identifier: "1000001",
          fulfillment_location: "STORE-2",
          atp: atpOf("1000001"),
        },
        { product_id: "1000003", external_identifier: "1000003", fulfillment_location: "DC-1", atp: 0 },
        { product_id: "1000003", external_identifier: "1000003", fulfillment_location: "STORE-2", atp: 0 },
        { product_id: "UNKNOWN-9", external_identifier: "UNKNOWN-9", fulfillment_location: "DC-1", atp: 0 },
        { product_id: "UNKNOWN-9", external_identifier: "UNKNOWN-9", fulfillment_location: "STORE-2", atp: 0 },
      ],
    });
  });
});
