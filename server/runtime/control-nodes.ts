// The steps the runtime executes itself: If (which branch), Respond (the answer a waiting webhook caller gets) and
// the item list of a For each. They call nothing remote, so they are never retried and have no error policy: a
// failure (a condition that is not true or false, a list that is not a list) fails the run with a clear message.
import type { FlowNode } from "@/lib/flow-graph";
import { ConfluxError, toErrorJson } from "@/lib/errors";
import { MAX_FOR_EACH_ITEMS } from "../connectors/core/actions/for-each";
import { respondAction } from "../connectors/core/actions/respond";
import type { Db, Tx } from "../db/client";
import type { SqlSource } from "../db/sql";
import { saveRunResponse } from "../db/run-execution.repository";
import { isTransientDatabaseError } from "../db/transient-errors";
import { resolveInputs, type ExpressionContext } from "./expressions";
import { parseInputs } from "./inputs";
import { nodeName } from "./plan";
import { finishStep, startStep, type StepOutcome, type StepTarget } from "./step-record";

/** Records a control step around `compute`; `commit` runs in the same transaction as the step's success. */
async function runControlStep(
  db: Db,
  target: StepTarget,
  compute: () => Promise<{ input: unknown; output: unknown }>,
  commit?: (tx: Tx, output: unknown) => Promise<void>,
  sql: SqlSource = db,
): Promise<StepOutcome> {
  await startStep(sql, target);
  let input: unknown = null;
  try {
    const result = await compute();
    input = result.input;
    const success = { status: "succeeded" as const, input: result.input, output: result.output, error: null };
    if (commit) {
      await db.$transaction(async (tx) => {
        await commit(tx, result.output);
        await finishStep(tx, target, success);
      });
    } else {
      await finishStep(sql, target, success);
    }
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
    db,
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
    undefined,
    sql,
  );
}

/**
 * Stores { status, headers, body } on the run in the same transaction as the step, so a webhook caller waiting on
 * the run can answer as soon as the step has run, before the rest of the flow finishes.
 */
export function runRespondStep(
  db: Db,
  target: StepTarget,
  context: ExpressionContext,
  sql: SqlSource = db,
): Promise<StepOutcome> {
  return runControlStep(
    db,
    target,
    async () => {
      const resolved = await resolveInputs(target.node.inputs, context);
      const parsed = parseInputs(respondAction.input, resolved, nodeName(target.node));
      return { input: resolved, output: { status: parsed.status, headers: parsed.headers, body: parsed.body ?? null } };
    },
    async (tx, output) => {
      await saveRunResponse(tx, target.runId, output);
    },
    sql,
  );
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
