// A structured value built field by field (a JSON request body, any free-form object or list input): keys whose values
// are literals or `{{ JSONata }}` templates, each with the type it must have and what to do when its expression finds
// nothing. It is stored in a node's inputs as `{ "$mapping": <slot> }` and resolved into plain data before the step
// runs (server/runtime/expressions.ts) and in the designer's preview, by the one function below, so a value that cannot
// be produced fails the step with a message naming the field and the expression instead of reaching anyone broken.
import { z } from "zod";
import { ConfluxError } from "./errors";
import { isRecord } from "./is-record";
import { isTemplate, parseTemplate } from "./templates";

/** What a slot's value must be. "auto" keeps what an expression gives; a literal reads as a JSON scalar or text. */
export const mappingTypes = ["auto", "text", "number", "boolean"] as const;
export type MappingType = (typeof mappingTypes)[number];

/** What happens when a slot's expression finds nothing: fail the step (the default), leave it out, or a default. */
export const missingPolicies = ["fail", "omit", "default"] as const;
export type MissingPolicy = (typeof missingPolicies)[number];

export interface MappingSlot {
  /** Literal text or a template; or an object of keyed slots; or a list of slots. */
  value: string | { object: MappingEntry[] } | { list: MappingSlot[] };
  type?: MappingType;
  ifMissing?: MissingPolicy;
  /** Text read by `type` like a literal, used when `ifMissing` is "default". */
  default?: string;
}

export interface MappingEntry extends MappingSlot {
  key: string;
}

const slotShape = {
  type: z.enum(mappingTypes).optional(),
  ifMissing: z.enum(missingPolicies).optional(),
  default: z.string().optional(),
};

export const mappingSlotSchema: z.ZodType<MappingSlot> = z.lazy(() =>
  z.object({
    value: z.union([
      z.string(),
      z.object({ object: z.array(mappingEntrySchema) }),
      z.object({ list: z.array(mappingSlotSchema) }),
    ]),
    ...slotShape,
  }),
);

const mappingEntrySchema: z.ZodType<MappingEntry> = z.lazy(() =>
  z.object({
    key: z.string(),
    value: z.union([
      z.string(),
      z.object({ object: z.array(mappingEntrySchema) }),
      z.object({ list: z.array(mappingSlotSchema) }),
    ]),
    ...slotShape,
  }),
);

export const MAPPING_KEY = "$mapping";

export interface Mapping {
  [MAPPING_KEY]: MappingSlot;
}

/** Whether a stored input value is a mapping (an object whose only key is `$mapping`). */
export function isMapping(value: unknown): value is Mapping {
  return isRecord(value) && Object.keys(value).length === 1 && isRecord(value[MAPPING_KEY]);
}

/** The mapping's slot when it is well formed; a ConfluxError naming the field when it is not. */
export function readMapping(value: Mapping, field: string): MappingSlot {
  const parsed = mappingSlotSchema.safeParse(value[MAPPING_KEY]);
  if (parsed.success) return parsed.data;
  throw new ConfluxError("INPUT_INVALID", `The mapping of "${field}" is damaged: ${parsed.error.issues[0]?.message}`, {
    details: { field },
  });
}

export function mapping(slot: MappingSlot): Mapping {
  return { [MAPPING_KEY]: slot };
}

/** The top-level fields of a mapping by key (their values as stored), or null when it is not built field by field. */
export function mappedFields(value: Mapping): Record<string, unknown> | null {
  const slot = mappingSlotSchema.safeParse(value[MAPPING_KEY]);
  if (!slot.success || typeof slot.data.value === "string" || !("object" in slot.data.value)) return null;
  return Object.fromEntries(slot.data.value.object.map((entry) => [entry.key, entry.value]));
}

/** `body.lines[0].sku`: how errors and previews name a slot. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

const typeNames: Record<Exclude<MappingType, "auto">, string> = {
  text: "text",
  number: "a number",
  boolean: "true or false",
};

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

type Converted = { ok: true; value: unknown } | { ok: false };

/** The value as `type` wants it: numbers and true/false may come as text; anything else that differs is refused. */
export function convertValue(value: unknown, type: MappingType): Converted {
  switch (type) {
    case "auto":
      return { ok: true, value };
    case "text":
      if (typeof value === "string") return { ok: true, value };
      if (typeof value === "number" || typeof value === "boolean") return { ok: true, value: String(value) };
      return { ok: false };
    case "number":
      if (typeof value === "number") return { ok: true, value };
      if (typeof value === "string" && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value))
        return { ok: true, value: Number(value) };
      return { ok: false };
    case "boolean":
      if (typeof value === "boolean") return { ok: true, value };
      if (value === "true" || value === "false") return { ok: true, value: value === "true" };
      return { ok: false };
  }
}

/** A literal (or a default) as typed by the user: with "auto", numbers, true, false and null are JSON scalars. */
export function literalValue(text: string, type: MappingType): Converted {
  if (type !== "auto") return convertValue(text, type);
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(text.trim())) {
    const parsed: unknown = JSON.parse(text.trim());
    return { ok: true, value: parsed };
  }
  return { ok: true, value: text };
}

/** Evaluates one expression of the slot at `field` (named in its errors). */
export type Evaluate = (source: string, field: string) => Promise<unknown>;

/** The value a slot gives, or `omitted` when its expression found nothing and its policy leaves it out. */
export type SlotResult = { omitted: false; value: unknown } | { omitted: true };

function mappingError(field: string, expression: string | undefined, message: string): ConfluxError {
  return new ConfluxError("INPUT_INVALID", message, { details: { field, ...(expression ? { expression } : {}) } });
}

async function leafValue(
  text: string,
  field: string,
  evaluate: Evaluate,
): Promise<{ found: true; value: unknown } | { found: false }> {
  const parts = parseTemplate(text.trim(), field);
  const [only] = parts;
  if (parts.length === 1 && only?.kind === "expression") {
    const value = await evaluate(only.source, field);
    return value === undefined ? { found: false } : { found: true, value };
  }
  let result = "";
  for (const part of parseTemplate(text, field)) {
    if (part.kind === "text") result += part.text;
    else {
      const value = await evaluate(part.source, field);
      // Text with a hole in it ("Order " and nothing) is as broken as a missing value.
      if (value === undefined || value === null) return { found: false };
      result += typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { found: true, value: result };
}

/**
 * Resolves a slot into plain data. Expressions go to `evaluate` (the runtime's bounded engine, or the designer's);
 * a missing value or a type mismatch throws INPUT_INVALID naming `field` and the expression, unless its policy says
 * to leave it out or use a default.
 */
export async function resolveSlot(slot: MappingSlot, field: string, evaluate: Evaluate): Promise<SlotResult> {
  const { value } = slot;
  if (typeof value !== "string") {
    if ("object" in value) {
      const result: Record<string, unknown> = {};
      for (const entry of value.object) {
        const resolved = await resolveSlot(entry, childPath(field, entry.key), evaluate);
        if (!resolved.omitted) result[entry.key] = resolved.value;
      }
      return { omitted: false, value: result };
    }
    const items: unknown[] = [];
    for (const [index, item] of value.list.entries()) {
      const resolved = await resolveSlot(item, childPath(field, index), evaluate);
      if (!resolved.omitted) items.push(resolved.value);
    }
    return { omitted: false, value: items };
  }
  const type = slot.type ?? "auto";
  if (!isTemplate(value)) {
    const literal = literalValue(value, type);
    if (literal.ok && !(value === "" && type !== "text" && type !== "auto"))
      return { omitted: false, value: literal.value };
    if (value !== "")
      throw mappingError(
        field,
        undefined,
        `"${field}" must be ${typeNames[type === "auto" ? "text" : type]}, not ${describeValue(value)}.`,
      );
  }
  const found = value === "" ? { found: false as const } : await leafValue(value, field, evaluate);
  const expression = value.trim();
  if (!found.found) {
    const policy = slot.ifMissing ?? "fail";
    if (policy === "omit") return { omitted: true };
    if (policy === "default") {
      const fallback = literalValue(slot.default ?? "", type);
      if (fallback.ok) return { omitted: false, value: fallback.value };
      throw mappingError(
        field,
        expression,
        `The default of "${field}" is not ${typeNames[type === "auto" ? "text" : type]}.`,
      );
    }
    throw mappingError(
      field,
      expression,
      `"${field}" has no value: ${expression || "it is empty"}${expression ? " found nothing in this run's data" : ""}. ` +
        `Map it to data that is there, or set its "If missing" to "Leave it out" or "Use a default".`,
    );
  }
  const converted = convertValue(found.value, type);
  if (converted.ok) return { omitted: false, value: converted.value };
  throw mappingError(
    field,
    expression,
    `"${field}" must be ${typeNames[type === "auto" ? "text" : type]}, but ${expression} gave ${describeValue(found.value)}.`,
  );
}

function children(slot: MappingSlot, path: string): Array<[MappingSlot, string]> {
  const { value } = slot;
  if (typeof value === "string") return [];
  if ("object" in value) return value.object.map((entry) => [entry, childPath(path, entry.key)]);
  return value.list.map((item, index) => [item, childPath(path, index)]);
}

/** Visits every template of a slot with the path of the slot holding it. */
export function walkSlot(slot: MappingSlot, path: string, visit: (template: string, path: string) => void): void {
  if (typeof slot.value === "string") {
    if (isTemplate(slot.value)) visit(slot.value, path);
    return;
  }
  for (const [child, at] of children(slot, path)) walkSlot(child, at, visit);
}

/**
 * What can be known wrong before a run: keys left empty or given twice, literals and defaults that are not of their
 * slot's type, a default policy without a default. Template syntax is checked with every other template.
 */
export function slotProblems(slot: MappingSlot, path: string): string[] {
  const problems: string[] = [];
  const { value } = slot;
  const type = slot.type ?? "auto";
  const named = typeNames[type === "auto" ? "text" : type];
  if (typeof value === "string") {
    if (value !== "" && !isTemplate(value) && !literalValue(value, type).ok)
      problems.push(`"${path}" must be ${named}, not ${describeValue(value)}`);
    if (slot.ifMissing === "default" && !literalValue(slot.default ?? "", type).ok)
      problems.push(`The default of "${path}" must be ${named}`);
    return problems;
  }
  if ("object" in value) {
    const seen = new Set<string>();
    for (const entry of value.object) {
      if (entry.key.trim() === "") problems.push(`"${path}" has a field without a name`);
      else if (seen.has(entry.key)) problems.push(`"${path}" has the field "${entry.key}" twice`);
      seen.add(entry.key);
    }
  }
  for (const [child, at] of children(slot, path)) problems.push(...slotProblems(child, at));
  return problems;
}

/** The problems of every mapping inside a value (a node's inputs), named by field. */
export function mappingProblems(value: unknown, path: string): string[] {
  if (isMapping(value)) {
    const parsed = mappingSlotSchema.safeParse(value[MAPPING_KEY]);
    return parsed.success ? slotProblems(parsed.data, path) : [`The mapping of "${path}" is damaged`];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => mappingProblems(item, childPath(path, index)));
  if (isRecord(value))
    return Object.entries(value).flatMap(([key, item]) => mappingProblems(item, childPath(path, key)));
  return [];
}
