// The StepRun rows of a run: the checkpoints. A step is marked running before it does anything, and its outcome is
// written before the run moves on, so a re-delivered run skips every finished step and re-runs only the one that was
// in flight. `finishStep` is the one place a step's input and output payloads are stored.
import type { FlowNode } from "@/lib/flow-graph";
import type { ConfluxErrorJson } from "@/lib/errors";
import type { DbOrTx } from "../db/client";
import { toJsonInput } from "./json";
import { capPayload } from "./payload-cap";

export interface StepTarget {
  workspaceId: string;
  runId: string;
  node: FlowNode;
  /** The node id, plus `#<index>` for each For each iteration it runs inside (`note#3`, or `note#3#0` nested). */
  stepId: string;
  /** Position in execution order, so a run page lists steps as they ran. */
  sequence: number;
  /** Inside a For each: the For each's step id and the item's index. */
  parentStepId: string | null;
  itemIndex: number | null;
}

export type StepOutcome = { ok: true; output: unknown } | { ok: false; error: ConfluxErrorJson };

function keyOf(target: StepTarget) {
  return { runId_stepId: { runId: target.runId, stepId: target.stepId } };
}

function identity(target: StepTarget) {
  return {
    workspaceId: target.workspaceId,
    runId: target.runId,
    stepId: target.stepId,
    sequence: target.sequence,
    parentStepId: target.parentStepId,
    itemIndex: target.itemIndex,
    connectorId: target.node.connectorId,
    operation: target.node.operation,
  };
}

/** Marks the step running and returns its attempt number: 1, or one more than a delivery that was cut short. */
export async function startStep(db: DbOrTx, target: StepTarget): Promise<number> {
  const row = await db.stepRun.upsert({
    where: keyOf(target),
    create: { ...identity(target), status: "running", attempts: 1, startedAt: new Date() },
    // A step found "running" was in flight when a worker stopped; it runs again with the same idempotency key.
    update: { status: "running", attempts: { increment: 1 }, startedAt: new Date(), finishedAt: null },
    select: { attempts: true },
  });
  return row.attempts;
}

/** Between attempts: the failed attempt's error stays visible while the step waits to try again. */
export async function recordRetryWait(db: DbOrTx, target: StepTarget, error: ConfluxErrorJson): Promise<void> {
  await db.stepRun.update({ where: keyOf(target), data: { error: toJsonInput(error) } });
}

/** The next attempt begins: counted before it runs, so an attempt cut short by a crash still counts. */
export async function recordAttemptStart(db: DbOrTx, target: StepTarget, attempt: number): Promise<void> {
  await db.stepRun.update({ where: keyOf(target), data: { attempts: attempt } });
}

/** Stores the outcome. Callers pass input and output already redacted of account secrets. */
export async function finishStep(
  db: DbOrTx,
  target: StepTarget,
  result: { status: "succeeded" | "failed"; input: unknown; output: unknown; error: ConfluxErrorJson | null },
): Promise<void> {
  // Stored payloads are capped (payload-cap.ts); the caller keeps the full output for later steps of this execution.
  const input = capPayload(result.input);
  const output = capPayload(result.output);
  await db.stepRun.update({
    where: keyOf(target),
    data: {
      status: result.status,
      input: toJsonInput(input.value),
      inputTruncated: input.truncated,
      output: toJsonInput(output.value),
      outputTruncated: output.truncated,
      error: toJsonInput(result.error),
      finishedAt: new Date(),
    },
  });
}

/** A node no taken edge reaches (the other side of an If, an error path without an error): shown, never run. */
export async function recordSkipped(db: DbOrTx, target: StepTarget): Promise<void> {
  const now = new Date();
  const row = { status: "skipped" as const, attempts: 0, startedAt: now, finishedAt: now };
  await db.stepRun.upsert({ where: keyOf(target), create: { ...identity(target), ...row }, update: row });
}
