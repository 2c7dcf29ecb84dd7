// Builds the tree of fields one step's output offers, from its JSON Schema (properties, items, titles) merged with a
// sample of real output, and writes the JSONata reference that reads each field.
import type { JsonSchema } from "@/lib/connector-manifest";
import { isRecord } from "@/lib/is-record";

export interface DataField {
  /** The key in its parent (or the source's name at the root). */
  name: string;
  title?: string;
  description?: string;
  /** How people read the type: text, number, true/false, list, object, any. */
  type: string;
  /** The JSONata expression that reads this field, e.g. `steps.http_1.body.orderNo`. */
  reference: string;
  /** Present when sample data exists for this field; `value` may itself be null. */
  sample?: { value: unknown };
  children: DataField[];
}

const MAX_DEPTH = 8;
const MAX_CHILDREN = 200;
const RESERVED = new Set(["and", "or", "in", "true", "false", "null", "function"]);

/** Appends a key to a JSONata path, back-quoting names that are not plain identifiers (JSONata's quoting). */
export function appendKey(reference: string, key: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !RESERVED.has(key);
  return `${reference}.${plain ? key : `\`${key}\``}`;
}

/** The root reference of a step's output: `steps.<id>`, quoted when the id holds a "-". */
export function stepReference(stepId: string): string {
  return appendKey("steps", stepId);
}

function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : undefined;
}

/** zod writes optional-nullable fields as `anyOf: [{…}, {type: "null"}]`: read the non-null variant. */
function unwrap(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  const variants = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(variants)) return schema;
  const chosen = variants.map(asSchema).find((variant) => variant && variant.type !== "null");
  return chosen
    ? { ...chosen, title: schema.title ?? chosen.title, description: schema.description ?? chosen.description }
    : schema;
}

function schemaType(schema: JsonSchema | undefined): string | undefined {
  const type = schema?.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((entry): entry is string => typeof entry === "string" && entry !== "null");
  if (schema?.properties) return "object";
  return undefined;
}

const typeNames: Record<string, string> = {
  string: "text",
  number: "number",
  integer: "number",
  boolean: "true/false",
  array: "list",
  object: "object",
};

function sampleType(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** What JSONata gives for `parent.key` on sample data: arrays are mapped over and a single match is unwrapped. */
function childSample(parent: { value: unknown } | undefined, key: string): { value: unknown } | undefined {
  if (!parent) return undefined;
  if (isRecord(parent.value)) return key in parent.value ? { value: parent.value[key] } : undefined;
  if (!Array.isArray(parent.value)) return undefined;
  const found = parent.value.flatMap((element) => {
    if (!isRecord(element) || !(key in element)) return [];
    const value = element[key];
    return Array.isArray(value) ? value : [value];
  });
  if (found.length === 0) return undefined;
  return { value: found.length === 1 ? found[0] : found };
}

function sampleKeys(sample: { value: unknown } | undefined): string[] {
  if (!sample) return [];
  if (isRecord(sample.value)) return Object.keys(sample.value);
  if (!Array.isArray(sample.value)) return [];
  const keys = new Set<string>();
  for (const element of sample.value.slice(0, 20))
    if (isRecord(element)) Object.keys(element).forEach((key) => keys.add(key));
  return [...keys];
}

/** The tree for a value at `reference`, described by `rawSchema` and/or `sample`. */
export function buildField(
  name: string,
  reference: string,
  rawSchema: unknown,
  sample: { value: unknown } | undefined,
  depth = 0,
): DataField {
  const schema = unwrap(asSchema(rawSchema));
  const type = schemaType(schema) ?? sampleType(sample?.value);
  // The fields of a list's elements read as fields of the list: JSONata maps `list.key` over every element.
  const shape = type === "array" ? unwrap(asSchema(schema?.items)) : schema;
  const properties = asSchema(shape?.properties) ?? {};
  const keys = [...new Set([...Object.keys(properties), ...sampleKeys(sample)])].slice(0, MAX_CHILDREN);
  const children =
    depth >= MAX_DEPTH
      ? []
      : keys.map((key) =>
          buildField(key, appendKey(reference, key), properties[key], childSample(sample, key), depth + 1),
        );
  return {
    name,
    title: typeof schema?.title === "string" ? schema.title : undefined,
    description: typeof schema?.description === "string" ? schema.description : undefined,
    type: typeNames[type ?? ""] ?? "any",
    reference,
    sample,
    children,
  };
}

/** Fields whose name, title or reference holds `query` (case-insensitive), with the branches that lead to them. */
export function filterFields(field: DataField, query: string): DataField | undefined {
  const needle = query.trim().toLowerCase();
  if (!needle) return field;
  const matches = [field.name, field.title ?? "", field.reference].some((text) => text.toLowerCase().includes(needle));
  if (matches) return field;
  const children = field.children
    .map((child) => filterFields(child, needle))
    .filter((child): child is DataField => child !== undefined);
  return children.length > 0 ? { ...field, children } : undefined;
}
