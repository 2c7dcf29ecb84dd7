// Checking a node's inputs against its operation's zod schema, both before Start (where template strings stand in
// for values only known at run time) and before each step runs (where every template has been resolved).
import type { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { isTemplate } from "./expressions";

export interface InputProblem {
  field: string;
  message: string;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const part of path) {
    if (typeof current !== "object" || current === null) return { found: false, value: undefined };
    const record: Record<PropertyKey, unknown> = { ...current };
    if (!(part in record)) return { found: false, value: undefined };
    current = record[part];
  }
  return { found: true, value: current };
}

/** True when a template sits at the issue's path or above it: its type is only known at run time. */
function coveredByTemplate(inputs: unknown, path: readonly PropertyKey[]): boolean {
  for (let length = 1; length <= path.length; length += 1) {
    if (isTemplate(valueAt(inputs, path.slice(0, length)).value)) return true;
  }
  return false;
}

function formatField(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    "",
  );
}

function describe(issue: z.core.$ZodIssue, inputs: unknown): string {
  if (issue.code === "invalid_type" && !valueAt(inputs, issue.path).found) return "is required";
  // A record key that fails its schema (say, a header name): zod nests the key's own issue.
  if (issue.code === "invalid_key") return issue.issues[0]?.message ?? "has an invalid name";
  // zod's messages ("Invalid input: expected string, received number") read oddly after a field name.
  const message = issue.message.replace(/^Invalid (input|option): /, "");
  const typeMismatch = /^expected (\w+), received (\w+)$/.exec(message);
  if (typeMismatch) return `must be ${withArticle(typeMismatch[1] ?? "")}, not ${withArticle(typeMismatch[2] ?? "")}`;
  const bound = /^Too (?:big|small): expected \w+ to (be|have) ([<>]=?)(\S+)(.*)$/.exec(message);
  if (bound) return `must ${bound[1]} ${comparisons[bound[2] ?? ""] ?? bound[2]} ${bound[3]}${bound[4]}`;
  return message.replace(/^expected one of /, "must be one of ");
}

const comparisons: Record<string, string> = { "<=": "at most", ">=": "at least", "<": "less than", ">": "more than" };

function withArticle(type: string): string {
  if (type === "undefined" || type === "null") return "empty";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * The problems with a node's inputs. With `allowTemplates`, an issue at or under a `{{ }}` value is skipped (a
 * template may produce any type), and issues of object-level refinements that read a templated field are too.
 */
export function findInputProblems(
  schema: z.ZodType,
  inputs: Record<string, unknown>,
  options: { allowTemplates: boolean },
): InputProblem[] {
  const result = schema.safeParse(inputs);
  if (result.success) return [];
  return result.error.issues
    .filter((issue) => !(options.allowTemplates && coveredByTemplate(inputs, issue.path)))
    .map((issue) => ({ field: formatField(issue.path), message: describe(issue, inputs) }));
}

export function formatProblem(problem: InputProblem): string {
  return problem.field ? `field "${problem.field}" ${problem.message}` : problem.message;
}

/** Parses resolved inputs for a run, applying defaults; throws INPUT_INVALID naming every bad field. */
export function parseInputs<Schema extends z.ZodType>(
  schema: Schema,
  inputs: Record<string, unknown>,
  stepName: string,
): z.output<Schema> {
  const result = schema.safeParse(inputs);
  if (result.success) return result.data;
  const problems = findInputProblems(schema, inputs, { allowTemplates: false });
  throw new ConfluxError(
    "INPUT_INVALID",
    `The input of ${stepName} is not valid: ${problems.map(formatProblem).join("; ")}`,
    {
      details: { problems },
    },
  );
}
