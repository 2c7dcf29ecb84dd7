// Sterling's list-API query language, as IBM documents it for every list API's input (API_To_Form_Query,
// API_API_InputXML_Query): an attribute alone matches EQ; `<Attr>QryType` compares with GT, GE, LT, LE, NE, EQ,
// FLIKE or LIKE, and BETWEEN / DATERANGE read `From<Attr>` and `To<Attr>`; `OrderBy/Attribute@Name,@Desc` sorts.
// Also the output templates (`API.Template` in getPage): only the attributes and elements a template names are
// returned.
import { z } from "zod";
import { faults, type Doc } from "./state";

/** Attributes that steer the query instead of filtering on a column. */
const CONTROL = new Set(["MaximumRecords", "OrderBy", "ComplexQuery", "ReadFromHistory"]);
const comparisons = ["EQ", "NE", "GT", "GE", "LT", "LE", "FLIKE", "LIKE", "BETWEEN", "DATERANGE"] as const;
const queryType = z.enum(comparisons);

function compareValues(a: string, b: string): number {
  const dateA = Date.parse(a);
  const dateB = Date.parse(b);
  // Timestamps compare as instants, numbers (quantities, status codes) as numbers, everything else as text: the
  // order the database column would give.
  if (/^\d{4}-\d{2}-\d{2}/.test(a) && /^\d{4}-\d{2}-\d{2}/.test(b) && !Number.isNaN(dateA) && !Number.isNaN(dateB)) {
    return dateA - dateB;
  }
  if (/^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b) && a.length < 16 && b.length < 16) {
    return Number(a) - Number(b);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function matches(value: string, type: (typeof comparisons)[number], input: Record<string, unknown>, name: string) {
  const wanted = typeof input[name] === "string" ? input[name] : "";
  switch (type) {
    case "EQ":
      return compareValues(value, wanted) === 0;
    case "NE":
      return compareValues(value, wanted) !== 0;
    case "GT":
      return compareValues(value, wanted) > 0;
    case "GE":
      return compareValues(value, wanted) >= 0;
    case "LT":
      return compareValues(value, wanted) < 0;
    case "LE":
      return compareValues(value, wanted) <= 0;
    case "FLIKE":
      return value.startsWith(wanted);
    case "LIKE":
      return value.includes(wanted);
    case "BETWEEN":
    case "DATERANGE": {
      const from = input[`From${name}`];
      const to = input[`To${name}`];
      return (
        (typeof from !== "string" || from === "" || compareValues(value, from) >= 0) &&
        (typeof to !== "string" || to === "" || compareValues(value, to) <= 0)
      );
    }
  }
}

/** Whether a document passes every filter of a list API's input (blank attributes are not filters). */
export function matchesQuery(doc: Doc, input: Record<string, unknown>, ignore: readonly string[] = []): boolean {
  for (const [key, raw] of Object.entries(input)) {
    if (CONTROL.has(key) || ignore.includes(key) || key.endsWith("QryType") || typeof raw !== "string") continue;
    if (/^(From|To)[A-Z]/.test(key) && `${key.replace(/^(From|To)/, "")}QryType` in input) continue;
    const typeText = input[`${key}QryType`];
    const parsed = queryType.safeParse(typeof typeText === "string" && typeText !== "" ? typeText : "EQ");
    if (!parsed.success) throw faults.badInput(`${key}QryType "${String(typeText)}" is not a query type`);
    if (raw === "" && parsed.data !== "BETWEEN" && parsed.data !== "DATERANGE") continue;
    const value = doc[key];
    if (typeof value !== "string" || !matches(value, parsed.data, input, key)) return false;
  }
  return true;
}

const orderBySchema = z
  .object({
    Attribute: z.union([
      z.object({ Name: z.string(), Desc: z.enum(["Y", "N"]).optional() }),
      z.array(z.object({ Name: z.string(), Desc: z.enum(["Y", "N"]).optional() })),
    ]),
  })
  .optional();

/** Sorts by the input's OrderBy, or leaves the documents in their stored order (creation order) without one. */
export function sortByOrderBy(docs: Doc[], input: Record<string, unknown>): Doc[] {
  const parsed = orderBySchema.safeParse(input.OrderBy);
  if (!parsed.success) throw faults.badInput("OrderBy must hold Attribute elements with a Name");
  const attributes = parsed.data ? [parsed.data.Attribute].flat() : [];
  if (attributes.length === 0) return docs;
  return [...docs].sort((a, b) => {
    for (const { Name, Desc } of attributes) {
      const left = a[Name];
      const right = b[Name];
      const order = compareValues(typeof left === "string" ? left : "", typeof right === "string" ? right : "");
      if (order !== 0) return Desc === "Y" ? -order : order;
    }
    return 0;
  });
}

/**
 * Applies an output template: attributes the template names (with any value) are kept, elements are shaped by their
 * sub-template, and a repeated element is shaped by the template's one instance of it.
 */
export function applyTemplate(doc: Doc, template: unknown): Doc {
  const shape = Array.isArray(template) ? template[0] : template;
  if (typeof shape !== "object" || shape === null) return doc;
  const result: Doc = {};
  for (const [key, sub] of Object.entries(shape)) {
    const value = doc[key];
    if (value === undefined) continue;
    if (typeof value === "string") result[key] = value;
    else if (Array.isArray(value)) result[key] = value.map((entry) => applyTemplate(entry, sub));
    else result[key] = applyTemplate(value, sub);
  }
  return result;
}
