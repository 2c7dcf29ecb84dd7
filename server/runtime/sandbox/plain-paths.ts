// Which templates may skip the sandbox: those whose every expression is a plain path (`trigger.body.orderNo`,
// `steps.post.lines[0].sku`, `item`). A path only selects what the step's context already holds: it calls nothing,
// builds nothing new and cannot loop, so the runaway cases the sandbox exists for ($sort of a range, $pad, a
// backtracking regex, recursion) cannot occur, and the thread round trip (a structured clone of the context each
// way) would cost more than the evaluation. So may one conversion of a path (`$string(trigger.body.lines)`): each of
// those functions makes one pass over what the path selected and returns something no larger than its JSON, so it is
// as bounded as the path itself. Everything else still goes to a worker thread.
import { isRecord } from "@/lib/is-record";
import { isMapping } from "@/lib/mapping";
import { isTemplate, scanTemplate } from "@/lib/templates";
import type { SandboxTask } from "./protocol";

// Names joined by dots, with literal numeric indexes: no function, operator, predicate, wildcard or backquoted name.
const PLAIN_PATH = /^[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*|\[\s*\d{1,6}\s*\])*$/;

export function isPlainPath(source: string): boolean {
  return PLAIN_PATH.test(source.trim());
}

/** One argument, one pass, a result no larger than the argument's JSON. */
const CONVERSIONS = new Set([
  "string",
  "number",
  "boolean",
  "uppercase",
  "lowercase",
  "trim",
  "length",
  "count",
  "exists",
]);
// One quantifier over the argument (isPlainPath trims it): nested ones over spaces backtrack for minutes.
const CONVERSION_OF_PATH = /^\$([a-z]+)\(([^()]*)\)$/;

/** A plain path, or one conversion of a plain path (`$string(trigger.body.lines)`). */
export function readsPath(source: string): boolean {
  const trimmed = source.trim();
  if (isPlainPath(trimmed)) return true;
  const call = CONVERSION_OF_PATH.exec(trimmed);
  return call !== null && CONVERSIONS.has(call[1] ?? "") && isPlainPath(call[2] ?? "");
}

/**
 * Each path copies what it selects into the result, so a step with many (`{{ trigger.body }}` a thousand times) could
 * still build a result far larger than its context; past this many it goes to the sandbox, whose memory is capped.
 */
export const MAX_PLAIN_PATHS = 8;

/** How many plain-path expressions the value holds, or null when it holds anything else. */
function countPlainPaths(value: unknown): number | null {
  // A mapping's slots carry their own types and fallbacks: the sandbox resolves those.
  if (isMapping(value)) return null;
  if (isTemplate(value)) {
    const scan = scanTemplate(value);
    if (!scan.ok) return null;
    let count = 0;
    for (const part of scan.parts) {
      if (part.kind === "text") continue;
      if (!readsPath(part.source)) return null;
      count += 1;
    }
    return count;
  }
  const items = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : [];
  let total = 0;
  for (const item of items) {
    const count = countPlainPaths(item);
    if (count === null) return null;
    total += count;
  }
  return total;
}

/** True when every expression of the task is a plain path, and there are few, so it may run on the calling thread. */
export function readsOnlyPaths(task: SandboxTask): boolean {
  const count = countPlainPaths(task.kind === "inputs" ? task.inputs : task.template);
  return count !== null && count <= MAX_PLAIN_PATHS;
}
