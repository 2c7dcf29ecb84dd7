// Compiling, checking and resolving `{{ JSONata }}` templates, shared by the runtime (server/runtime/expressions.ts)
// and the designer's live checks and previews, so a field is judged in the editor exactly as a run resolves it.
// Browser-safe: nothing here touches the server.
import jsonata from "jsonata";
import { isRecord } from "./is-record";
import { isMapping, mappingProblems, mappingSlotSchema, MAPPING_KEY, walkSlot } from "./mapping";
import { invalidExpressionMessage, isTemplate, parseTemplate, scanTemplate } from "./templates";

/**
 * What expressions see: `trigger` (the run's trigger data), `steps.<stepId>` (earlier outputs) and `env`; inside a
 * For each's loop also `item` (the current item) and `index` (its position, from 0), and `steps` holds the outputs of
 * the current iteration's steps.
 */
export interface ExpressionContext {
  trigger: unknown;
  steps: Record<string, unknown>;
  env: Record<string, unknown>;
  item?: unknown;
  index?: number;
}

/** Bounds for one evaluation, so a recursive or looping expression fails instead of hanging its caller. */
export interface ExpressionLimits {
  timeoutMs: number;
  maxDepth: number;
}

export interface ExpressionEngine {
  /** The compiled expression, from the cache when seen before; throws JSONata's syntax error. */
  compile(source: string): jsonata.Expression;
  /** The expression's value as a step would receive it (see `normalize`); throws JSONata's errors. */
  evaluate(source: string, context: ExpressionContext): Promise<unknown>;
}

const MAX_CACHED = 1000;

/**
 * An engine with its own limits and cache. Compiled expressions are immutable and JSONata keeps each evaluation's
 * state (and its guardrails) in a fresh environment, so one compiled expression serves every evaluation.
 */
export function createExpressionEngine(limits: ExpressionLimits): ExpressionEngine {
  const compiled = new Map<string, jsonata.Expression>();
  const compile = (source: string): jsonata.Expression => {
    const cached = compiled.get(source);
    if (cached) return cached;
    const expression = jsonata(source, { timeout: limits.timeoutMs, stack: limits.maxDepth });
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(source, expression);
    return expression;
  };
  return {
    compile,
    evaluate: async (source, context) => normalize(await compile(source).evaluate(context)),
  };
}

// JSONata marks result arrays with extra properties (`sequence`, `keepSingleton`) and may return functions;
// a JSON round trip leaves exactly what a step output can hold.
export function normalize(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value === "function") return undefined;
  const text = JSON.stringify(value);
  if (text === undefined) return undefined;
  const parsed: unknown = JSON.parse(text);
  return parsed;
}

/** How a value reads inside text: null and nothing become "", strings stay, anything else is JSON. */
export function stringify(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** JSONata's message and, for syntax errors, the character (from 1) of the expression it points at. */
export function jsonataErrorParts(error: unknown): { message: string; position?: number } {
  if (isRecord(error) && typeof error.message === "string") {
    return { message: error.message, position: typeof error.position === "number" ? error.position : undefined };
  }
  // Error instances are records too; this is for anything else thrown.
  return { message: String(error) };
}

/** JSONata's message with the character it points at, as errors name it. */
export function describeJsonataError(error: unknown): string {
  const { message, position } = jsonataErrorParts(error);
  return position === undefined ? message : `${message} (at character ${position})`;
}

/** Visits every template inside a value (objects and arrays recursively) with its field path. */
export function walkTemplates(value: unknown, path: string, visit: (template: string, path: string) => void): void {
  if (isTemplate(value)) visit(value, path);
  else if (isMapping(value)) {
    const slot = mappingSlotSchema.safeParse(value[MAPPING_KEY]);
    if (slot.success) walkSlot(slot.data, path, visit);
  } else if (Array.isArray(value)) value.forEach((item, index) => walkTemplates(item, `${path}[${index}]`, visit));
  else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) walkTemplates(item, path ? `${path}.${key}` : key, visit);
  }
}

/**
 * Checks the syntax of every expression in a value without evaluating anything; `field` prefixes field names. Each
 * expression that compiles is handed to `checkMore`, whose problems (the designer's missing steps) join the list in
 * field order.
 */
export function checkTemplates(
  engine: ExpressionEngine,
  value: unknown,
  field: string,
  checkMore?: (source: string, path: string) => string[],
): string[] {
  const problems: string[] = mappingProblems(value, field);
  walkTemplates(value, field, (template, path) => {
    const scan = scanTemplate(template);
    if (!scan.ok) {
      problems.push(invalidExpressionMessage(path, scan.reason));
      return;
    }
    for (const part of scan.parts) {
      if (part.kind !== "expression") continue;
      try {
        engine.compile(part.source);
      } catch (error) {
        problems.push(invalidExpressionMessage(path, describeJsonataError(error)));
        continue;
      }
      if (checkMore) problems.push(...checkMore(part.source, path));
    }
  });
  return problems;
}

export type TemplateResolution =
  /** The template is exactly one `{{ expr }}` (ignoring spaces around it): the expression's typed value. */
  | { kind: "value"; value: unknown }
  /** Text around expressions makes a string; `empty` lists the expressions that gave null or nothing (as ""). */
  | { kind: "text"; text: string; empty: string[] };

/**
 * Resolves one template string with `evaluate`. A syntax error in the `{{ }}` themselves throws the runtime's
 * EXPRESSION error naming `field`; errors of `evaluate` pass through, so each caller words them.
 */
export async function resolveTemplateWith(
  template: string,
  field: string,
  evaluate: (source: string) => Promise<unknown>,
): Promise<TemplateResolution> {
  const trimmedParts = parseTemplate(template.trim(), field);
  const [only] = trimmedParts;
  if (trimmedParts.length === 1 && only?.kind === "expression")
    return { kind: "value", value: await evaluate(only.source) };
  let text = "";
  const empty: string[] = [];
  for (const part of parseTemplate(template, field)) {
    if (part.kind === "text") {
      text += part.text;
      continue;
    }
    const value = await evaluate(part.source);
    if (value === undefined || value === null) empty.push(part.source);
    text += stringify(value);
  }
  return { kind: "text", text, empty };
}
