// The If condition builder's model: rows of (field, operator, value) in groups joined by AND / OR, compiled to the
// one `{{ JSONata }}` template the runtime evaluates. The structure is kept beside the template (under
// CONDITION_BUILDER_KEY) so the builder can show it again; the runtime only ever reads the compiled `condition`.
import { z } from "zod";

/** The If input key the builder's structure is stored under; the If action's input schema strips it. */
export const CONDITION_BUILDER_KEY = "conditionBuilder";

export const conditionOperators = [
  "equals",
  "notEquals",
  "greaterThan",
  "lessThan",
  "atLeast",
  "atMost",
  "contains",
  "isEmpty",
  "isNotEmpty",
] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

export const operatorLabels: Record<ConditionOperator, string> = {
  equals: "equals",
  notEquals: "does not equal",
  greaterThan: "greater than",
  lessThan: "less than",
  atLeast: "at least",
  atMost: "at most",
  contains: "contains",
  isEmpty: "is empty",
  isNotEmpty: "is not empty",
};

/** Operators that compare with nothing: the value box is hidden for them. */
export function operatorTakesValue(operator: ConditionOperator): boolean {
  return operator !== "isEmpty" && operator !== "isNotEmpty";
}

const joinSchema = z.enum(["and", "or"]);
export type ConditionJoin = z.infer<typeof joinSchema>;

const ruleSchema = z.object({
  field: z.string().max(500),
  operator: z.enum(conditionOperators),
  value: z.string().max(2000),
});
export type ConditionRule = z.infer<typeof ruleSchema>;

const groupSchema = z.object({ join: joinSchema, rules: z.array(ruleSchema).max(50) });
export type ConditionGroup = z.infer<typeof groupSchema>;

export const conditionBuilderSchema = z.object({ join: joinSchema, groups: z.array(groupSchema).max(20) });
export type ConditionBuilder = z.infer<typeof conditionBuilderSchema>;

export function emptyRule(): ConditionRule {
  return { field: "", operator: "equals", value: "" };
}

export function emptyBuilder(): ConditionBuilder {
  return { join: "and", groups: [{ join: "and", rules: [emptyRule()] }] };
}

/** The stored structure, or undefined when there is none or it is not one the builder knows (it arrives as JSON). */
export function readBuilder(value: unknown): ConditionBuilder | undefined {
  const parsed = conditionBuilderSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

// Leading zeros ("0042") and long digit runs (order numbers) are identifiers, compared as text.
const NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;
const SIMPLE_SEGMENT = /^[A-Za-z_$][\w$]*(\[\d+\])*$/;

/** The typed value a row's value box stands for: a plain number, true or false, else the text as typed. */
export function literalValue(value: string): string | number | boolean {
  const trimmed = value.trim();
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  return value;
}

/** A plain number stays a number, true and false stay booleans; anything else becomes a quoted, escaped JSONata string. */
export function literal(value: string): string {
  const typed = literalValue(value);
  return typeof typed === "string" ? quote(typed) : String(typed);
}

// A field reference as the data tree writes it: dotted names, back-quoted where they are not plain, with list indexes.
const REFERENCE_PATH = /^(?:[A-Za-z_][\w]*|`[^`.]+`)(?:\[\d+\])*(?:\.(?:[A-Za-z_][\w]*|`[^`.]+`)(?:\[\d+\])*)*$/;

/** The path a value box refers to when it holds exactly one `{{ field.path }}` (a reference, not a literal). */
export function valueReference(value: string): string | undefined {
  const match = /^\s*\{\{\s*([\s\S]*?)\s*\}\}\s*$/.exec(value);
  const path = match?.[1];
  return path !== undefined && REFERENCE_PATH.test(path) ? path : undefined;
}

/** The right-hand side of a row's comparison: the referenced field, or the literal. */
function operand(value: string): string {
  return valueReference(value) ?? literal(value);
}

// JSONata string literals take JSON's escapes, so JSON's encoding is a correct quoting.
function quote(text: string): string {
  return JSON.stringify(text);
}

/** A dotted path as JSONata: segments that are not plain names (spaces, dashes) are back-quoted. */
export function pathExpression(field: string): string {
  return field
    .trim()
    .split(".")
    .map((segment) => {
      const part = segment.trim();
      if (SIMPLE_SEGMENT.test(part) || /^`[^`]+`$/.test(part)) return part;
      return `\`${part.replace(/`/g, "")}\``;
    })
    .join(".");
}

// JSONata gives nothing (not false) when one side of < or > is missing, and an If needs true or false.
function ordered(path: string, operator: string, value: string): string {
  return `($exists(${path}) and ${path} ${operator} ${operand(value)})`;
}

/** One row as JSONata; undefined while it names no field. */
export function compileRule(rule: ConditionRule): string | undefined {
  if (rule.field.trim() === "") return undefined;
  const path = pathExpression(rule.field);
  // Nothing, null, "" and an empty list all count as empty ($count gives 0 for nothing and for []).
  const empty = `($count(${path}) = 0 or ${path} = null or ${path} = "")`;
  switch (rule.operator) {
    case "equals":
      return `${path} = ${operand(rule.value)}`;
    // `!=` is false when the field is missing; "does not equal" should then hold.
    case "notEquals":
      return `$not(${path} = ${operand(rule.value)})`;
    case "greaterThan":
      return ordered(path, ">", rule.value);
    case "lessThan":
      return ordered(path, "<", rule.value);
    case "atLeast":
      return ordered(path, ">=", rule.value);
    case "atMost":
      return ordered(path, "<=", rule.value);
    // $contains gives nothing for a missing field, and an If needs true or false, hence the $exists guard.
    case "contains": {
      const reference = valueReference(rule.value);
      return `($exists(${path}) and $contains($string(${path}), ${reference === undefined ? quote(rule.value) : `$string(${reference})`}))`;
    }
    case "isEmpty":
      return empty;
    case "isNotEmpty":
      return `$not${empty}`;
  }
}

function joinParts(parts: string[], join: ConditionJoin, wrap: boolean): string {
  const text = parts.join(` ${join} `);
  return wrap && parts.length > 1 ? `(${text})` : text;
}

/** The JSONata expression (without braces); "" when no row names a field yet. */
export function compileExpression(builder: ConditionBuilder): string {
  const groups = builder.groups
    .map((group) => ({
      join: group.join,
      parts: group.rules.map(compileRule).filter((part): part is string => part !== undefined),
    }))
    .filter((group) => group.parts.length > 0);
  // Groups are parenthesised only beside other groups, so a single group reads as it was written.
  return joinParts(
    groups.map((group) => joinParts(group.parts, group.join, groups.length > 1)),
    builder.join,
    false,
  );
}

/** The template stored in the If's `condition`; undefined when the builder has no complete row. */
export function compileCondition(builder: ConditionBuilder): string | undefined {
  const expression = compileExpression(builder);
  return expression === "" ? undefined : `{{ ${expression} }}`;
}

/** Whether the stored condition is exactly what the stored builder compiles to (else it was written by hand). */
export function builderMatches(builder: ConditionBuilder | undefined, condition: unknown): builder is ConditionBuilder {
  if (!builder) return false;
  const compiled = compileCondition(builder);
  return compiled === undefined ? condition === undefined || condition === "" : compiled === condition;
}
