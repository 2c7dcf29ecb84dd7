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

/** Whether the expression is a plain path (`trigger.no`), a conversion of one (`$string(trigger.lines)`), or neither. */
export function pathRead(source: string): "path" | "conversion" | null {
  const trimmed = source.trim();
  if (isPlainPath(trimmed)) return "path";
  const call = CONVERSION_OF_PATH.exec(trimmed);
  return call !== null && CONVERSIONS.has(call[1] ?? "") && isPlainPath(call[2] ?? "") ? "conversion" : null;
}

/** A plain path, or one conversion of a plain path (`$string(trigger.body.lines)`). */
export function readsPath(source: string): boolean {
  return pathRead(source) !== null;
}

/**
 * Each path copies what it selects into the result, so a step with many (`{{ trigger.body }}` a thousand times) could
 * still build a result far larger than its context; past this many it goes to the sandbox, whose memory is capped.
 */
export const MAX_PLAIN_PATHS = 8;
/**
 * A conversion serialises or scans what it selects (`$string` of a 10 MB reply takes about 0.1 s and its memory):
 * past this many in one step, the step goes to the sandbox, whose time and memory are capped.
 */
export const MAX_CONVERSIONS = 2;

interface PathCount {
  paths: number;
  conversions: number;
}

/** How many plain paths and conversions the value's expressions are, or null when any is something else. */
function countPathReads(value: unknown): PathCount | null {
  // A mapping's slots carry their own types and fallbacks: the sandbox resolves those.
  if (isMapping(value)) return null;
  const count: PathCount = { paths: 0, conversions: 0 };
  if (isTemplate(value)) {
    const scan = scanTemplate(value);
    if (!scan.ok) return null;
    for (const part of scan.parts) {
      if (part.kind === "text") continue;
      const read = pathRead(part.source);
      if (read === null) return null;
      count.paths += 1;
      if (read === "conversion") count.conversions += 1;
    }
    return count;
  }
  const items = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : [];
  for (const item of items) {
    const inner = countPathReads(item);
    if (inner === null) return null;
    count.paths += inner.paths;
    count.conversions += inner.conversions;
  }
  return count;
}

/**
 * True when every expression of the task is a plain path or a conversion of one, and there are few, so it may run
 * on the calling thread.
 */
export function readsOnlyPaths(task: SandboxTask): boolean {
  const count = countPathReads(task.kind === "inputs" ? task.inputs : task.template);
  return count !== null && count.paths <= MAX_PLAIN_PATHS && count.conversions <= MAX_CONVERSIONS;
}
