// Which templates may skip the sandbox: those whose every expression is a plain path (`trigger.body.orderNo`,
// `steps.post.lines[0].sku`, `item`). A path only selects what the step's context already holds: it calls nothing,
// builds nothing new and cannot loop, so the runaway cases the sandbox exists for ($sort of a range, $pad, a
// backtracking regex, recursion) cannot occur, and the thread round trip (a structured clone of the context each
// way) would cost more than the evaluation. Everything else still goes to a worker thread.
import { isRecord } from "@/lib/is-record";
import { isMapping } from "@/lib/mapping";
import { isTemplate, scanTemplate } from "@/lib/templates";
import type { SandboxTask } from "./protocol";

// Names joined by dots, with literal numeric indexes: no function, operator, predicate, wildcard or backquoted name.
const PLAIN_PATH = /^[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*|\[\s*\d{1,6}\s*\])*$/;

export function isPlainPath(source: string): boolean {
  return PLAIN_PATH.test(source.trim());
}

function onlyPlainPaths(value: unknown): boolean {
  // A mapping's slots carry their own types and fallbacks: the sandbox resolves those.
  if (isMapping(value)) return false;
  if (isTemplate(value)) {
    const scan = scanTemplate(value);
    return scan.ok && scan.parts.every((part) => part.kind === "text" || isPlainPath(part.source));
  }
  if (Array.isArray(value)) return value.every(onlyPlainPaths);
  if (isRecord(value)) return Object.values(value).every(onlyPlainPaths);
  return true;
}

/** True when every expression of the task is a plain path, so it may be resolved on the calling thread. */
export function readsOnlyPaths(task: SandboxTask): boolean {
  return task.kind === "inputs" ? onlyPlainPaths(task.inputs) : onlyPlainPaths(task.template);
}
