// Export order (SOAP, older IOM) against the simulated IOM's OrderService v1.2: the storeOrder envelope as Intershop's
// schemas shape it, the order then visible in REST order states, a re-delivered step, and Faults and
// InvalidMessageExceptions read as sentences.
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicAccount, bearerAccount, sampleExport, startSampleIom } from "@/test/connectors/iom";
import { failure, runAction } from "@/test/connectors/sterling";
import { readEnvelope } from "../soap/envelope";
import type { IomSimulator } from "../simulator";
import { exportOrderSoapAction } from "./export-order-soap";
import { retrieveOrderStatesAction } from "./retrieve-order-states";

let iom: IomSimulator;
beforeAll(async () => {
  iom = await startSampleIom();
});
afterAll(() => iom.close());

const exportSoap = (input: Record<string, unknown>, account = basicAccount(iom.url), key?: string) =>
  runAction(exportOrderSoapAction, input, account, key);

describe("Export order (SOAP, older IOM)", () => {
  it("stores the order with storeOrder in a SOAP 1.1 envelope, and IOM then lists it", async () => {
    const result = await exportSoap(sampleExport("SOAP-1"), basicAccount(iom.url), "run-9:export");
    expect(result).toEqual({
      shopOrderNumber: "SOAP-1",
      alreadyExported: false,
      result: "OK",
      properties: { orderId: expect.stringMatching(/^\d+$/) },
    });
    const request = iom.requests.at(-1);
    expect(request).toMatchObject({ method: "POST", url: "/webservices/OrderService/v1.2" });
    expect(request?.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(request?.headers.soapaction).toBe('""');
    expect(request?.headers.authorization).toBeUndefined();
    // Namespaces as declared: the envelope, storeOrder in v1_2, Partner's elements in v1_0.
    const raw = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false }).parse(
      request?.body ?? "",
    );
    const envelope = raw["soapenv:Envelope"];
    expect(envelope["@_xmlns:soapenv"]).toBe("http://schemas.xmlsoap.org/soap/envelope/");
    const storeOrder = envelope["soapenv:Body"].storeOrder;
    expect(storeOrder["@_xmlns"]).toBe("http://types.theberlinbakery.com/v1_2");
    expect(envelope["@_xmlns:t0"]).toBe("http://types.theberlinbakery.com/v1_0");
    expect(storeOrder).toMatchObject({
      "t0:MessageId": "run-9:export",
      "t0:User": "consumer_ws",
      "t0:Password": "consumer_ws!",
      "t0:Shop": "inTRONICS",
    });
    const order = storeOrder.Order;
    expect(Object.keys(order)).toEqual(["Customer", "Shop", "InvoiceAddressID", "Address", "Sales", "Position"]);
    expect(order.Shop).toMatchObject({
      "@_orderId": "SOAP-1",
      "@_customerId": "CUST-1",
      "@_orderCreationDate": "2026-03-01T10:00:00Z",
    });
    expect(order.Address[0]).toMatchObject({
      "@_id": "invoice",
      "@_type": "BILLING",
      Receiver: { "t0:Person": { "@_firstName": "Ada", "@_lastName": "Lovelace" } },
      Location: {
        City: "Jena",
        PostCode: "07740",
        DetailedStreet: { "@_streetName": "Intershop Tower", "@_houseNumber": "1" },
        Country: "DEU",
      },
    });
    expect(order.Sales).toMatchObject({
      "@_method": "CREDITCARD",
      "@_currency": "EUR",
      Sum: { Gross: { "@_amount": "1199.00" }, Net: { "@_amount": "1007.57" } },
      Charge: { "@_type": "DELIVERYCHARGE", Gross: { "@_amount": "5.95" } },
      Total: { Gross: { "@_amount": "1204.95" } },
    });
    expect(order.Position[1]).toMatchObject({
      "@_number": "2",
      Article: { "@_articleId": "1000002", "@_name": "USB-C dock" },
      Shipping: { "@_shipToAddress": "shipping", "@_shippingMethod": "DHL" },
      Ordered: { "@_quantity": "2" },
      Unit: { Gross: { "@_amount": "100.00" } },
    });

    const states = await runAction(retrieveOrderStatesAction, { shopOrderNumbers: "SOAP-1" }, basicAccount(iom.url));
    expect(states.orders.map((found) => [found.shopOrderNumber, found.shopCustomerNumber])).toEqual([
      ["SOAP-1", "CUST-1"],
    ]);
  });

  it("reports a re-delivered step's order as exported already (DuplicateException)", async () => {
    await exportSoap(sampleExport("SOAP-2"));
    expect(await exportSoap(sampleExport("SOAP-2"))).toMatchObject({
      shopOrderNumber: "SOAP-2",
      alreadyExported: true,
    });
  });

  it("reads IOM's validation messages into the error, naming path and code", async () => {
    const error = await failure(
      exportSoap(
        sampleExport("SOAP-3", {
          paymentMethod: "BITCOIN",
          currencyCode: "USD",
          lines: [{ productNumber: "NOPE", productName: "Ghost", quantity: 1, amount: 5 }],
        }),
      ),
    );
    expect(error).toMatchObject({ code: "REMOTE", retryable: false });
    expect(error.message).toMatch(/refused order SOAP-3: The message could not be processed/);
    expect(error.message).toMatch(/Order\/Sales\/@method: Payment method BITCOIN is unknown \(UNKNOWN_PAYMENTMETHOD\)/);
    expect(error.message).toMatch(/\(WRONG_CURRENCY\)/);
    expect(error.message).toMatch(/Article NOPE is unknown in shop inTRONICS \(FAILED_VALIDATION\)/);
  });

  it("reads a Fault for wrong credentials as a sentence about the account", async () => {
    const error = await failure(exportSoap(sampleExport("SOAP-4"), basicAccount(iom.url, { password: "wrong" })));
    expect(error).toMatchObject({ code: "REMOTE", retryable: false, status: 500 });
    expect(error.message).toMatch(/did not accept the user and password for order SOAP-4.*USER_PASSWORD_UNKNOWN/);
  });

  it("names an unknown shop name and a wrong service path", async () => {
    const shop = await failure(exportSoap(sampleExport("SOAP-5"), basicAccount(iom.url, { shopName: "Elsewhere" })));
    expect(shop.message).toMatch(/Shop: Shop Elsewhere unknown \(UNKNOWN_SHOP\)/);
    const path = await failure(exportSoap({ ...sampleExport("SOAP-6"), servicePath: "/webservices/Nope/v1.0" }));
    expect(path.message).toMatch(/has no OrderService storeOrder .* at \/webservices\/Nope\/v1\.0 \(404\)/);
  });

  it("takes the alternative address /services/OrderService/v1.2, and needs a user and password", async () => {
    const result = await exportSoap({ ...sampleExport("SOAP-7"), servicePath: "/services/OrderService/v1.2" });
    expect(result.alreadyExported).toBe(false);
    const bearer = await failure(exportSoap(sampleExport("SOAP-8"), bearerAccount(iom.url)));
    expect(bearer.message).toMatch(/User and password/i);
  });
});

describe("readEnvelope", () => {
  it("reads a Fault whatever the prefixes, and refuses what is not SOAP", () => {
    const fault = `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>boom</faultstring></S:Fault></S:Body></S:Envelope>`;
    expect(readEnvelope(fault)).toEqual({ ok: false, fault: { code: "Server", message: "boom", detail: undefined } });
    expect(readEnvelope("<html>nope</html>")).toEqual({ ok: false, fault: null });
    expect(readEnvelope("not xml <")).toEqual({ ok: false, fault: null });
  });
});
