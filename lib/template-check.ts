// Checks a field's template the way a run would resolve it, for the designer's live preview: syntax errors with the
// character they are at, and the value the template gives on sample data, with a warning when that value is null,
// nothing at all (the silent-null trap: the field is then left unset) or not the type the field expects.
import { createExpressionEngine, jsonataErrorParts, resolveTemplateWith, type ExpressionContext } from "./expressions";
import { scanTemplate, type TemplatePart } from "./templates";
import { isRecord } from "./is-record";
import { resolveSlot, type MappingSlot } from "./mapping";

/** What expressions see, as the runtime builds it. */
export type PreviewContext = ExpressionContext;

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

/** The designer's engine: its cache serves the syntax check, the preview and the problems list alike. */
export const designerExpressions = createExpressionEngine({ timeoutMs: PREVIEW_TIMEOUT_MS, maxDepth: 200 });

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
      designerExpressions.compile(part.source);
    } catch (error) {
      const { message, position } = jsonataErrorParts(error);
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
  try {
    const resolution = await resolveTemplateWith(template, "", (source) => evaluate(source, context));
    if (resolution.kind === "value") return judge(resolution.value, expected);
    if (resolution.empty.length > 0) {
      const which = resolution.empty.map((source) => `{{ ${source} }}`).join(", ");
      return {
        status: "nothing",
        value: resolution.text,
        message: `${which} yields nothing on the sample data, so it adds empty text.`,
      };
    }
    return judge(resolution.text, expected);
  } catch (error) {
    return { status: "error", message: jsonataErrorParts(error).message };
  }
}

function judge(value: unknown, expected: readonly ValueType[] | undefined): TemplatePreview {
  const type = typeOfValue(value);
  if (type === "nothing") {
    return {
      status: "nothing",
      value,
      message: "Yields nothing on the sample data: the field will be left empty. Check the path.",
    };
  }
  if (type === "null") return { status: "null", value, message: "Yields null on the sample data." };
  if (expected && !expected.includes(type)) {
    return {
      status: "wrongType",
      value,
      message: `Gives ${article(type)}, but this field expects ${expected.map(article).join(" or ")}.`,
    };
  }
  return { status: "ok", value };
}

export type SlotPreview = { status: "ok"; value: unknown } | { status: "fails"; message: string };

/** What a mapping gives on sample data: the value a step would receive, or why the step would fail. */
export async function previewSlot(slot: MappingSlot, field: string, context: PreviewContext): Promise<SlotPreview> {
  try {
    const result = await resolveSlot(slot, field, (source) => evaluate(source, context));
    return { status: "ok", value: result.omitted ? undefined : result.value };
  } catch (error) {
    return { status: "fails", message: error instanceof Error ? error.message : String(error) };
  }
}

// JSONata checks its timeout as evaluation proceeds; the race is a backstop, so the page never waits much longer.
async function evaluate(source: string, context: PreviewContext): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Took longer than ${PREVIEW_TIMEOUT_MS} ms to evaluate`)),
      PREVIEW_TIMEOUT_MS * 2,
    );
  });
  try {
    return await Promise.race([designerExpressions.evaluate(source, context), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: "text",
    number: "a number",
    boolean: "true/false",
    object: "an object",
    array: "a list",
  };
  return names[type] ?? type;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
