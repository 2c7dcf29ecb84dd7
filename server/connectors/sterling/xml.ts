// Sterling's documents as XML, the form its integration server reads from and writes to queues, and back into the
// JSON form the REST API uses (the root element's name dropped, attributes as string properties, child elements as
// objects, repeated children as arrays). The two forms carry the same document: Sterling's JSON is its XML with the
// root left out.
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import type { SterlingDocument } from "./client";

const ATTRIBUTES = "@";

/** `<Root a="1"><Child …/></Root>` for a document: strings are attributes, objects and arrays child elements. */
export function toSterlingXml(root: string, document: SterlingDocument): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributesGroupName: ATTRIBUTES,
    attributeNamePrefix: "",
    suppressEmptyNode: true,
    format: false,
  });
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [root]: element(document) })}`;
}

type XmlElement = { [ATTRIBUTES]?: Record<string, string>; [child: string]: unknown };

function element(document: SterlingDocument): XmlElement {
  const attributes: Record<string, string> = {};
  const children: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(document)) {
    if (typeof value === "string") attributes[name] = value;
    else if (Array.isArray(value)) children[name] = value.map(element);
    else children[name] = element(value);
  }
  return Object.keys(attributes).length > 0 ? { [ATTRIBUTES]: attributes, ...children } : children;
}

export interface ParsedSterlingXml {
  root: string;
  document: SterlingDocument;
}

/** A list element is named for its entries: OrderLines holds OrderLine, OrderStatusList holds OrderStatus. */
function isListEntry(name: string, parent: string | undefined): boolean {
  return parent !== undefined && (parent === `${name}s` || parent === `${name}es` || parent === `${name}List`);
}

/** Reads Sterling XML; throws an Error whose message says where the XML is broken. */
export function fromSterlingXml(text: string): ParsedSterlingXml {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new Error(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    attributesGroupName: ATTRIBUTES,
    parseAttributeValue: false,
    parseTagValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
    isArray: (name, path) => isListEntry(name, String(path).split(".").at(-2)),
  });
  const parsed: unknown = parser.parse(text);
  const entries = typeof parsed === "object" && parsed !== null ? Object.entries(parsed) : [];
  const [first] = entries;
  if (entries.length !== 1 || !first) throw new Error("the XML has no single root element");
  return { root: first[0], document: fromElement(first[1]) };
}

function fromElement(value: unknown): SterlingDocument {
  if (typeof value !== "object" || value === null) return {};
  const document: SterlingDocument = {};
  for (const [name, child] of Object.entries(value)) {
    if (name === ATTRIBUTES) {
      if (typeof child !== "object" || child === null) continue;
      for (const [attribute, text] of Object.entries(child)) document[attribute] = String(text);
    } else if (name === "#text") {
      continue;
    } else if (Array.isArray(child)) {
      document[name] = child.map(fromElement);
    } else {
      document[name] = fromElement(child);
    }
  }
  return document;
}
