// A run's step rows: the checkpoints. One row per (run, step id); every write is keyed by that pair, so a
// re-delivered run updates the rows of its earlier delivery instead of adding new ones. These run on every step,
// so they are plain SQL (sql.ts).
import { randomUUID } from "node:crypto";
import { carryOrSend, holdOrSend } from "./carried-writes";
import { jsonb, sqlOf, utc, type SqlSource } from "./sql";

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

/** A step row as the executor reads it back. */
export interface StoredStep {
  stepId: string;
  status: "running" | "succeeded" | "failed" | "skipped";
  output: unknown;
  outputTruncated: boolean;
  error: unknown;
  attempts: number;
}

const NOW = `(now() AT TIME ZONE 'UTC')`;
const stamp = (timestamp: string) => `to_char(${timestamp}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/**
 * The step row's attempt log with `event` (a jsonb expression) appended, stamped with the database's clock. A log is
 * started on the first event, with the first attempt's start, so steps that run once never write one. Used in SET
 * clauses, where the row's columns still hold their old values.
 */
const appendAttemptEvent = (event: string) =>
  `COALESCE("StepRun"."attemptLog", jsonb_build_array(jsonb_build_object('kind', 'start', 'attempt', ` +
  `"StepRun".attempts, 'at', ${stamp(`"StepRun"."startedAt"`)}))) || ` +
  `jsonb_build_array(${event} || jsonb_build_object('at', ${stamp(NOW)}))`;
const identityValues = (step: StepIdentity) => [
  randomUUID(),
  step.workspaceId,
  step.runId,
  step.stepId,
  step.sequence,
  step.parentStepId,
  step.itemIndex,
  step.connectorId,
  step.operation,
];
/** The row key of carried-writes.ts: two writes of one step row never share a statement. */
const stepRow = (key: StepKey) => `StepRun:${key.runId}/${key.stepId}`;
const INSERT_IDENTITY = `INSERT INTO "StepRun" (id, "workspaceId", "runId", "stepId", sequence, "parentStepId",
  "itemIndex", "connectorId", operation, status, attempts, "startedAt", "finishedAt", output, "outputTruncated")`;

export async function findStepsOfRun(db: SqlSource, runId: string): Promise<StoredStep[]> {
  const { rows } = await sqlOf(db).query<StoredStep>(
    `SELECT "stepId", status::text AS status, output, "outputTruncated", error, attempts
     FROM "StepRun" WHERE "runId" = $1`,
    [runId],
  );
  return rows;
}

/**
 * Marks the step running and returns its attempt number (1, or one more than a delivery cut short) and, read in the
 * same statement, the workspace's outbound allow-list that the step's requests go out under.
 */
export async function startStepRow(
  db: SqlSource,
  step: StepIdentity,
): Promise<{ attempts: number; outboundAllowList: string[] }> {
  // A step found "running" was in flight when a worker stopped; it runs again with the same idempotency key.
  // It carries the previous step's held outcome (carried-writes.ts): both commit before this step does anything.
  const rows = await carryOrSend<{ attempts: number; outboundAllowList: string[] | null }>(db, {
    row: stepRow(step),
    text: `${INSERT_IDENTITY}
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'running', 1, ${NOW}, NULL, NULL, false)
     ON CONFLICT ("runId", "stepId") DO UPDATE
       SET status = 'running', attempts = "StepRun".attempts + 1, "startedAt" = ${NOW}, "finishedAt" = NULL,
         "attemptLog" = ${appendAttemptEvent(`jsonb_build_object('kind', 'resume', 'attempt', "StepRun".attempts + 1)`)}
     RETURNING attempts,
       (SELECT w."outboundAllowList" FROM "Workspace" w WHERE w.id = "StepRun"."workspaceId") AS "outboundAllowList"`,
    values: identityValues(step),
  });
  return { attempts: rows[0]?.attempts ?? 1, outboundAllowList: rows[0]?.outboundAllowList ?? [] };
}

/**
 * Stores a finished step's outcome. On a run connection it is held back and rides with the run's next statement
 * (the next step's start, or the run's end), which commits it before anything else happens.
 */
export async function finishStepRow(db: SqlSource, key: StepKey, result: StepResultRow): Promise<void> {
  await holdOrSend(db, {
    row: stepRow(key),
    // Data Postgres refuses (say, JSON it cannot read) fails the step readably instead of being retried forever.
    fallback: (reason) => ({
      row: stepRow(key),
      text: `UPDATE "StepRun" SET status = 'failed', input = NULL, "inputTruncated" = false, output = NULL,
         "outputTruncated" = false, error = $3::jsonb, "finishedAt" = ${NOW}
       WHERE "runId" = $1 AND "stepId" = $2 RETURNING 1`,
      values: [
        key.runId,
        key.stepId,
        jsonb({ code: "INTERNAL", message: `The step's result could not be saved: ${reason}`, retryable: false }),
      ],
    }),
    text: `UPDATE "StepRun" SET status = $3::"StepStatus", input = $4::jsonb, "inputTruncated" = $5, output = $6::jsonb,
       "outputTruncated" = $7, error = $8::jsonb, "finishedAt" = ${NOW}
     WHERE "runId" = $1 AND "stepId" = $2 RETURNING 1`,
    values: [
      key.runId,
      key.stepId,
      result.status,
      jsonb(result.input),
      result.inputTruncated,
      jsonb(result.output),
      result.outputTruncated,
      jsonb(result.error),
    ],
  });
}

/**
 * Writes a step's first row together with its outcome (an action that computes only, whose start is not recorded on
 * its own); held like a finished step. A row an earlier delivery left is overwritten, attempts included.
 */
export async function recordFinishedStepRow(
  db: SqlSource,
  step: StepIdentity,
  /** Both times from the caller's clock, so that the step's duration is right whatever the database's clock says. */
  result: StepResultRow & { startedAt: Date; finishedAt: Date },
): Promise<void> {
  const write = (status: string, row: Omit<StepResultRow, "status">) => ({
    row: stepRow(step),
    text: `INSERT INTO "StepRun" (id, "workspaceId", "runId", "stepId", sequence, "parentStepId", "itemIndex",
       "connectorId", operation, status, attempts, "startedAt", "finishedAt", input, "inputTruncated", output,
       "outputTruncated", error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::"StepStatus", 1, $11::timestamp, $12::timestamp, $13::jsonb,
       $14, $15::jsonb, $16, $17::jsonb)
     ON CONFLICT ("runId", "stepId") DO UPDATE
       SET status = EXCLUDED.status, attempts = 1, "startedAt" = EXCLUDED."startedAt",
         "finishedAt" = EXCLUDED."finishedAt", input = EXCLUDED.input, "inputTruncated" = EXCLUDED."inputTruncated",
         output = EXCLUDED.output, "outputTruncated" = EXCLUDED."outputTruncated", error = EXCLUDED.error
     RETURNING 1`,
    values: [
      ...identityValues(step),
      status,
      utc(result.startedAt),
      utc(result.finishedAt),
      jsonb(row.input),
      row.inputTruncated,
      jsonb(row.output),
      row.outputTruncated,
      jsonb(row.error),
    ],
  });
  await holdOrSend(db, {
    ...write(result.status, result),
    // Data Postgres refuses (say, JSON it cannot read) fails the step readably instead of being retried forever.
    fallback: (reason) =>
      write("failed", {
        input: null,
        inputTruncated: false,
        output: null,
        outputTruncated: false,
        error: { code: "INTERNAL", message: `The step's result could not be saved: ${reason}`, retryable: false },
      }),
  });
}

/** Writes a step that is done the moment it is recorded (the trigger's step 0); held like a finished step. */
export async function recordSucceededStep(
  db: SqlSource,
  step: StepIdentity,
  row: { output: unknown; outputTruncated: boolean; startedAt: Date },
): Promise<void> {
  await holdOrSend(db, {
    row: stepRow(step),
    text: `${INSERT_IDENTITY}
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'succeeded', 1, $10::timestamp, ${NOW}, $11::jsonb, $12)
     ON CONFLICT ("runId", "stepId") DO UPDATE
       SET status = 'succeeded', output = EXCLUDED.output, "outputTruncated" = EXCLUDED."outputTruncated",
         "startedAt" = EXCLUDED."startedAt", "finishedAt" = EXCLUDED."finishedAt"
     RETURNING 1`,
    values: [...identityValues(step), utc(row.startedAt), jsonb(row.output), row.outputTruncated],
  });
}

/** A node no taken edge reaches: shown as skipped, never run; held like a finished step. */
export async function recordSkippedStep(db: SqlSource, step: StepIdentity): Promise<void> {
  await holdOrSend(db, {
    row: stepRow(step),
    text: `${INSERT_IDENTITY}
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'skipped', 0, ${NOW}, ${NOW}, NULL, false)
     ON CONFLICT ("runId", "stepId") DO UPDATE
       SET status = 'skipped', attempts = 0, "startedAt" = ${NOW}, "finishedAt" = ${NOW}
     RETURNING 1`,
    values: identityValues(step),
  });
}

/** A failed attempt that will be tried again: its error stays visible while the step waits `waitMs`. */
export async function saveRetryWait(
  db: SqlSource,
  key: StepKey,
  error: unknown,
  retry: { attempt: number; code: string; message: string; waitMs: number },
): Promise<void> {
  await sqlOf(db).query(
    `UPDATE "StepRun" SET error = $3::jsonb, "attemptLog" = ${appendAttemptEvent("$4::jsonb")}
     WHERE "runId" = $1 AND "stepId" = $2 RETURNING 1`,
    [key.runId, key.stepId, jsonb(error), jsonb({ kind: "retry", ...retry })],
  );
}

/** The next attempt starts. */
export async function saveStepAttempts(db: SqlSource, key: StepKey, attempts: number): Promise<void> {
  await sqlOf(db).query(
    `UPDATE "StepRun" SET attempts = $3,
       "attemptLog" = ${appendAttemptEvent(`jsonb_build_object('kind', 'start', 'attempt', $3::int)`)}
     WHERE "runId" = $1 AND "stepId" = $2 RETURNING 1`,
    [key.runId, key.stepId, attempts],
  );
}

/** Fails the steps still "running" of a cancelled run (and only of a cancelled one); returns how many. */
export async function failRunningStepsOfCancelledRun(db: SqlSource, runId: string, error: unknown): Promise<number> {
  const { rows } = await sqlOf(db).query(
    `UPDATE "StepRun" s SET status = 'failed', error = $2::jsonb, "finishedAt" = ${NOW}
     FROM "Run" r
     WHERE s."runId" = $1 AND s.status = 'running' AND r.id = s."runId" AND r.status = 'cancelled'
     RETURNING 1`,
    [runId, jsonb(error)],
  );
  return rows.length;
}

/**
 * A Respond step, done the moment it is recorded: its row and the run's response in ONE statement (so the waiting
 * caller and a resumed run see both or neither), instead of start, begin, two updates and commit.
 */
export async function recordRespondStep(
  db: SqlSource,
  step: StepIdentity,
  row: { input: unknown; inputTruncated: boolean; output: unknown; outputTruncated: boolean; startedAt: Date },
  response: unknown,
): Promise<void> {
  // Carries the held writes: the caller may read the run's answer as soon as this commits.
  await carryOrSend(db, {
    row: stepRow(step),
    text: `WITH answered AS (UPDATE "Run" SET response = $15::jsonb WHERE id = $3 RETURNING id)
     INSERT INTO "StepRun" (id, "workspaceId", "runId", "stepId", sequence, "parentStepId", "itemIndex",
       "connectorId", operation, status, attempts, "startedAt", "finishedAt", input, "inputTruncated", output,
       "outputTruncated")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'succeeded', 1, $10::timestamp, ${NOW}, $11::jsonb, $12, $13::jsonb,
       $14)
     ON CONFLICT ("runId", "stepId") DO UPDATE
       SET status = 'succeeded', input = EXCLUDED.input, "inputTruncated" = EXCLUDED."inputTruncated",
         output = EXCLUDED.output, "outputTruncated" = EXCLUDED."outputTruncated", error = NULL,
         "startedAt" = EXCLUDED."startedAt", "finishedAt" = EXCLUDED."finishedAt"
     RETURNING 1`,
    values: [
      ...identityValues(step),
      utc(row.startedAt),
      jsonb(row.input),
      row.inputTruncated,
      jsonb(row.output),
      row.outputTruncated,
      jsonb(response),
    ],
  });
}
