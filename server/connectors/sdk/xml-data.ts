// XML as data a flow maps like JSON, and data back into XML: for webhook bodies (Sterling's events, IOM's SOAP,
// Oracle's business events) and the Toolbox's XML actions. The root element is kept (`{ Order: { … } }`),
// attributes become properties of their element, an element's own text beside attributes or children is `_text`,
// values stay text (a ZIP code keeps its leading zero; a mapping's Number type converts), namespace prefixes are
// dropped, and an element named for its parent's entries (OrderLines › OrderLine, ItemList › Item) is always a list.
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { ConfluxError } from "@/lib/errors";

export const XML_TEXT_KEY = "_text";

function isListEntry(name: string, parent: string | undefined): boolean {
  return parent !== undefined && (parent === `${name}s` || parent === `${name}es` || parent === `${name}List`);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  textNodeName: XML_TEXT_KEY,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name, path) => isListEntry(name, String(path).split(".").at(-2)),
});

/** Reads XML into data; a VALIDATION error says where it is broken. Document types are refused (no entity tricks). */
export function parseXmlData(text: string, what = "The XML"): unknown {
  if (/<!DOCTYPE/i.test(text))
    throw new ConfluxError("VALIDATION", `${what} declares a DOCTYPE, which is not accepted`);
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new ConfluxError(
      "VALIDATION",
      `${what} is not valid XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  const parsed: unknown = parser.parse(text);
  return parsed;
}

/** Whether a media type is XML: application/xml, text/xml, or any …+xml. */
export function isXmlMediaType(contentType: string | null | undefined): boolean {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return mediaType === "application/xml" || mediaType === "text/xml" || mediaType.endsWith("+xml");
}

/**
 * XML for data shaped as parseXmlData gives it: one root key; text, numbers and true/false as child elements or, with
 * `valuesAs: "attributes"`, as attributes (Sterling's style); lists repeat their element; `_text` is the element's text.
 */
export function buildXml(
  data: unknown,
  options: { valuesAs?: "elements" | "attributes"; declaration?: boolean } = {},
): string {
  if (typeof data !== "object" || data === null || Array.isArray(data) || Object.keys(data).length !== 1)
    throw new ConfluxError(
      "INPUT_INVALID",
      'XML needs one root element: give an object with one key, e.g. { "Order": { … } }',
    );
  const asAttributes = options.valuesAs === "attributes";
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    textNodeName: XML_TEXT_KEY,
    suppressEmptyNode: true,
    format: false,
  });
  const xml: string = builder.build(asAttributes ? marked(data) : data);
  return options.declaration === false ? xml : `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
}

// The builder takes attributes by prefix: every scalar property but the text gets it.
function marked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(marked);
  if (typeof value !== "object" || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value)) {
    const scalar = typeof child !== "object" || child === null;
    result[scalar && name !== XML_TEXT_KEY ? `@_${name}` : name] = marked(child);
  }
  return result;
}
