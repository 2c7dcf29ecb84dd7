// Runs one action node: resolve its templates, validate the result, call the connector (again, after a backoff, when
// the error is retryable and attempts remain), and write the outcome before anything else happens. That write is the
// checkpoint: a re-delivered run skips every finished step.
// A node with an account gets it decrypted in ctx.account; its secrets are redacted from everything stored or logged.
import { stepSettingsOf, type FlowNode } from "@/lib/flow-graph";
import { ConfluxError, toErrorJson, type ConfluxErrorJson } from "@/lib/errors";
import { loadStepAccount } from "../accounts/step-account";
import { findOperation, type FoundOperation } from "../connectors";
import type { Logger } from "../connectors/sdk";
import type { Db } from "../db/client";
import type { SqlSource } from "../db/sql";
import { isTransientDatabaseError } from "../db/transient-errors";
import { defaultKeyRing, type KeyRingSource } from "../security/keyring";
import { createRedactor, type Redactor } from "../security/redact";
import { resolveInputs, type ExpressionContext } from "./expressions";
import { parseInputs } from "./inputs";
import { resolveAccountLimit, withAccountLimit } from "./rate-limit";
import { toPlainJson } from "./json";
import { createRunFiles } from "./run-files";
import { nodeName } from "./plan";
import { decideRetry, describeWait, type RetryPolicy } from "./retry";
import {
  finishStep,
  recordAttemptStart,
  recordRetryWait,
  startActionStep,
  type StepOutcome,
  type StepTarget,
} from "./step-record";
import { withWorkspaceOutbound } from "../security/workspace-outbound";

export interface StepOptions {
  signal: AbortSignal;
  log: (line: string) => void;
  keys?: KeyRingSource;
  retry: RetryPolicy;
  /** Where step rows are written: the executing worker's own connection; `db` when absent. */
  sql?: SqlSource;
}

/** One line per failed attempt, kept in the step's error details (`details.attempts`) when there was more than one. */
interface AttemptRecord {
  attempt: number;
  code: string;
  message: string;
  at: string;
}

const ATTEMPT_MESSAGE_CHARS = 300;

/** The node's action as the registry found it; throws FLOW_INVALID when it names none. */
function actionOf(node: FlowNode, found: FoundOperation | undefined): Extract<FoundOperation, { kind: "action" }> {
  if (!found || found.kind !== "action") {
    throw new ConfluxError(
      "FLOW_INVALID",
      `${nodeName(node)} names an action that does not exist (${node.connectorId}.${node.operation})`,
    );
  }
  return found;
}

export function stepLogger(runId: string, stepId: string, write: (line: string) => void): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) =>
    write(`[run ${runId} step ${stepId}] ${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ""}`);
  return {
    info: (message, fields) => line("info", message, fields),
    warn: (message, fields) => line("warn", message, fields),
    error: (message, fields) => line("error", message, fields),
  };
}

export async function runActionStep(
  db: Db,
  target: StepTarget,
  context: ExpressionContext,
  options: StepOptions,
  /** Whether an earlier delivery left the step's row (it was in flight when that delivery stopped). */
  resumed = true,
): Promise<StepOutcome> {
  const { node, runId, stepId } = target;
  const settings = stepSettingsOf(node);
  const sql = options.sql ?? db;
  // An action that computes only is recorded once, with its outcome; until it has to wait for a retry, when its row
  // must show the attempt. It calls nothing, so no allow-list is read for it.
  const found = findOperation(node.connectorId, node.operation);
  let unrecordedStart = found?.kind === "action" && found.action.computesOnly && !resumed ? new Date() : undefined;
  const started = unrecordedStart ? { attempts: 1, outboundAllowList: [] } : await startActionStep(sql, target);
  let attempt = started.attempts;
  // The first attempt goes out under the allow-list read with the step's start; a retry, seconds later, reads it again.
  let savedAllowList: readonly string[] | undefined = started.outboundAllowList;
  let input: unknown = null;
  let redactor = createRedactor([]);
  const failures: AttemptRecord[] = [];
  try {
    const { action, connector } = actionOf(node, found);
    const stepAccount = node.accountId
      ? await loadStepAccount(db, {
          workspaceId: target.workspaceId,
          accountId: node.accountId,
          connector,
          keys: options.keys ?? defaultKeyRing(),
          stepName: nodeName(node),
        })
      : undefined;
    redactor = createRedactor(stepAccount?.secrets ?? []);
    // Shared by every flow and worker using the account; each attempt waits its turn, so a backoff holds no slot
    // and the wait does not count against the step's timeout (callOnce starts its deadline once admitted).
    const accountLimit = node.accountId
      ? await resolveAccountLimit(db, { workspaceId: target.workspaceId, accountId: node.accountId, connector })
      : undefined;
    const resolved = await resolveInputs(node.inputs, context);
    input = resolved;
    const parsed = parseInputs(action.input, resolved, nodeName(node));
    const logger = stepLogger(runId, stepId, (line: string) => options.log(redactor.text(line)));
    const files = createRunFiles(db, { workspaceId: target.workspaceId, runId, stepId });

    const callOnce = async (): Promise<unknown> => {
      const deadline = attemptDeadline(node, settings.timeoutMs);
      const signal = deadline ? AbortSignal.any([options.signal, deadline.signal]) : options.signal;
      try {
        const allowList = savedAllowList;
        savedAllowList = undefined;
        const call = withWorkspaceOutbound(
          sql,
          target.workspaceId,
          () =>
            action.run({
              input: parsed,
              ctx: {
                idempotencyKey: `${runId}:${stepId}`,
                signal,
                log: logger,
                runId,
                stepId,
                account: stepAccount?.account,
                files,
              },
            }),
          allowList,
        );
        return await (deadline ? Promise.race([call, deadline.expired]) : call);
      } catch (error) {
        // An action that stops on the aborted signal reports a cancellation; the real cause is the step's timeout.
        if (deadline?.signal.aborted && !options.signal.aborted) throw deadline.error;
        throw error;
      } finally {
        deadline?.clear();
      }
    };

    let output: unknown;
    for (;;) {
      try {
        // Later steps see the redacted output too, as they would after a restart that reads it back.
        const called = accountLimit
          ? withAccountLimit(db, { ...accountLimit, holder: `${runId}:${stepId}`, signal: options.signal }, callOnce)
          : callOnce();
        output = redactor.value(toPlainJson(await called));
        break;
      } catch (error) {
        // The rate limiter's queries run inside the attempt: losing the database is not an attempt that failed.
        if (options.signal.aborted || isTransientDatabaseError(error)) throw error;
        const failure = redactError(toErrorJson(error), redactor);
        failures.push({
          attempt,
          code: failure.code,
          message: failure.message.slice(0, ATTEMPT_MESSAGE_CHARS),
          at: new Date().toISOString(),
        });
        const decision = decideRetry(failure, attempt, settings.maxAttempts, options.retry);
        if (!decision.retry) throw new StepFailure(withAttempts(decision.error, failures));
        const wait = describeWait(decision.waitMs);
        logger.warn(
          `attempt ${attempt} of ${settings.maxAttempts} failed (${failure.message}); trying again in ${wait}`,
        );
        const failed = failures.at(-1) ?? { attempt, code: failure.code, message: failure.message };
        if (unrecordedStart) {
          await startActionStep(sql, target);
          unrecordedStart = undefined;
        }
        await recordRetryWait(sql, target, withAttempts(failure, failures), {
          attempt,
          code: failed.code,
          message: failed.message,
          waitMs: decision.waitMs,
        });
        await options.retry.sleep(decision.waitMs, options.signal);
        attempt += 1;
        await recordAttemptStart(sql, target, attempt);
      }
    }
    await finishStep(sql, target, {
      status: "succeeded",
      input: redactor.value(input),
      output,
      error: null,
      unrecordedStart,
    });
    return { ok: true, output };
  } catch (error) {
    // The worker is shutting down, or the database is out of reach: leave the step in flight so the re-delivered job
    // runs it again rather than failing a step whose action may have succeeded.
    if (options.signal.aborted || isTransientDatabaseError(error)) throw error;
    const errorJson = error instanceof StepFailure ? error.json : redactError(toErrorJson(error), redactor);
    await finishStep(sql, target, {
      status: "failed",
      input: redactor.value(input),
      output: null,
      error: errorJson,
      unrecordedStart,
    });
    return { ok: false, error: errorJson };
  }
}

/** Carries a final, already redacted error out of the attempt loop. */
class StepFailure extends Error {
  constructor(readonly json: ConfluxErrorJson) {
    super(json.message);
  }
}

function withAttempts(error: ConfluxErrorJson, failures: readonly AttemptRecord[]): ConfluxErrorJson {
  if (failures.length < 2) return error;
  return { ...error, details: { ...error.details, attempts: failures } };
}

/** The per-attempt timeout of the step's settings: a signal for the action and a promise that loses the race. */
function attemptDeadline(node: FlowNode, timeoutMs: number | undefined) {
  if (timeoutMs === undefined) return undefined;
  const controller = new AbortController();
  const error = new ConfluxError("TIMEOUT", `${nodeName(node)} did not finish within ${describeWait(timeoutMs)}`, {
    retryable: true,
  });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  // The race may be decided by the action first; an unobserved rejection would then crash the process.
  expired.catch(() => undefined);
  return { signal: controller.signal, expired, error, clear: () => clearTimeout(timer) };
}

function redactError(error: ConfluxErrorJson, redactor: Redactor): ConfluxErrorJson {
  const details = redactor.value(error.details);
  return {
    ...error,
    message: redactor.text(error.message),
    ...(typeof details === "object" && details !== null ? { details: { ...details } } : {}),
  };
}
