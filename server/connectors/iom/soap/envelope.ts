// SOAP 1.1 envelopes for IOM's older SOAP web services (OrderService v1.2, ReverseService v1.0). IOM's services are
// JAX-WS document/literal endpoints (JAX-WS's default binding is SOAP 1.1); their messages use Intershop's type
// namespaces (http://types.theberlinbakery.com/v1_0 … v1_2), element names as in its XSDs. Messages are built and
// read with fast-xml-parser; reading ignores namespace prefixes, so a server that qualifies elements differently
// is still understood.
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";

export const SOAP_ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";
export const TYPES_V1_0 = "http://types.theberlinbakery.com/v1_0";
export const TYPES_V1_1 = "http://types.theberlinbakery.com/v1_1";
export const TYPES_V1_2 = "http://types.theberlinbakery.com/v1_2";
export const SOAP_CONTENT_TYPE = "text/xml; charset=utf-8";

/** An element as fast-xml-parser builds and reads it: attributes under "@_name", text under "#text". */
export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | number | boolean | XmlNode | XmlNode[] | string[] | undefined;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
  format: false,
});

/** A SOAP 1.1 envelope whose body holds `body` (one element, named by its key). */
export function soapEnvelope(body: XmlNode, namespaces: Record<string, string> = {}): string {
  const declarations = Object.fromEntries(
    Object.entries(namespaces).map(([prefix, uri]) => [`@_xmlns:${prefix}`, uri]),
  );
  const tree = { "soapenv:Envelope": { "@_xmlns:soapenv": SOAP_ENVELOPE_NS, ...declarations, "soapenv:Body": body } };
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(tree)}`;
}

/** Elements that may repeat in IOM's messages, read as arrays even when one is present. */
const repeated = new Set([
  "Address",
  "Charge",
  "Element",
  "Position",
  "Properties",
  "Property",
  "Tax",
  "ValidationMessages",
  "Addition",
  "DeliveryOption",
  "CancelPosition",
]);

export interface SoapFault {
  code: string;
  message: string;
  detail: unknown;
}

export type ParsedEnvelope = { ok: true; body: XmlNode } | { ok: false; fault: SoapFault } | { ok: false; fault: null };

/** Reads a SOAP envelope: its body's content, or its Fault; `fault: null` when the text is no SOAP envelope. */
export function readEnvelope(text: string): ParsedEnvelope {
  if (XMLValidator.validate(text) !== true) return { ok: false, fault: null };
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    textNodeName: "#text",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    isArray: (name) => repeated.has(name),
  });
  const parsed = node(parser.parse(text));
  const body = node(node(parsed?.Envelope)?.Body);
  if (!body) return { ok: false, fault: null };
  const fault = node(body.Fault);
  if (fault) {
    return {
      ok: false,
      fault: {
        code: textOf(fault.faultcode).replace(/^.*:/, "") || "Server",
        message: textOf(fault.faultstring) || "SOAP fault",
        detail: fault.detail,
      },
    };
  }
  return { ok: true, body };
}

/** The object form of a parsed element, or undefined for text, arrays and absent elements. */
export function node(value: unknown): XmlNode | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

/** The elements of a repeated child, whether one or many were present. */
export function nodes(value: unknown): XmlNode[] {
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => node(item) ?? { "#text": typeof item === "string" ? item : "" });
}

/** An element's text (or an attribute's value); "" when absent. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const element = node(value);
  return element ? textOf(element["#text"]) : "";
}
