// Reads an operation's input JSON Schema (from the connector manifest) into the list of form fields the designer
// renders. The hint keys are documented in server/connectors/sdk/fields.ts.
import { z } from "zod";
import type { JsonSchema } from "./connector-manifest";

export type FieldKind = "text" | "textarea" | "json" | "keyValue" | "select" | "number" | "boolean" | "timezone" | "cron";

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
  /** The connector's options loader (manifest `optionLists`): choices loaded for the chosen account, typing allowed. */
  optionsLoader?: string;
}

const propertySchema = z
  .object({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    enum: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    default: z.unknown().optional(),
    "x-conflux-widget": z.string().optional(),
    "x-conflux-placeholder": z.string().optional(),
    "x-conflux-order": z.number().optional(),
    "x-conflux-enumLabels": z.record(z.string(), z.string()).optional(),
    "x-conflux-options": z.string().optional(),
    "x-conflux-visibleWhen": z
      .object({ field: z.string(), equals: z.union([z.string(), z.number(), z.boolean()]) })
      .optional(),
  })
  .loose();
type Property = z.infer<typeof propertySchema>;

const objectSchema = z.object({
  properties: z.record(z.string(), z.unknown()).optional(),
  required: z.array(z.string()).optional(),
});

const widgets: Record<string, FieldKind> = {
  text: "text",
  textarea: "textarea",
  json: "json",
  keyValue: "keyValue",
  timezone: "timezone",
  cron: "cron",
};

function kindOf(property: Property): FieldKind {
  const widget = property["x-conflux-widget"];
  if (widget && widgets[widget]) return widgets[widget];
  if (property.enum) return "select";
  const type = Array.isArray(property.type) ? property.type.find((entry) => entry !== "null") : property.type;
  if (type === "integer" || type === "number") return "number";
  if (type === "boolean") return "boolean";
  if (type === "object" || type === "array") return "json";
  return "text";
}

function humanize(name: string): string {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
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
    const labels = value["x-conflux-enumLabels"] ?? {};
    const spec: FieldSpec = {
      name,
      title: value.title ?? humanize(name),
      description: value.description,
      placeholder: value["x-conflux-placeholder"],
      required: required.has(name),
      kind: kindOf(value),
      options: (value.enum ?? []).filter((option) => option !== null).map((option) => ({ value: String(option), label: labels[String(option)] ?? String(option) })),
      visibleWhen: value["x-conflux-visibleWhen"],
      defaultValue: value.default,
      ...(value["x-conflux-options"] ? { optionsLoader: value["x-conflux-options"] } : {}),
    };
    return [{ spec, order: value["x-conflux-order"] ?? 1000 + index }];
  });
  return fields.sort((a, b) => a.order - b.order).map((entry) => entry.spec);
}

/** Whether a field shows, given the other values: e.g. the cron expression only when "Repeat" is "cron". */
export function isFieldVisible(field: FieldSpec, values: Record<string, unknown>): boolean {
  if (!field.visibleWhen) return true;
  const current = values[field.visibleWhen.field];
  return current === field.visibleWhen.equals;
}

/** Required fields that are visible and empty: what the designer marks on the node and lists as problems. */
export function missingRequired(fields: readonly FieldSpec[], values: Record<string, unknown>): FieldSpec[] {
  return fields.filter((field) => {
    if (!field.required || !isFieldVisible(field, values)) return false;
    const value = values[field.name];
    return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  });
}
