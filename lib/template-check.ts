// Checks a field's template the way a run would resolve it, for the designer's live preview: syntax errors with the
// character they are at, and the value the template gives on sample data, with a warning when that value is null,
// nothing at all (the silent-null trap: the field is then left unset) or not the type the field expects.
import jsonata from "jsonata";
import { scanTemplate, type TemplatePart } from "./templates";
import { isRecord } from "./is-record";

/** What expressions see, as the runtime builds it (server/runtime/expressions.ts ExpressionContext). */
export interface PreviewContext {
  trigger: unknown;
  steps: Record<string, unknown>;
  env: Record<string, unknown>;
  item?: unknown;
  index?: number;
}

export type ValueType = "string" | "number" | "boolean" | "object" | "array";

export type SyntaxCheck =
  | { ok: true; parts: TemplatePart[] }
  /** `position` counts characters from 1 within the whole field text. */
  | { ok: false; message: string; position: number };

export type TemplatePreview =
  | { status: "error"; message: string; position?: number }
  | { status: "ok"; value: unknown }
  | { status: "nothing"; value: unknown; message: string }
  | { status: "null"; value: unknown; message: string }
  | { status: "wrongType"; value: unknown; message: string };

// The preview runs on every pause in typing, so it gets less time than a run step (1 s) and never blocks the page long.
const PREVIEW_TIMEOUT_MS = 250;
const MAX_DEPTH = 200;

const jsonTypes: Record<string, ValueType> = {
  string: "string",
  number: "number",
  integer: "number",
  boolean: "boolean",
  object: "object",
  array: "array",
};

function typesOfProperty(property: unknown): ValueType[] {
  if (!isRecord(property)) return [];
  const found: ValueType[] = [];
  const types = Array.isArray(property.type) ? property.type : [property.type];
  for (const type of types) if (typeof type === "string" && jsonTypes[type]) found.push(jsonTypes[type]);
  for (const variants of [property.anyOf, property.oneOf]) {
    if (Array.isArray(variants)) found.push(...variants.flatMap(typesOfProperty));
  }
  return [...new Set(found)];
}

/**
 * The JSON types each field of an operation's input schema accepts, read from the schema itself: a field's widget
 * may differ from its type (an If's condition is a text box for a boolean). Fields of any type are left out.
 */
export function expectedTypesFromSchema(schema: unknown): Record<string, ValueType[]> {
  const result: Record<string, ValueType[]> = {};
  const properties = isRecord(schema) ? schema.properties : undefined;
  if (!isRecord(properties)) return result;
  for (const [name, property] of Object.entries(properties)) {
    const types = typesOfProperty(property);
    if (types.length > 0) result[name] = types;
  }
  return result;
}

export function typeOfValue(value: unknown): ValueType | "null" | "nothing" {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  return "object";
}

export function checkTemplateSyntax(template: string): SyntaxCheck {
  const scan = scanTemplate(template);
  if (!scan.ok) return { ok: false, message: capitalize(scan.reason), position: scan.position + 1 };
  for (const part of scan.parts) {
    if (part.kind !== "expression") continue;
    try {
      jsonata(part.source);
    } catch (error) {
      const { message, position } = describeJsonataError(error);
      return { ok: false, message, position: part.offset + (position ?? 1) };
    }
  }
  return { ok: true, parts: scan.parts };
}

/**
 * Evaluates a template on sample data. A template that is exactly one `{{ expr }}` (ignoring spaces around it)
 * gives the expression's typed value; text around expressions makes a string, where null and nothing become "".
 */
export async function previewTemplate(
  template: string,
  context: PreviewContext,
  expected: readonly ValueType[] | undefined,
): Promise<TemplatePreview> {
  const syntax = checkTemplateSyntax(template);
  if (!syntax.ok) return { status: "error", message: syntax.message, position: syntax.position };
  const trimmed = scanTemplate(template.trim());
  const lone = trimmed.ok && trimmed.parts.length === 1 && trimmed.parts[0]?.kind === "expression" ? trimmed.parts[0] : undefined;
  try {
    if (lone) return judge(await evaluate(lone.source, context), expected);
    let text = "";
    const empty: string[] = [];
    for (const part of syntax.parts) {
      if (part.kind === "text") {
        text += part.text;
        continue;
      }
      const value = await evaluate(part.source, context);
      if (value === undefined || value === null) empty.push(part.source);
      text += value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
    }
    if (empty.length > 0) {
      const which = empty.map((source) => `{{ ${source} }}`).join(", ");
      return { status: "nothing", value: text, message: `${which} yields nothing on the sample data, so it adds empty text.` };
    }
    return judge(text, expected);
  } catch (error) {
    return { status: "error", message: describeJsonataError(error).message };
  }
}

function judge(value: unknown, expected: readonly ValueType[] | undefined): TemplatePreview {
  const type = typeOfValue(value);
  if (type === "nothing") {
    return { status: "nothing", value, message: "Yields nothing on the sample data: the field will be left empty. Check the path." };
  }
  if (type === "null") return { status: "null", value, message: "Yields null on the sample data." };
  if (expected && !expected.includes(type)) {
    return { status: "wrongType", value, message: `Gives ${article(type)}, but this field expects ${expected.map(article).join(" or ")}.` };
  }
  return { status: "ok", value };
}

async function evaluate(source: string, context: PreviewContext): Promise<unknown> {
  const expression = jsonata(source, { timeout: PREVIEW_TIMEOUT_MS, stack: MAX_DEPTH });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Took longer than ${PREVIEW_TIMEOUT_MS} ms to evaluate`)), PREVIEW_TIMEOUT_MS * 2);
  });
  try {
    return normalize(await Promise.race([expression.evaluate(context), timeout]));
  } finally {
    clearTimeout(timer);
  }
}

// The same JSON round trip the runtime applies: JSONata's sequence markers and functions do not reach a step.
function normalize(value: unknown): unknown {
  if (value === undefined || typeof value === "function") return undefined;
  const text = JSON.stringify(value);
  if (text === undefined) return undefined;
  const parsed: unknown = JSON.parse(text);
  return parsed;
}

function describeJsonataError(error: unknown): { message: string; position?: number } {
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    const position = "position" in error && typeof error.position === "number" ? error.position : undefined;
    return { message: error.message, position };
  }
  return { message: String(error) };
}

function article(type: string): string {
  const names: Record<string, string> = { string: "text", number: "a number", boolean: "true/false", object: "an object", array: "a list" };
  return names[type] ?? type;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
