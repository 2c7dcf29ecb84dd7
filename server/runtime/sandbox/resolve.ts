// Field templates resolved where they are evaluated: inside an expression worker thread (sandbox/worker.ts), never
// on the server's event loop. JSONata is a declarative query language with no access to the process, so user input
// is never evaluated as JavaScript; the worker adds the bounds JSONata cannot give (memory, native work, size).
import { ConfluxError } from "@/lib/errors";
import {
  createExpressionEngine,
  describeJsonataError,
  resolveTemplateWith,
  type ExpressionContext,
} from "@/lib/expressions";
import { invalidExpressionMessage, isTemplate } from "@/lib/templates";
import { isRecord } from "@/lib/is-record";
import { isMapping, readMapping, resolveSlot } from "@/lib/mapping";
import type { SandboxTask } from "./protocol";

// Bounds for one evaluation, so a recursive or looping expression fails its step instead of hanging the worker.
export const engine = createExpressionEngine({ timeoutMs: 1000, maxDepth: 500 });

async function evaluate(source: string, context: ExpressionContext, field: string): Promise<unknown> {
  try {
    return await engine.evaluate(source, context);
  } catch (error) {
    throw expressionError(field, source, describeJsonataError(error));
  }
}

/** Resolves one template string: a lone `{{ expr }}` keeps the result's type, mixed text is interpolated. */
export async function resolveTemplate(template: string, context: ExpressionContext, field: string): Promise<unknown> {
  const resolution = await resolveTemplateWith(template, field, (source) => evaluate(source, context, field));
  return resolution.kind === "value" ? resolution.value : resolution.text;
}

/** Resolves every template inside a value (objects and arrays recursively); `field` names it in errors. */
export async function resolveTemplates(value: unknown, context: ExpressionContext, field: string): Promise<unknown> {
  if (isTemplate(value)) return resolveTemplate(value, context, field);
  // A value built field by field: it fails here, naming the field and its expression, rather than reach the step
  // with a hole in it.
  if (isMapping(value)) {
    const resolved = await resolveSlot(readMapping(value, field), field, (source, at) => evaluate(source, context, at));
    return resolved.omitted ? undefined : resolved.value;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries())
      items.push(await resolveTemplates(item, context, `${field}[${index}]`));
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

function tooLarge(maxBytes: number): ConfluxError {
  return new ConfluxError(
    "EXPRESSION",
    `The expressions of this step built a result larger than ${Math.round(maxBytes / 1024)} KB; narrow what they select`,
  );
}

/** Resolves a task and checks the size of what it built: a larger result fails the step readably. */
export async function runTask(task: SandboxTask, maxOutputBytes: number): Promise<unknown> {
  try {
    const value =
      task.kind === "inputs"
        ? await resolveInputs(task.inputs, task.context)
        : await resolveTemplate(task.template, task.context, task.field);
    const size = value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
    if (size > maxOutputBytes) throw tooLarge(maxOutputBytes);
    return value;
  } catch (error) {
    // A RangeError (string or array too long) is JSONata building past V8's own limits: a size problem too.
    if (error instanceof RangeError) throw tooLarge(maxOutputBytes);
    throw error;
  }
}

function expressionError(field: string, expression: string, reason: string): ConfluxError {
  return new ConfluxError("EXPRESSION", invalidExpressionMessage(field, reason), {
    details: { field, expression },
  });
}
