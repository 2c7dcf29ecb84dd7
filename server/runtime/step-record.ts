// The StepRun rows of a run: the checkpoints. A step is marked running before it does anything, and its outcome is
// written before the run moves on, so a re-delivered run skips every finished step and re-runs only the one that was
// in flight. `finishStep` is the one place a step's input and output payloads are stored.
import type { FlowNode } from "@/lib/flow-graph";
import type { ConfluxErrorJson } from "@/lib/errors";
import type { SqlSource } from "../db/sql";
import * as steps from "../db/step-runs.repository";
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

export function stepIdentity(target: StepTarget): steps.StepIdentity {
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
export async function startStep(db: SqlSource, target: StepTarget): Promise<number> {
  return (await steps.startStepRow(db, stepIdentity(target))).attempts;
}

/** startStep, also returning the workspace's outbound allow-list as it is now (read in the same statement). */
export async function startActionStep(
  db: SqlSource,
  target: StepTarget,
): Promise<{ attempts: number; outboundAllowList: string[] }> {
  return steps.startStepRow(db, stepIdentity(target));
}

/** Between attempts: the failed attempt's error stays visible while the step waits `waitMs` to try again. */
export async function recordRetryWait(
  db: SqlSource,
  target: StepTarget,
  error: ConfluxErrorJson,
  retry: { attempt: number; code: string; message: string; waitMs: number },
): Promise<void> {
  await steps.saveRetryWait(db, target, error, retry);
}

/** The next attempt begins: counted before it runs, so an attempt cut short by a crash still counts. */
export async function recordAttemptStart(db: SqlSource, target: StepTarget, attempt: number): Promise<void> {
  await steps.saveStepAttempts(db, target, attempt);
}

/** Stores the outcome. Callers pass input and output already redacted of account secrets. */
export async function finishStep(
  db: SqlSource,
  target: StepTarget,
  result: {
    status: "succeeded" | "failed";
    input: unknown;
    output: unknown;
    error: ConfluxErrorJson | null;
    /** When the step started, if its start was not recorded (an action that computes only): its row is made now. */
    unrecordedStart?: Date;
  },
): Promise<void> {
  // Stored payloads are capped (payload-cap.ts); the caller keeps the full output for later steps of this execution.
  const input = capPayload(result.input);
  const output = capPayload(result.output);
  const row = {
    status: result.status,
    input: input.value,
    inputTruncated: input.truncated,
    output: output.value,
    outputTruncated: output.truncated,
    error: result.error,
  };
  if (result.unrecordedStart) {
    await steps.recordFinishedStepRow(db, stepIdentity(target), {
      ...row,
      startedAt: result.unrecordedStart,
      finishedAt: new Date(),
    });
  } else {
    await steps.finishStepRow(db, target, row);
  }
}

/** A node no taken edge reaches (the other side of an If, an error path without an error): shown, never run. */
export async function recordSkipped(db: SqlSource, target: StepTarget): Promise<void> {
  await steps.recordSkippedStep(db, stepIdentity(target));
}
