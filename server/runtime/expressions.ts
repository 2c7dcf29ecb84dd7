// Field templates: literals, or strings with `{{ JSONata }}` parts evaluated against the run's data. JSONata is a
// declarative query language with no access to the process, so user input is never evaluated as JavaScript.
import jsonata from "jsonata";
import { ConfluxError } from "@/lib/errors";
import { isTemplate, parseTemplate } from "@/lib/templates";
import { isRecord } from "@/lib/is-record";

// The template syntax lives in lib/ so the designer checks fields exactly as runs resolve them.
export { isTemplate, parseTemplate };

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

// Bounds for one evaluation, so a recursive or looping expression fails its step instead of hanging the worker.
const MAX_EVALUATION_MS = 1000;
const MAX_DEPTH = 500;

/** True when a value, or anything nested in it, holds a template. */
export function containsTemplate(value: unknown): boolean {
  if (isTemplate(value)) return true;
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (isRecord(value)) return Object.values(value).some(containsTemplate);
  return false;
}

// Compiled expressions are immutable and JSONata keeps each evaluation's state (and its guardrails) in a fresh
// environment, so one compiled expression serves every run.
const compiled = new Map<string, jsonata.Expression>();
const MAX_CACHED = 1000;

function compile(source: string, field: string): jsonata.Expression {
  const cached = compiled.get(source);
  if (cached) return cached;
  try {
    const expression = jsonata(source, { timeout: MAX_EVALUATION_MS, stack: MAX_DEPTH });
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(source, expression);
    return expression;
  } catch (error) {
    throw expressionError(field, source, describeJsonataError(error));
  }
}

/** Checks the syntax of every expression in a value without evaluating anything; `field` prefixes field names. */
export function checkTemplates(value: unknown, field: string): string[] {
  const problems: string[] = [];
  walk(value, field, (text, path) => {
    try {
      for (const part of parseTemplate(text, path)) if (part.kind === "expression") compile(part.source, path);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  });
  return problems;
}

function walk(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (isTemplate(value)) visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`, visit));
  else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key, visit);
  }
}

async function evaluate(source: string, context: ExpressionContext, field: string): Promise<unknown> {
  const expression = compile(source, field);
  try {
    return normalize(await expression.evaluate(context));
  } catch (error) {
    throw expressionError(field, source, describeJsonataError(error));
  }
}

/** Resolves one template string: a lone `{{ expr }}` keeps the result's type, mixed text is interpolated. */
export async function resolveTemplate(template: string, context: ExpressionContext, field: string): Promise<unknown> {
  const trimmedParts = parseTemplate(template.trim(), field);
  const [only] = trimmedParts;
  if (trimmedParts.length === 1 && only?.kind === "expression") return evaluate(only.source, context, field);
  const parts = parseTemplate(template, field);
  let text = "";
  for (const part of parts) {
    text += part.kind === "text" ? part.text : stringify(await evaluate(part.source, context, field));
  }
  return text;
}

/** Resolves every template inside a value (objects and arrays recursively); `field` names it in errors. */
export async function resolveTemplates(value: unknown, context: ExpressionContext, field: string): Promise<unknown> {
  if (isTemplate(value)) return resolveTemplate(value, context, field);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) items.push(await resolveTemplates(item, context, `${field}[${index}]`));
    return items;
  }
  if (isRecord(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = await resolveTemplates(item, context, `${field}.${key}`);
      // An expression that matches nothing leaves the field unset, so zod defaults and optionality apply.
      if (resolved !== undefined) result[key] = resolved;
    }
    return result;
  }
  return value;
}

/** Resolves a node's inputs map; each field is named by its key in errors. */
export async function resolveInputs(
  inputs: Record<string, unknown>,
  context: ExpressionContext,
): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs)) {
    const resolved = await resolveTemplates(value, context, key);
    if (resolved !== undefined) result[key] = resolved;
  }
  return result;
}

// JSONata marks result arrays with extra properties (`sequence`, `keepSingleton`) and may return functions;
// a JSON round trip leaves exactly what a step output can hold.
function normalize(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value === "function") return undefined;
  const text = JSON.stringify(value);
  if (text === undefined) return undefined;
  const parsed: unknown = JSON.parse(text);
  return parsed;
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function describeJsonataError(error: unknown): string {
  if (isRecord(error) && typeof error.message === "string") {
    const position = typeof error.position === "number" ? ` (at character ${error.position})` : "";
    return `${error.message}${position}`;
  }
  return String(error);
}

function expressionError(field: string, expression: string, reason: string): ConfluxError {
  return new ConfluxError("EXPRESSION", `The expression in "${field}" is not valid: ${reason}`, {
    details: { field, expression },
  });
}

