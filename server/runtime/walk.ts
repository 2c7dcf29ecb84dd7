// Walks one scope of a run's plan (the top level, or one item of a For each) in plan order. A node runs when at
// least one edge into it is taken; otherwise it is recorded as skipped, so the run page shows the path not taken.
// An edge is taken when its source ran and left through that edge's handle:
//   "next"          after a success, and after a failure whose policy is "continue";
//   "true"/"false"  by an If's result;
//   "error"         only after a failure whose policy is "branch" (then "next" is not taken);
//   "each"          into a loop body, once per item (handled by the For each, see runForEach).
// A node reached by both branches of an If (a join) thus runs once, when the taken branch reaches it.
//
// What later expressions see as `steps.<id>`: a success's output; null after a "continue" failure; after a "branch"
// failure `{ error: { code, message, retryable, details? } }`; nothing for a skipped node. Inside a loop, `steps`
// holds the current item's outputs and is gone after it; a For each's output is, for each item, what the last step
// that ran for that item left there.
import { stepSettingsOf, type FlowEdge, type FlowNode } from "@/lib/flow-graph";
import { readErrorJson, toErrorJson, type ConfluxErrorJson } from "@/lib/errors";
import type { Db } from "../db/client";
import type { Sql } from "../db/sql";
import type { StoredStep } from "../db/step-runs.repository";
import { resolveForEachItems, runIfStep, runRespondStep } from "./control-nodes";
import type { ExpressionContext } from "./expressions";
import { nodeName, type ExecutionPlan } from "./plan";
import { signalRun } from "./run-signals";
import { runActionStep, type StepOptions } from "./step";
import { finishStep, recordSkipped, startStep, type StepTarget } from "./step-record";

export interface Walk {
  db: Db;
  /** The statements that record steps: the executing worker's own connection, or `db`. */
  sql: Sql;
  workspaceId: string;
  runId: string;
  plan: ExecutionPlan;
  /** Step rows of earlier deliveries by step id: the checkpoints. */
  previous: ReadonlyMap<string, StoredStep>;
  options: StepOptions;
  /** The next step's sequence; the walk is deterministic, so a re-delivery numbers steps the same way. */
  sequence: number;
}

export interface Scope {
  /** Appended to node ids to make step ids: "" at the top level, "#<index>" per enclosing iteration. */
  suffix: string;
  parentStepId: string | null;
  itemIndex: number | null;
  /** The For each whose body this scope runs, whose "each" edges count as taken. */
  loopId: string | null;
}

type NodeResult =
  | { kind: "succeeded"; output: unknown }
  | { kind: "handled"; policy: "continue" | "branch"; error: ConfluxErrorJson }
  | { kind: "skipped" };

/** A failure that ends the run, with the step it happened in. */
export type RunFailure = ConfluxErrorJson & { stepId: string };
export type ScopeResult = { ok: true; results: Map<string, NodeResult> } | { ok: false; error: RunFailure };

export const topLevel: Scope = { suffix: "", parentStepId: null, itemIndex: null, loopId: null };

export function succeeded(output: unknown): NodeResult {
  return { kind: "succeeded", output };
}

export async function walkScope(
  walk: Walk,
  nodes: readonly FlowNode[],
  scope: Scope,
  context: ExpressionContext,
  results: Map<string, NodeResult> = new Map(),
): Promise<ScopeResult> {
  for (const node of nodes) {
    // Steps that ignore the signal (Log, If) would otherwise go on after a cancel until one that checks it.
    walk.options.signal.throwIfAborted();
    const target: StepTarget = {
      workspaceId: walk.workspaceId,
      runId: walk.runId,
      node,
      stepId: `${node.id}${scope.suffix}`,
      sequence: walk.sequence++,
      parentStepId: scope.parentStepId,
      itemIndex: scope.itemIndex,
    };
    const done = walk.previous.get(target.stepId);
    const incoming = walk.plan.incoming.get(node.id) ?? [];
    if (!incoming.some((edge) => isTaken(edge, scope, results.get(edge.source)))) {
      if (done?.status !== "skipped") await recordSkipped(walk.sql, target);
      results.set(node.id, { kind: "skipped" });
      continue;
    }
    const outcome = await stepOutcome(walk, target, scope, context, done);
    if (outcome.ok) {
      results.set(node.id, succeeded(outcome.output));
      context.steps[node.id] = outcome.output;
      continue;
    }
    const policy = node.type === "action" ? stepSettingsOf(node).onError : "fail";
    if (policy === "fail") return { ok: false, error: { ...outcome.error, stepId: outcome.stepId } };
    results.set(node.id, { kind: "handled", policy, error: outcome.error });
    context.steps[node.id] = policy === "continue" ? null : { error: outcome.error };
  }
  return { ok: true, results };
}

type Outcome = { ok: true; output: unknown } | { ok: false; error: ConfluxErrorJson; stepId: string };

/** A finished step is never run again: its stored output or error stands in for it. */
async function stepOutcome(
  walk: Walk,
  target: StepTarget,
  scope: Scope,
  context: ExpressionContext,
  done: StoredStep | undefined,
): Promise<Outcome> {
  const failedAt = (outcome: { ok: true; output: unknown } | { ok: false; error: ConfluxErrorJson }): Outcome =>
    outcome.ok ? outcome : { ...outcome, stepId: target.stepId };
  if (done?.status === "succeeded") {
    // A capped output read back is only its marker: a later step that uses it would get the marker, not the data.
    if (done.outputTruncated && isReferencedLater(walk.plan, target.node.id)) {
      const message =
        `Step ${nodeName(target.node)}'s output was too large to keep (over CONFLUX_STEP_PAYLOAD_LIMIT_KB), and the ` +
        "run resumed after it, so later steps cannot use it. Replay the run from the start, or raise the limit.";
      return { ok: false, error: { code: "FLOW_INVALID", message, retryable: false }, stepId: target.stepId };
    }
    return { ok: true, output: done.output };
  }
  const storedError = done?.status === "failed" ? readErrorJson(done.error) : null;
  if (storedError) return { ok: false, error: storedError, stepId: target.stepId };
  switch (target.node.type) {
    case "action":
      return failedAt(await runActionStep(walk.db, target, context, walk.options, done !== undefined));
    case "if":
      return failedAt(await runIfStep(walk.db, target, context, walk.sql));
    case "respond": {
      const outcome = await runRespondStep(walk.db, target, context, walk.sql);
      // The response is committed: a caller waiting in this process answers with it now.
      if (outcome.ok) signalRun(walk.runId, { response: outcome.output });
      return failedAt(outcome);
    }
    case "forEach":
      return runForEach(walk, target, scope, context);
    case "trigger":
      return {
        ok: false,
        error: { code: "FLOW_INVALID", message: "A trigger cannot run as a step", retryable: false },
        stepId: target.stepId,
      };
  }
}

function isTaken(edge: FlowEdge, scope: Scope, source: NodeResult | undefined): boolean {
  if (edge.sourceHandle === "each") return edge.source === scope.loopId;
  if (!source || source.kind === "skipped") return false;
  if (source.kind === "handled") return edge.sourceHandle === (source.policy === "branch" ? "error" : "next");
  if (edge.sourceHandle === "true" || edge.sourceHandle === "false") {
    const output = source.output;
    const result = typeof output === "object" && output !== null && "result" in output ? output.result : undefined;
    return result === (edge.sourceHandle === "true");
  }
  return edge.sourceHandle === "next";
}

/**
 * Runs the loop body once per item, in order. Each iteration's steps are checkpointed under their own step ids
 * (`<id>#<index>`), so after a crash the items already done are not run again. The items are resolved again on a
 * re-delivery from the same stored outputs, so they are the same list unless the expression reads the clock.
 */
async function runForEach(walk: Walk, target: StepTarget, scope: Scope, context: ExpressionContext): Promise<Outcome> {
  const { node } = target;
  await startStep(walk.sql, target);
  let items: unknown[];
  try {
    items = await resolveForEachItems(node, context);
  } catch (error) {
    const errorJson = toErrorJson(error);
    await finishStep(walk.sql, target, { status: "failed", input: null, output: null, error: errorJson });
    return { ok: false, error: errorJson, stepId: target.stepId };
  }
  const body = walk.plan.bodies.get(node.id) ?? [];
  const outputs: unknown[] = [];
  for (const [index, item] of items.entries()) {
    const iteration: ExpressionContext = { ...context, steps: { ...context.steps }, item, index };
    const inner: Scope = {
      suffix: `${scope.suffix}#${index}`,
      parentStepId: target.stepId,
      itemIndex: index,
      loopId: node.id,
    };
    const result = await walkScope(walk, body, inner, iteration);
    if (!result.ok) {
      const { stepId: failedStepId, ...failure } = result.error;
      const failedNode = nodeOf(walk.plan, failedStepId) ?? node;
      const error: ConfluxErrorJson = {
        ...failure,
        message: `Item ${index + 1} of ${items.length} failed in step ${nodeName(failedNode)}: ${failure.message}`,
        details: { ...failure.details, failedStepId, itemIndex: index },
      };
      await finishStep(walk.sql, target, { status: "failed", input: { items }, output: null, error });
      return { ok: false, error: result.error, stepId: result.error.stepId };
    }
    outputs.push(lastOutput(body, iteration, result.results));
  }
  await finishStep(walk.sql, target, { status: "succeeded", input: { items }, output: outputs, error: null });
  return { ok: true, output: outputs };
}

function nodeOf(plan: ExecutionPlan, stepId: string): FlowNode | undefined {
  const id = stepId.split("#")[0];
  for (const body of plan.bodies.values()) {
    const found = body.find((candidate) => candidate.id === id);
    if (found) return found;
  }
  return undefined;
}

/** What the last step that ran for an item (in plan order) left in `steps`. */
function lastOutput(
  body: readonly FlowNode[],
  iteration: ExpressionContext,
  results: ReadonlyMap<string, NodeResult>,
): unknown {
  for (let index = body.length - 1; index >= 0; index -= 1) {
    const node = body[index];
    if (node && results.get(node.id)?.kind !== "skipped") return iteration.steps[node.id] ?? null;
  }
  return null;
}

/** Whether any step's inputs name `steps.<id>` (or `steps["<id>"]`), so they would read that step's output. */
function isReferencedLater(plan: ExecutionPlan, id: string): boolean {
  const nodes = [...plan.steps, ...[...plan.bodies.values()].flat()];
  return nodes.some((node) => {
    const inputs = JSON.stringify(node.inputs);
    // Node ids hold only letters, digits, - and _, so they need no escaping in the pattern.
    return new RegExp(`steps(\\.${id}(?![\\w-])|\\[\\\\?["']${id}\\\\?["']\\])`).test(inputs);
  });
}
