// Runs one action node: resolve its templates, validate the result, call the connector, and write the outcome
// before anything else happens. That write is the checkpoint: a re-delivered run skips every succeeded step.
// A node with an account gets it decrypted in ctx.account; its secrets are redacted from everything stored or logged.
import type { FlowNode } from "@/lib/flow-graph";
import { ConfluxError, toErrorJson, type ConfluxErrorJson } from "@/lib/errors";
import { loadStepAccount } from "../accounts/step-account";
import { findOperation, type FoundOperation } from "../connectors";
import type { Logger } from "../connectors/sdk";
import type { Db } from "../db/client";
import { defaultKeyRing, type KeyRingSource } from "../security/keyring";
import { createRedactor, type Redactor } from "../security/redact";
import { resolveInputs, type ExpressionContext } from "./expressions";
import { parseInputs } from "./inputs";
import { toJsonInput, toPlainJson } from "./json";
import { nodeName } from "./plan";

export interface StepTarget {
  workspaceId: string;
  runId: string;
  node: FlowNode;
  sequence: number;
}

export type StepOutcome = { ok: true; output: unknown } | { ok: false; error: ConfluxErrorJson };

const notYet: Partial<Record<FlowNode["type"], string>> = { if: "an If", forEach: "a For each", respond: "a Respond" };

function findAction(node: FlowNode): Extract<FoundOperation, { kind: "action" }> {
  const later = notYet[node.type];
  if (later) throw new ConfluxError("FLOW_INVALID", `${nodeName(node)} is ${later} step, which Conflux cannot run yet`);
  const found = findOperation(node.connectorId, node.operation);
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
  options: { signal: AbortSignal; log: (line: string) => void; keys?: KeyRingSource },
): Promise<StepOutcome> {
  const { node, runId } = target;
  const key = { runId_stepId: { runId, stepId: node.id } };
  await db.stepRun.upsert({
    where: key,
    create: {
      workspaceId: target.workspaceId,
      runId,
      stepId: node.id,
      sequence: target.sequence,
      connectorId: node.connectorId,
      operation: node.operation,
      status: "running",
      attempts: 1,
      startedAt: new Date(),
    },
    // A step found "running" was in flight when a worker stopped; it runs again with the same idempotency key.
    update: { status: "running", attempts: { increment: 1 }, startedAt: new Date(), finishedAt: null },
  });

  let input: unknown = null;
  let redactor = createRedactor([]);
  try {
    const { action, connector } = findAction(node);
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
    const resolved = await resolveInputs(node.inputs, context);
    input = resolved;
    const parsed = parseInputs(action.input, resolved, nodeName(node));
    const log = (line: string) => options.log(redactor.text(line));
    // Later steps see the redacted output too, as they would after a restart that reads it back from the database.
    const output = redactor.value(
      toPlainJson(
        await action.run({
          input: parsed,
          ctx: {
            idempotencyKey: `${runId}:${node.id}`,
            signal: options.signal,
            log: stepLogger(runId, node.id, log),
            runId,
            stepId: node.id,
            account: stepAccount?.account,
          },
        }),
      ),
    );
    await db.stepRun.update({
      where: key,
      data: {
        status: "succeeded",
        input: toJsonInput(redactor.value(input)),
        output: toJsonInput(output),
        error: toJsonInput(null),
        finishedAt: new Date(),
      },
    });
    return { ok: true, output };
  } catch (error) {
    // The worker is shutting down: leave the step in flight so the re-delivered job runs it again.
    if (options.signal.aborted) throw error;
    const errorJson = redactError(toErrorJson(error), redactor);
    await db.stepRun.update({
      where: key,
      data: {
        status: "failed",
        input: toJsonInput(redactor.value(input)),
        error: toJsonInput(errorJson),
        finishedAt: new Date(),
      },
    });
    return { ok: false, error: errorJson };
  }
}

function redactError(error: ConfluxErrorJson, redactor: Redactor): ConfluxErrorJson {
  const details = redactor.value(error.details);
  return {
    ...error,
    message: redactor.text(error.message),
    ...(typeof details === "object" && details !== null ? { details: { ...details } } : {}),
  };
}
