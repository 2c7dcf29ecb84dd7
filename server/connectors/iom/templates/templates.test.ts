// The Sterling → IOM template's mapping, resolved as the runtime resolves it against a Sterling order as the New
// order trigger delivers it, then exported to the simulated IOM: the mapping is not only valid but accepted by IOM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveInputs } from "@/server/runtime/expressions";
import { runAction } from "@/test/connectors/sterling";
import { basicAccount, startSampleIom } from "@/test/connectors/iom";
import { exportOrderAction } from "../actions/export-order";
import type { IomSimulator } from "../simulator";
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
});
