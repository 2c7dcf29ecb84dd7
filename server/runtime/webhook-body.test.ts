import { describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { readWebhookBody } from "./webhook-request";

const read = (text: string, contentType: string | null) => readWebhookBody(Buffer.from(text, "utf8"), contentType);

describe("readWebhookBody", () => {
  it("reads a Sterling-style XML event as data, keeping the text", () => {
    const xml =
      '<?xml version="1.0"?><Order OrderNo="Y100042" EnterpriseCode="DEFAULT"><OrderLines>' +
      '<OrderLine PrimeLineNo="1" OrderedQty="2"><Item ItemID="SKU-1"/></OrderLine></OrderLines>' +
      "<Note>Leave at the door</Note><PostalCode>01234</PostalCode></Order>";
    const { body, rawBody } = read(xml, "application/xml; charset=utf-8");
    expect(body).toEqual({
      Order: {
        OrderNo: "Y100042",
        EnterpriseCode: "DEFAULT",
        // One line is still a list: the element is named for its parent's entries.
        OrderLines: { OrderLine: [{ PrimeLineNo: "1", OrderedQty: "2", Item: { ItemID: "SKU-1" } }] },
        Note: "Leave at the door",
        PostalCode: "01234",
      },
    });
    expect(rawBody).toBe(xml);
  });

  it("drops namespace prefixes (a SOAP envelope) and keeps an element's text beside its attributes as _text", () => {
    const xml =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
      '<ns2:orderEvent xmlns:ns2="urn:x"><ns2:state code="SHIPPED">Shipped</ns2:state></ns2:orderEvent>' +
      "</soap:Body></soap:Envelope>";
    expect(read(xml, "text/xml").body).toEqual({
      Envelope: { Body: { orderEvent: { state: { code: "SHIPPED", _text: "Shipped" } } } },
    });
  });

  it("refuses malformed XML and DOCTYPEs with a VALIDATION error saying where", () => {
    expect(() => read("<Order><Line></Order>", "application/xml")).toThrow(/not valid XML: .*line 1/);
    const doctype = '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>';
    expect(() => read(doctype, "application/xml")).toThrow(ConfluxError);
  });

  it("reads a form, a repeated name as a list, keeping the text", () => {
    const text = "orderNo=A-1&note=two+words&tag=a&tag=b";
    expect(read(text, "application/x-www-form-urlencoded")).toEqual({
      body: { orderNo: "A-1", note: "two words", tag: ["a", "b"] },
      rawBody: text,
    });
  });

  it("reads JSON as before and leaves other text as text", () => {
    expect(read('{"a":1}', "application/json")).toEqual({ body: { a: 1 } });
    expect(read("hello", "text/plain")).toEqual({ body: "hello" });
  });
});
