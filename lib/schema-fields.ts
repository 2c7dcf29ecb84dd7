// Reads an operation's input JSON Schema (from the connector manifest) into the list of form fields the designer
// renders. The hint keys and what they mean are defined in lib/field-hints.ts, which connectors declare them with.
import { z } from "zod";
import type { JsonSchema } from "./connector-manifest";
import { fieldHintKeys, fieldHintsJsonSchema, type FieldWidget, type SuggestedKey } from "./field-hints";
import { isRecord } from "./is-record";

export type FieldKind =
  | "text"
  | "textarea"
  | "json"
  | "keyValue"
  | "select"
  | "number"
  | "boolean"
  | "timezone"
  | "cron"
  | "flows"
  | "group"
  | "list";

export interface FieldSpec {
  name: string;
  title: string;
  description?: string;
  placeholder?: string;
  required: boolean;
  kind: FieldKind;
  options: Array<{ value: string; label: string }>;
  visibleWhen?: { field: string; equals: string | number | boolean };
  defaultValue?: unknown;
  /** An HTTP body beside a `headers` field (widget "httpBody"): its preview checks JSON against the Content-Type. */
  httpBody?: true;
  /** The connector's options loader (manifest `optionLists`): choices loaded for the chosen account, typing allowed. */
  optionsLoader?: string;
  /** A free-form object merged beside the form: its keys that a sibling field also sets, by that field's name. */
  overlaps?: Record<string, string>;
  /** A free-form object's documented keys, offered by the Fields editor (required ones marked). */
  suggestedKeys?: SuggestedKey[];
  /** A "group" (an object with declared properties): its sub-fields, described like top-level fields. */
  fields?: FieldSpec[];
  /** A "list" (an array with a declared item type): one item, a "group" for objects or a single value otherwise. */
  item?: FieldSpec;
}

const propertySchema = z
  .object({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    enum: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    default: z.unknown().optional(),
  })
  .extend(fieldHintsJsonSchema.shape)
  .loose();
type Property = z.infer<typeof propertySchema>;

const objectSchema = z.object({
  properties: z.record(z.string(), z.unknown()).optional(),
  required: z.array(z.string()).optional(),
});

const widgets: Record<FieldWidget, FieldKind> = {
  text: "text",
  textarea: "textarea",
  httpBody: "textarea",
  json: "json",
  keyValue: "keyValue",
  timezone: "timezone",
  cron: "cron",
  flows: "flows",
};

function isWidget(name: string | undefined): name is FieldWidget {
  return name !== undefined && Object.hasOwn(widgets, name);
}

function kindOf(property: Property): FieldKind {
  const widget = property[fieldHintKeys.widget];
  if (isWidget(widget)) return widgets[widget];
  if (property.enum) return "select";
  const type = Array.isArray(property.type) ? property.type.find((entry) => entry !== "null") : property.type;
  if (type === "integer" || type === "number") return "number";
  if (type === "boolean") return "boolean";
  if (type === "object" || type === "array") return structuredKind(property) ?? "json";
  return "text";
}

// Objects with declared properties and arrays with a declared item type get structured editors; free-form ones
// (a request body, additional attributes) have nothing to build a form from, so they stay JSON text.
const itemsSchema = z.object({ items: z.record(z.string(), z.unknown()) });

function hasProperties(schema: unknown): boolean {
  const parsed = objectSchema.safeParse(schema);
  return parsed.success && Object.keys(parsed.data.properties ?? {}).length > 0;
}

function structuredKind(property: Property): "group" | "list" | undefined {
  if (hasProperties(property)) return "group";
  const items = itemsSchema.safeParse(property);
  if (!items.success) return undefined;
  const item = propertySchema.safeParse(items.data.items);
  return item.success && (hasProperties(item.data) || !["group", "list", "json"].includes(kindOf(item.data)))
    ? "list"
    : undefined;
}

function describeStructure(property: Property): Pick<FieldSpec, "fields" | "item"> {
  const kind = kindOf(property);
  if (kind === "group") return { fields: describeFields(property) };
  if (kind !== "list") return {};
  const items = itemsSchema.parse(property).items;
  const item = describeFields({ type: "object", properties: { item: items }, required: ["item"] })[0];
  return item ? { item } : {};
}

function humanize(name: string): string {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function describeFields(schema: JsonSchema | undefined): FieldSpec[] {
  const parsed = objectSchema.safeParse(schema ?? {});
  if (!parsed.success || !parsed.data.properties) return [];
  const required = new Set(parsed.data.required ?? []);
  const fields = Object.entries(parsed.data.properties).flatMap(([name, raw], index) => {
    const property = propertySchema.safeParse(raw);
    if (!property.success) return [];
    const value = property.data;
    const labels = value[fieldHintKeys.enumLabels] ?? {};
    const spec: FieldSpec = {
      name,
      title: value.title ?? humanize(name),
      description: value.description,
      placeholder: value[fieldHintKeys.placeholder],
      required: required.has(name),
      kind: kindOf(value),
      options: (value.enum ?? [])
        .filter((option) => option !== null)
        .map((option) => ({ value: String(option), label: labels[String(option)] ?? String(option) })),
      visibleWhen: value[fieldHintKeys.visibleWhen],
      defaultValue: value.default,
      ...(value[fieldHintKeys.widget] === "httpBody" ? { httpBody: true as const } : {}),
      ...(value[fieldHintKeys.options] ? { optionsLoader: value[fieldHintKeys.options] } : {}),
      ...(value[fieldHintKeys.overlaps] ? { overlaps: value[fieldHintKeys.overlaps] } : {}),
      ...(value[fieldHintKeys.suggestedKeys] ? { suggestedKeys: value[fieldHintKeys.suggestedKeys] } : {}),
      ...describeStructure(value),
    };
    return [{ spec, order: value[fieldHintKeys.order] ?? 1000 + index }];
  });
  return fields.sort((a, b) => a.order - b.order).map((entry) => entry.spec);
}

/** Whether a field shows, given the other values: e.g. the cron expression only when "Repeat" is "cron". */
export function isFieldVisible(field: FieldSpec, values: Record<string, unknown>): boolean {
  if (!field.visibleWhen) return true;
  const current = values[field.visibleWhen.field];
  return current === field.visibleWhen.equals;
}

/** A required list with no items counts as empty, like a blank text. */
function isEmptyValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

export interface MissingField {
  /** Where the value sits, parts joined by dots ("lines", "lines.1.itemId"): the form marks the field by it. */
  path: string;
  /** The field as the user reads it: "Order lines › line 2 › Item ID". */
  label: string;
}

/**
 * Required fields left empty, down into groups and the items of lists. A template stands for its whole value, so
 * nothing under one is checked: what it gives is only known at run time.
 */
export function findMissing(
  fields: readonly FieldSpec[],
  values: Record<string, unknown>,
  parent?: MissingField,
): MissingField[] {
  return fields.flatMap((field) => {
    if (!isFieldVisible(field, values)) return [];
    const at: MissingField = {
      path: parent ? `${parent.path}.${field.name}` : field.name,
      label: parent ? `${parent.label} › ${field.title}` : field.title,
    };
    const value = values[field.name];
    if (isEmptyValue(value)) return field.required ? [at] : [];
    if (field.kind === "group" && isRecord(value)) return findMissing(field.fields ?? [], value, at);
    if (field.kind !== "list" || !field.item || !Array.isArray(value)) return [];
    const item = field.item;
    return value.flatMap((entry, index) => {
      const itemAt = { path: `${at.path}.${index}`, label: `${at.label} › ${item.title.toLowerCase()} ${index + 1}` };
      if (item.kind === "group") return isRecord(entry) ? findMissing(item.fields ?? [], entry, itemAt) : [];
      return isEmptyValue(entry) ? [itemAt] : [];
    });
  });
}
