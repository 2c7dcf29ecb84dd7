// The steps the runtime executes itself: If (which branch), Respond (the answer a waiting webhook caller gets) and
// the item list of a For each. They call nothing remote, so they are never retried and have no error policy: a
// failure (a condition that is not true or false, a list that is not a list) fails the run with a clear message.
import type { FlowNode } from "@/lib/flow-graph";
import { ConfluxError, toErrorJson } from "@/lib/errors";
import { MAX_FOR_EACH_ITEMS } from "../connectors/core/actions/for-each";
import { respondAction } from "../connectors/core/actions/respond";
import type { Db } from "../db/client";
import type { SqlSource } from "../db/sql";
import { recordRespondStep } from "../db/step-runs.repository";
import { isTransientDatabaseError } from "../db/transient-errors";
import { resolveInputs, type ExpressionContext } from "./expressions";
import { parseInputs } from "./inputs";
import { nodeName } from "./plan";
import { capPayload } from "./payload-cap";
import { finishStep, startStep, stepIdentity, type StepOutcome, type StepTarget } from "./step-record";

/** Records a control step around `compute`. */
async function runControlStep(
  target: StepTarget,
  compute: () => Promise<{ input: unknown; output: unknown }>,
  sql: SqlSource,
): Promise<StepOutcome> {
  await startStep(sql, target);
  let input: unknown = null;
  try {
    const result = await compute();
    input = result.input;
    const success = { status: "succeeded" as const, input: result.input, output: result.output, error: null };
    await finishStep(sql, target, success);
    return { ok: true, output: result.output };
  } catch (error) {
    // The database is out of reach: the queue delivers the run again, and this step runs again then.
    if (isTransientDatabaseError(error)) throw error;
    const errorJson = toErrorJson(error);
    await finishStep(sql, target, { status: "failed", input, output: null, error: errorJson });
    return { ok: false, error: errorJson };
  }
}

/** Output `{ result: boolean }`; the executor follows the "true" or "false" edges by it. */
export function runIfStep(
  db: Db,
  target: StepTarget,
  context: ExpressionContext,
  sql: SqlSource = db,
): Promise<StepOutcome> {
  return runControlStep(
    target,
    async () => {
      const input = await resolveInputs(target.node.inputs, context);
      const condition = input.condition;
      if (typeof condition !== "boolean") {
        throw new ConfluxError(
          "INPUT_INVALID",
          `The condition of ${nodeName(target.node)} must give true or false, but gave ${describeValue(condition)}. ` +
            'Compare the value instead, e.g. {{ trigger.status = "paid" }}, or use $exists(…) or $boolean(…).',
          { details: { field: "condition", value: condition ?? null } },
        );
      }
      return { input, output: { result: condition } };
    },
    sql,
  );
}

/**
 * Stores { status, headers, body } on the run in the same statement that records the step, so a webhook caller
 * waiting on the run can answer as soon as the step has run, before the rest of the flow finishes.
 */
export async function runRespondStep(
  db: Db,
  target: StepTarget,
  context: ExpressionContext,
  sql: SqlSource = db,
): Promise<StepOutcome> {
  const startedAt = new Date();
  let resolved: Record<string, unknown> | null = null;
  try {
    resolved = await resolveInputs(target.node.inputs, context);
    const parsed = parseInputs(respondAction.input, resolved, nodeName(target.node));
    const output = { status: parsed.status, headers: parsed.headers, body: parsed.body ?? null };
    const input = capPayload(resolved);
    const stored = capPayload(output);
    await recordRespondStep(
      sql,
      stepIdentity(target),
      {
        input: input.value,
        inputTruncated: input.truncated,
        output: stored.value,
        outputTruncated: stored.truncated,
        startedAt,
      },
      output,
    );
    return { ok: true, output };
  } catch (error) {
    if (isTransientDatabaseError(error)) throw error;
    const errorJson = toErrorJson(error);
    await startStep(sql, target);
    await finishStep(sql, target, { status: "failed", input: resolved, output: null, error: errorJson });
    return { ok: false, error: errorJson };
  }
}

/** The list a For each runs over, resolved against the run's data; fails readably on anything but a short list. */
export async function resolveForEachItems(node: FlowNode, context: ExpressionContext): Promise<unknown[]> {
  const input = await resolveInputs(node.inputs, context);
  const items = input.items;
  if (!Array.isArray(items)) {
    throw new ConfluxError(
      "INPUT_INVALID",
      `${nodeName(node)} needs a list in "Items", but got ${describeValue(items)}. ` +
        "Point it at an array, e.g. {{ trigger.lines }}; a single value can be wrapped as [ … ].",
      { details: { field: "items" } },
    );
  }
  if (items.length > MAX_FOR_EACH_ITEMS) {
    throw new ConfluxError(
      "INPUT_INVALID",
      `${nodeName(node)} got ${items.length} items; a For each runs over at most ${MAX_FOR_EACH_ITEMS}. ` +
        "Split the list, e.g. by fetching it in pages.",
      { details: { field: "items", count: items.length } },
    );
  }
  return items;
}

/** "a string ("yes")", "an object", "nothing": the kind of value an expression gave, for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return "nothing (the expression matched no data)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") {
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  }
  if (typeof value === "number") return `a number (${value})`;
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
