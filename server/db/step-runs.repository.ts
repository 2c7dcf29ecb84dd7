// A run's step rows: the checkpoints. One row per (run, step id); every write is keyed by that pair, so a
// re-delivered run updates the rows of its earlier delivery instead of adding new ones.
import type { DbOrTx } from "./client";
import { toJsonInput } from "./json";

export interface StepKey {
  runId: string;
  stepId: string;
}

/** What identifies a step row besides its key; written when the row is created. */
export interface StepIdentity extends StepKey {
  workspaceId: string;
  sequence: number;
  parentStepId: string | null;
  itemIndex: number | null;
  connectorId: string;
  operation: string;
}

/** A finished step's payloads, already capped to their stored size. */
export interface StepResultRow {
  status: "succeeded" | "failed";
  input: unknown;
  inputTruncated: boolean;
  output: unknown;
  outputTruncated: boolean;
  error: unknown;
}

const keyOf = (key: StepKey) => ({ runId_stepId: { runId: key.runId, stepId: key.stepId } });

/** Marks the step running and returns its attempt number: 1, or one more than a delivery cut short. */
export async function startStepRow(db: DbOrTx, step: StepIdentity): Promise<number> {
  const now = new Date();
  const row = await db.stepRun.upsert({
    where: keyOf(step),
    create: { ...step, status: "running", attempts: 1, startedAt: now },
    // A step found "running" was in flight when a worker stopped; it runs again with the same idempotency key.
    update: { status: "running", attempts: { increment: 1 }, startedAt: now, finishedAt: null },
    select: { attempts: true },
  });
  return row.attempts;
}

/** Stores a finished step's outcome. */
export async function finishStepRow(db: DbOrTx, key: StepKey, result: StepResultRow): Promise<void> {
  await db.stepRun.update({
    where: keyOf(key),
    data: {
      status: result.status,
      input: toJsonInput(result.input),
      inputTruncated: result.inputTruncated,
      output: toJsonInput(result.output),
      outputTruncated: result.outputTruncated,
      error: toJsonInput(result.error),
      finishedAt: new Date(),
    },
  });
}

/** Writes a step that is done the moment it is recorded (the trigger's step 0), in one statement. */
export async function recordSucceededStep(
  db: DbOrTx,
  step: StepIdentity,
  row: { output: unknown; outputTruncated: boolean; startedAt: Date },
): Promise<void> {
  const data = {
    status: "succeeded" as const,
    output: toJsonInput(row.output),
    outputTruncated: row.outputTruncated,
    startedAt: row.startedAt,
    finishedAt: new Date(),
  };
  await db.stepRun.upsert({ where: keyOf(step), create: { ...step, ...data, attempts: 1 }, update: data });
}

/** A node no taken edge reaches: shown as skipped, never run. */
export async function recordSkippedStep(db: DbOrTx, step: StepIdentity): Promise<void> {
  const now = new Date();
  const row = { status: "skipped" as const, attempts: 0, startedAt: now, finishedAt: now };
  await db.stepRun.upsert({ where: keyOf(step), create: { ...step, ...row }, update: row });
}

export async function saveStepError(db: DbOrTx, key: StepKey, error: unknown): Promise<void> {
  await db.stepRun.update({ where: keyOf(key), data: { error: toJsonInput(error) } });
}

export async function saveStepAttempts(db: DbOrTx, key: StepKey, attempts: number): Promise<void> {
  await db.stepRun.update({ where: keyOf(key), data: { attempts } });
}

/** Fails the steps still "running" of a cancelled run (and only of a cancelled one); returns how many. */
export async function failRunningStepsOfCancelledRun(db: DbOrTx, runId: string, error: unknown): Promise<number> {
  const { count } = await db.stepRun.updateMany({
    where: { runId, status: "running", run: { status: "cancelled" } },
    data: { status: "failed", error: toJsonInput(error), finishedAt: new Date() },
  });
  return count;
}
