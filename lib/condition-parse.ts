// Reads an If's condition back into the builder's rows, so a hand-written, imported or older expression can be
// edited without JSONata. JSONata's own parser gives the tree; only the shapes the builder writes (and a few looser
// hand-written forms whose meaning differs only when a field is missing, each reported in `notes`) become rows.
// Anything else is left to the advanced editor: the builder must never drop or change a condition silently.
import { binaryOf, callOf, child, children, readAst, unwrap, type Ast } from "./condition-ast";
import { scanTemplate } from "./templates";
import {
  compileCondition,
  literalValue,
  valueReference,
  type ConditionBuilder,
  type ConditionGroup,
  type ConditionJoin,
  type ConditionOperator,
  type ConditionRule,
} from "./condition";

export type ConditionParse =
  { ok: true; builder: ConditionBuilder; notes: string[] } | { ok: false; reason: "empty" | "syntax" | "unsupported" };

const ORDERED: Record<string, ConditionOperator> = {
  ">": "greaterThan",
  "<": "lessThan",
  ">=": "atLeast",
  "<=": "atMost",
};
const PLAIN_NAME = /^[A-Za-z_]\w*$/;
const RESERVED = new Set(["and", "or", "in", "true", "false", "null", "function"]);

class Unsupported extends Error {}

function fail(): never {
  throw new Unsupported();
}

/** A field path as the builder's field box holds it (`trigger.order-no` back-quoted), or undefined. */
function pathText(node: Ast): string | undefined {
  const inner = unwrap(node);
  const steps = children(inner, "steps");
  if (inner.type !== "path" || steps.length === 0) return undefined;
  const parts: string[] = [];
  for (const step of steps) {
    if (step.type !== "name" || typeof step.value !== "string") return undefined;
    const name = step.value;
    const plain = PLAIN_NAME.test(name) && !RESERVED.has(name);
    if (!plain && (/[`.]/.test(name) || name.trim() !== name || name === "")) return undefined;
    let indexes = "";
    const stages = children(step, "stages");
    if (step.stages !== undefined && stages.length === 0) return undefined;
    for (const stage of stages) {
      const index = stage.type === "filter" ? child(stage, "expr") : undefined;
      if (!index || index.type !== "number" || !Number.isInteger(index.value) || Number(index.value) < 0)
        return undefined;
      indexes += `[${String(index.value)}]`;
    }
    if (!plain && indexes) return undefined;
    parts.push(plain ? `${name}${indexes}` : `\`${name}\``);
  }
  return parts.join(".");
}

/** The value box's text for a literal or a field reference, only when the builder reads that text back the same. */
function valueText(node: Ast): string | undefined {
  const inner = unwrap(node);
  const path = pathText(inner);
  if (path !== undefined) return `{{ ${path} }}`;
  let text: string;
  if (inner.type === "number" && typeof inner.value === "number") text = String(inner.value);
  else if (inner.type === "value" && typeof inner.value === "boolean") text = String(inner.value);
  else if (inner.type === "string" && typeof inner.value === "string") text = inner.value;
  else return undefined;
  // "100" (text) and 100 (a number) differ in JSONata; the value box can hold only one of them for "100".
  if (literalValue(text) !== inner.value || valueReference(text) !== undefined) return undefined;
  return text;
}

/** `($count(p) = 0 or p = null or p = "")`, the builder's "is empty". */
function emptyCheck(node: Ast): string | undefined {
  const outer = binaryOf(node, "or");
  const inner = outer && binaryOf(outer[0], "or");
  const count = inner && binaryOf(inner[0], "=");
  const isNull = inner && binaryOf(inner[1], "=");
  const blank = outer && binaryOf(outer[1], "=");
  if (!count || !isNull || !blank) return undefined;
  const counted = callOf(count[0], "count", 1);
  const zero = unwrap(count[1]);
  const nullValue = unwrap(isNull[1]);
  const emptyText = unwrap(blank[1]);
  if (!counted?.[0] || zero.type !== "number" || zero.value !== 0) return undefined;
  if (nullValue.type !== "value" || nullValue.value !== null || emptyText.type !== "string" || emptyText.value !== "")
    return undefined;
  const path = pathText(counted[0]);
  return path !== undefined && pathText(isNull[0]) === path && pathText(blank[0]) === path ? path : undefined;
}

/** `$contains($string(p), "text")` or `$contains($string(p), $string(q))`. */
function containsCheck(node: Ast): ConditionRule | undefined {
  const args = callOf(node, "contains", 2);
  const subject = args?.[0] && callOf(args[0], "string", 1)?.[0];
  const pattern = args?.[1] && unwrap(args[1]);
  if (!subject || !pattern) return undefined;
  const field = pathText(subject);
  if (field === undefined) return undefined;
  if (pattern.type === "string" && typeof pattern.value === "string" && valueReference(pattern.value) === undefined) {
    return { field, operator: "contains", value: pattern.value };
  }
  const reference = callOf(pattern, "string", 1)?.[0];
  const path = reference && pathText(reference);
  return path === undefined ? undefined : { field, operator: "contains", value: `{{ ${path} }}` };
}

function comparison(node: Ast): { rule: ConditionRule; operator: string } | undefined {
  const inner = unwrap(node);
  const lhs = child(inner, "lhs");
  const rhs = child(inner, "rhs");
  if (inner.type !== "binary" || !lhs || !rhs || typeof inner.value !== "string") return undefined;
  const field = pathText(lhs);
  const value = valueText(rhs);
  const operator = inner.value === "=" ? "equals" : inner.value === "!=" ? "notEquals" : ORDERED[inner.value];
  if (field === undefined || value === undefined || operator === undefined) return undefined;
  return { rule: { field, operator, value }, operator: inner.value };
}

/**
 * One row, or undefined. `coerced` says the row is an operand of and/or, which turns "nothing" into false: there
 * a bare `a > 1` means exactly what the builder's guarded form means.
 */
function readRule(node: Ast, coerced: boolean, notes: string[]): ConditionRule | undefined {
  const guarded = binaryOf(node, "and");
  const guard = guarded && callOf(guarded[0], "exists", 1)?.[0];
  if (guarded && guard) {
    const ordered = comparison(guarded[1]);
    if (ordered && ORDERED[ordered.operator] && pathText(guard) === ordered.rule.field) return ordered.rule;
    const contains = containsCheck(guarded[1]);
    if (contains && pathText(guard) === contains.field) return contains;
  }
  const empty = emptyCheck(node);
  if (empty !== undefined) return { field: empty, operator: "isEmpty", value: "" };
  const negated = callOf(node, "not", 1)?.[0];
  if (negated) {
    const notEmpty = emptyCheck(negated);
    if (notEmpty !== undefined) return { field: notEmpty, operator: "isNotEmpty", value: "" };
    const equals = comparison(negated);
    return equals?.operator === "=" ? { ...equals.rule, operator: "notEquals" } : undefined;
  }
  const contains = containsCheck(node);
  if (contains) {
    if (!coerced)
      notes.push(
        `“${contains.field} contains …” now gives false instead of stopping the run when ${contains.field} is missing.`,
      );
    return contains;
  }
  const compared = comparison(node);
  if (!compared) return undefined;
  const { rule } = compared;
  if (compared.operator === "!=") {
    notes.push(`“${rule.field} does not equal …” now also holds when ${rule.field} is missing (!= gave false then).`);
  } else if (ORDERED[compared.operator] && !coerced) {
    notes.push(
      `“${rule.field} ${compared.operator} …” now gives false instead of stopping the run when ${rule.field} is missing.`,
    );
  }
  return rule;
}

function joinOf(node: Ast): ConditionJoin | undefined {
  const inner = unwrap(node);
  return inner.type === "binary" && (inner.value === "and" || inner.value === "or") ? inner.value : undefined;
}

type Operand = { rule: ConditionRule } | { node: Ast };

/** The operands of a chain of one operator (`a and b and (c and d)`): and/or are associative. */
function flatten(node: Ast, join: ConditionJoin, notes: string[], into: Operand[]): void {
  const rule = readRule(node, true, notes);
  if (rule) {
    into.push({ rule });
    return;
  }
  const operands = binaryOf(node, join);
  if (!operands) {
    into.push({ node: unwrap(node) });
    return;
  }
  flatten(operands[0], join, notes, into);
  flatten(operands[1], join, notes, into);
}

function rulesOf(operands: Operand[]): ConditionRule[] | undefined {
  const rules = operands.flatMap((operand) => ("rule" in operand ? [operand.rule] : []));
  return rules.length === operands.length ? rules : undefined;
}

/** A group is one row, or a chain of rows under one operator (a nested group is more than the builder shows). */
function readGroup(operand: Operand, notes: string[]): ConditionGroup {
  if ("rule" in operand) return { join: "and", rules: [operand.rule] };
  const join = joinOf(operand.node) ?? fail();
  const operands: Operand[] = [];
  flatten(operand.node, join, notes, operands);
  return { join, rules: rulesOf(operands) ?? fail() };
}

function readBuilder(expression: Ast, notes: string[]): ConditionBuilder {
  const single = readRule(expression, false, notes);
  if (single) return { join: "and", groups: [{ join: "and", rules: [single] }] };
  const join = joinOf(expression) ?? fail();
  const operands: Operand[] = [];
  flatten(expression, join, notes, operands);
  const rules = rulesOf(operands);
  if (rules) return { join: "and", groups: [{ join, rules }] };
  return { join, groups: operands.map((operand) => readGroup(operand, notes)) };
}

function parseExpression(source: string): ConditionParse {
  const ast = readAst(source);
  if (ast === "syntax") return { ok: false, reason: "syntax" };
  if (!ast) return { ok: false, reason: "unsupported" };
  const notes: string[] = [];
  try {
    const builder = readBuilder(ast, notes);
    return { ok: true, builder, notes: [...new Set(notes)] };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: "unsupported" };
    throw error;
  }
}

/**
 * The builder's rows for an If's stored `condition`: a lone `{{ expression }}` in the subset the builder shows.
 * As a safety net, the rows must compile to an expression that reads back to the very same rows.
 */
export function parseCondition(condition: unknown): ConditionParse {
  if (condition === undefined || condition === null || (typeof condition === "string" && condition.trim() === "")) {
    return { ok: false, reason: "empty" };
  }
  if (typeof condition !== "string") return { ok: false, reason: "unsupported" };
  const scan = scanTemplate(condition.trim());
  if (!scan.ok) return { ok: false, reason: "syntax" };
  const only = scan.parts.length === 1 ? scan.parts[0] : undefined;
  if (only?.kind !== "expression") return { ok: false, reason: "unsupported" };
  const parsed = parseExpression(only.source);
  if (!parsed.ok) return parsed;
  const compiled = compileCondition(parsed.builder);
  const again = compiled === undefined ? undefined : scanTemplate(compiled);
  const source = again?.ok && again.parts[0]?.kind === "expression" ? again.parts[0].source : undefined;
  const reread = source === undefined ? undefined : parseExpression(source);
  if (!reread?.ok || reread.notes.length > 0 || JSON.stringify(reread.builder) !== JSON.stringify(parsed.builder)) {
    return { ok: false, reason: "unsupported" };
  }
  return parsed;
}
