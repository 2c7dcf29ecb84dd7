// The `{{ JSONata }}` template syntax, shared by the runtime (server/runtime/expressions.ts) and the designer's live
// checking, so both split a field's text into the same parts.
import { ConfluxError } from "./errors";

export type TemplatePart =
  | { kind: "text"; text: string }
  /** `offset` is where `source` starts in the template, so an error inside the expression can point at the field. */
  | { kind: "expression"; source: string; offset: number };

export type TemplateScan =
  { ok: true; parts: TemplatePart[] } | { ok: false; reason: string; position: number; excerpt: string };

export function isTemplate(value: unknown): value is string {
  return typeof value === "string" && value.includes("{{");
}

/**
 * Splits a template into text and expression parts. A scanner rather than a regex, because JSONata object
 * constructors and strings may themselves hold `}}` (e.g. `{{ {"a": {"b": 1}} }}`).
 */
export function scanTemplate(template: string): TemplateScan {
  const parts: TemplatePart[] = [];
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf("{{", index);
    if (open === -1) break;
    if (open > index) parts.push({ kind: "text", text: template.slice(index, open) });
    const close = findClose(template, open + 2);
    if (close === -1)
      return { ok: false, reason: "a {{ has no matching }}", position: open, excerpt: template.slice(open) };
    const raw = template.slice(open + 2, close);
    const source = raw.trim();
    if (!source)
      return { ok: false, reason: "the {{ }} is empty", position: open, excerpt: template.slice(open, close + 2) };
    const leading = raw.length - raw.trimStart().length;
    parts.push({ kind: "expression", source, offset: open + 2 + leading });
    index = close + 2;
  }
  if (index < template.length) parts.push({ kind: "text", text: template.slice(index) });
  return { ok: true, parts };
}

/** Like `scanTemplate`, but throws the runtime's EXPRESSION error naming `field`. */
export function parseTemplate(template: string, field: string): TemplatePart[] {
  const scan = scanTemplate(template);
  if (!scan.ok) {
    throw new ConfluxError("EXPRESSION", invalidExpressionMessage(field, scan.reason), {
      details: { field, expression: scan.excerpt },
    });
  }
  return scan.parts;
}

/** The message of an invalid expression in `field`, the same from a run, from Start and in the designer. */
export function invalidExpressionMessage(field: string, reason: string): string {
  return `The expression in "${field}" is not valid: ${reason}`;
}

function findClose(text: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i += 1) {
    const char = text[i];
    if (quote) {
      if (char === "\\") i += 1;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'" || char === "`") {
      quote = char;
    } else if (char === "{") {
      depth += 1;
    } else if (char === "}") {
      if (depth === 0 && text[i + 1] === "}") return i;
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

// `steps.<id>` or steps.`<id>` (backquoted, for ids holding `-`) at the start of a path, not `order.steps.x` (a field
// that happens to be called steps). Shared by the designer's missing-step check and paste's renaming, so both agree
// on what counts as a reference.
const STEP_REFERENCE = /(?<![\w.$`])steps\.(?:`([^`]+)`|([A-Za-z][A-Za-z0-9_]*))/g;
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
const BARE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;

interface StepReference {
  id: string;
  /** Where `steps.` starts in the expression. */
  index: number;
  length: number;
}

function stepReferences(source: string): StepReference[] {
  // String literals are blanked at their own length, so matches keep their positions in the original source and text
  // such as "steps.a" inside quotes is not taken for a reference.
  const code = source.replace(STRING_LITERAL, (literal) => `"${" ".repeat(literal.length - 2)}"`);
  return [...code.matchAll(STEP_REFERENCE)].flatMap((match) => {
    const id = match[1] ?? match[2] ?? "";
    return id ? [{ id, index: match.index, length: match[0].length }] : [];
  });
}

/** The step ids a JSONata expression reads, ignoring text inside string literals. */
export function referencedSteps(source: string): string[] {
  return [...new Set(stepReferences(source).map((reference) => reference.id))];
}

/** The expression with its references to the steps in `renamed` pointing at their new ids; string literals stay. */
export function renameStepReferences(source: string, renamed: ReadonlyMap<string, string>): string {
  let result = "";
  let cursor = 0;
  for (const reference of stepReferences(source)) {
    const to = renamed.get(reference.id);
    if (to === undefined) continue;
    result += source.slice(cursor, reference.index) + (BARE_ID.test(to) ? `steps.${to}` : `steps.\`${to}\``);
    cursor = reference.index + reference.length;
  }
  return result + source.slice(cursor);
}

/**
 * A template with the step references inside its `{{ }}` renamed; the text around them is literal and stays. A
 * template that does not scan is renamed as a whole, so its references still follow once the user fixes it.
 */
export function renameTemplateReferences(template: string, renamed: ReadonlyMap<string, string>): string {
  const scan = scanTemplate(template);
  if (!scan.ok) return renameStepReferences(template, renamed);
  let result = "";
  let cursor = 0;
  for (const part of scan.parts) {
    if (part.kind !== "expression") continue;
    result += template.slice(cursor, part.offset) + renameStepReferences(part.source, renamed);
    cursor = part.offset + part.source.length;
  }
  return result + template.slice(cursor);
}
