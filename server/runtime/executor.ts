// Executes one run: walk the published version's graph from the trigger, one checkpointed step at a time (walk.ts
// decides which nodes run). The job that calls this may be delivered more than once (crash, shutdown, reaper), so
// everything here is re-entrant: finished runs are left alone, finished steps are not run again and their stored
// output (or handled error) is reused.
import { flowGraphSchema, describeIssues } from "@/lib/flow-graph";
import { ConfluxError, toErrorJson } from "@/lib/errors";
import type { Db } from "../db/client";
import { createRunConnection, isRunConnection } from "../db/carried-writes";
import * as execution from "../db/run-execution.repository";
import { recordSucceededStep } from "../db/step-runs.repository";
import { isTransientDatabaseError } from "../db/transient-errors";
import { sqlOf, type Sql } from "../db/sql";
import { findVersionGraph } from "../db/versions.repository";
import type { KeyRingSource } from "../security/keyring";
import type { ExpressionContext } from "./expressions";
import { toPlainJson } from "./json";
import { capPayload } from "./payload-cap";
import { planExecution, type ExecutionPlan } from "./plan";
import { defaultRetryPolicy, type RetryPolicy } from "./retry";
import { signalRun } from "./run-signals";
import { succeeded, topLevel, walkScope } from "./walk";

export interface ExecuteOptions {
  signal: AbortSignal;
  log: (line: string) => void;
  /** Decrypts the accounts steps use; the process-wide key ring when absent. */
  keys?: KeyRingSource;
  /** Backoff between attempts of a failing step; 1 s doubling up to 60 s, with full jitter, when absent. */
  retry?: RetryPolicy;
  /** The run's statements go through this connection (the worker's, which holds the run lock); `db` when absent. */
  sql?: Sql;
  /** The run as the worker's claim (claimRun) loaded it, under this worker's lease; loaded here when absent. */
  claimed?: LoadedRun;
}

const finished = new Set(["succeeded", "failed", "cancelled"]);
type LoadedRun = execution.RunForExecution;

/** Executes the run; true when this execution ended it (which also cleared its lease). */
export async function executeRun(db: Db, runId: string, options: ExecuteOptions): Promise<boolean> {
  // Step outcomes ride with the next statement (carried-writes.ts), on the worker's connection or on `db`.
  const given = options.sql ?? sqlOf(db);
  const sql = isRunConnection(given) ? given : createRunConnection(given);
  const run = options.claimed ?? (await execution.loadRunForExecution(sql, runId));
  if (!run) {
    options.log(`run ${runId} does not exist (deleted with its flow?); its job is dropped`);
    return false;
  }
  if (finished.has(run.status)) return false;
  let ended: boolean;
  try {
    ended = await walk(db, sql, run, options);
  } catch (error) {
    // Shutting down, or the database is out of reach: the queue delivers the run again and it resumes. The steps
    // that finished are still written if the database lets us, so that they do not run again.
    if (options.signal.aborted || isTransientDatabaseError(error)) {
      await sql.flush().catch(() => undefined);
      throw error;
    }
    // Anything unexpected fails the run readably; if even that write fails, the job is retried later.
    options.log(
      `run ${runId} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    ended = await execution.finishRun(sql, runId, "failed", toErrorJson(error));
  }
  // Nothing is held once the run ended (its last statement carried it); a run that stopped early may hold a step.
  await sql.flush();
  // Ended (or left for a retry): a webhook caller waiting in this process looks at the run now.
  signalRun(runId);
  return ended;
}

/** Versions never change, so each one's graph is parsed and planned once per process. */
const plansByVersion = new Map<string, ExecutionPlan>();
const MAX_CACHED_PLANS = 500;

async function planOf(db: Db, versionId: string): Promise<ExecutionPlan> {
  const cached = plansByVersion.get(versionId);
  if (cached) return cached;
  const version = await findVersionGraph(db, versionId);
  const parsed = flowGraphSchema.safeParse(version?.graph);
  if (!parsed.success) {
    throw new ConfluxError("FLOW_INVALID", `The flow version cannot be read: ${describeIssues(parsed.error)}`);
  }
  const plan = planExecution(parsed.data);
  if (!plan.trigger) throw new ConfluxError("FLOW_INVALID", "The flow version has no trigger");
  if (plansByVersion.size >= MAX_CACHED_PLANS) plansByVersion.clear();
  plansByVersion.set(versionId, plan);
  return plan;
}

async function walk(db: Db, sql: Sql, run: LoadedRun, options: ExecuteOptions): Promise<boolean> {
  const plan = await planOf(db, run.flowVersionId);
  if (!plan.trigger) throw new ConfluxError("FLOW_INVALID", "The flow version has no trigger");

  // Claim the run; a cancelled run (status changed since loading) is left alone. Under a lease the run is running
  // already (the lease's write marks it), which saves this statement.
  const claimed = run.status === "running" && run.startedAt !== null;
  if (!claimed && !(await execution.markRunRunning(sql, run.id, run.startedAt ?? new Date()))) return false;

  const previous = new Map(run.steps.map((step) => [step.stepId, step]));
  const triggerData = toPlainJson(run.triggerData);
  const context: ExpressionContext = { trigger: triggerData, steps: {}, env: {} };

  // The trigger is step 0, so the run page shows what the run started with, like any other step's output.
  if (previous.get(plan.trigger.id)?.status !== "succeeded") {
    const storedTrigger = capPayload(triggerData);
    await recordSucceededStep(
      sql,
      {
        workspaceId: run.workspaceId,
        runId: run.id,
        stepId: plan.trigger.id,
        sequence: 0,
        parentStepId: null,
        itemIndex: null,
        connectorId: plan.trigger.connectorId,
        operation: plan.trigger.operation,
      },
      { output: storedTrigger.value, outputTruncated: storedTrigger.truncated, startedAt: run.createdAt },
    );
  }

  const result = await walkScope(
    {
      db,
      sql,
      workspaceId: run.workspaceId,
      runId: run.id,
      plan,
      previous,
      options: { ...options, sql, retry: options.retry ?? defaultRetryPolicy },
      sequence: 1,
    },
    plan.steps,
    topLevel,
    context,
    new Map([[plan.trigger.id, succeeded(triggerData)]]),
  );
  if (!result.ok) {
    // The run's error names the step; the step's own row keeps the details (the remote reply, the attempts).
    const { code, message, retryable, stepId } = result.error;
    return execution.finishRun(sql, run.id, "failed", { code, message, retryable, stepId });
  }
  return execution.finishRun(sql, run.id, "succeeded", null);
}
