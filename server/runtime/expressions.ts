// Field templates: literals, or strings with `{{ JSONata }}` parts evaluated against the run's data. Checking
// syntax happens here; evaluating happens in the expression sandbox (sandbox/pool.ts), a pool of worker threads
// with a memory cap, a hard time limit and a cap on what they build, so one runaway expression fails its step
// instead of stalling or killing the server.
import { checkTemplates as checkWith, createExpressionEngine, type ExpressionContext } from "@/lib/expressions";
import { isRecord } from "@/lib/is-record";
import { isMapping } from "@/lib/mapping";
import { isTemplate, parseTemplate } from "@/lib/templates";
import { getConfig } from "../boot/config";
import { ExpressionPool } from "./sandbox/pool";

// The template syntax and evaluation live in lib/ so the designer checks and previews fields exactly as runs
// resolve them.
export { isTemplate, parseTemplate };
export type { ExpressionContext };

// Compiling only parses (bounded by the template's length), so syntax checks stay on this thread.
const checker = createExpressionEngine({ timeoutMs: 1000, maxDepth: 500 });

const holder = globalThis as typeof globalThis & { conflux_expression_pool?: ExpressionPool };

/** This process's expression sandbox, started on first use. */
export function expressionPool(): ExpressionPool {
  if (!holder.conflux_expression_pool) {
    const config = getConfig();
    holder.conflux_expression_pool = new ExpressionPool({
      threads: config.CONFLUX_EXPRESSION_THREADS,
      memoryMb: config.CONFLUX_EXPRESSION_MEMORY_MB,
      timeMs: config.CONFLUX_EXPRESSION_TIME_LIMIT_MS,
      maxOutputBytes: config.CONFLUX_EXPRESSION_OUTPUT_LIMIT_KB * 1024,
    });
  }
  return holder.conflux_expression_pool;
}

/** True when a value, or anything nested in it, holds a template. */
export function containsTemplate(value: unknown): boolean {
  if (isTemplate(value) || isMapping(value)) return true;
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (isRecord(value)) return Object.values(value).some(containsTemplate);
  return false;
}

/** Checks the syntax of every expression in a value without evaluating anything; `field` prefixes field names. */
export function checkTemplates(value: unknown, field: string): string[] {
  return checkWith(checker, value, field);
}

/** Resolves one template string: a lone `{{ expr }}` keeps the result's type, mixed text is interpolated. */
export async function resolveTemplate(template: string, context: ExpressionContext, field: string): Promise<unknown> {
  return expressionPool().run({ kind: "template", template, field, context });
}

/** Resolves a node's inputs map; each field is named by its key in errors. Literals never leave this thread. */
export async function resolveInputs(
  inputs: Record<string, unknown>,
  context: ExpressionContext,
): Promise<Record<string, unknown>> {
  if (!containsTemplate(inputs)) {
    return Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== undefined));
  }
  const resolved = await expressionPool().run({ kind: "inputs", inputs, context });
  return isRecord(resolved) ? resolved : {};
}
