// A request to a connector webhook trigger (sdk/webhook.ts): the caller is authenticated against the flow's secret
// before anything is stored, the body becomes trigger data through the trigger's schemas, its dedupe key keeps a
// repeated event to one run, and a caller that waits gets the flow's Respond answer or, when the flow is late, fails
// or answers with the wrong shape, the trigger's fallback before its deadline.
import { describeIssues } from "@/lib/flow-graph";
import { ConfluxError } from "@/lib/errors";
import type { AnyWebhookTrigger, WebhookFallbackReason, WebhookRequestData } from "../connectors/sdk";
import { webhookAuthentication } from "../connectors/sdk";
import type { Db } from "../db/client";
import type { Sql } from "../db/sql";
import type { KeyRingSource } from "../security/keyring";
import { checkWebhookCaller } from "../security/webhook-caller";
import { openWebhookSecret } from "../security/webhook-secret";
import type { RunQueue } from "./queue";
import { sendOrLeaveToReaper, WEBHOOK_ROOM_WAIT_MS } from "./runs";
import { queryOf, readWebhookBody, visibleHeaders } from "./webhook-request";
import { answerFromResponse, errorAnswer, jsonAnswer, waitForRunOutcome } from "./webhook-response";

export interface ConnectorWebhookSettings {
  trigger: AnyWebhookTrigger;
  /** The trigger node's settings, parsed. */
  input: unknown;
  hasRespond: boolean;
}

export interface ConnectorWebhookDeps {
  db: Db;
  sql: Sql;
  queue: () => Promise<RunQueue>;
  keys: KeyRingSource;
  pollIntervalMs?: number;
  depthLimit?: number;
  flow: { flowId: string; workspaceId: string; flowVersionId: string };
  sealedSecret: string | null;
  settings: ConnectorWebhookSettings;
  noteFired(at: Date): Promise<void>;
  noteError(message: string): Promise<void>;
  createRun(triggerData: unknown, dedupeKey: string | null): Promise<{ id: string; duplicate: boolean }>;
}

/** Without a declared answer, a flow with Respond makes its caller wait this long, as the Toolbox webhook's default. */
const UNDECLARED_ANSWER_WAIT_MS = 10_000;

export async function handleConnectorWebhook(
  request: Request,
  raw: Buffer,
  deps: ConnectorWebhookDeps,
): Promise<Response> {
  const receivedAt = new Date();
  const { trigger, input } = deps.settings;
  if (!deps.sealedSecret) return errorAnswer(500, "INTERNAL", "The webhook has no secret yet; start the flow again");
  let secret: string;
  try {
    secret = openWebhookSecret(deps.keys.get(), deps.flow.flowId, deps.sealedSecret);
  } catch (error) {
    if (error instanceof ConfluxError) await deps.noteError(error.message);
    throw error;
  }
  const check = checkWebhookCaller({
    authentication: webhookAuthentication(trigger, input),
    secret,
    headers: request.headers,
    body: raw,
  });
  if (!check.ok) {
    await deps.noteError(`A request was refused: ${check.reason}`);
    const refused = errorAnswer(401, "UNAUTHORIZED", check.reason);
    if (check.challenge) refused.headers.set("www-authenticate", check.challenge);
    return refused;
  }

  // JSON, XML and forms arrive as data (webhook-request.ts), so a trigger's schema sees the same shapes either way.
  const body = trigger.body.safeParse(readWebhookBody(raw, request.headers.get("content-type"), deps.depthLimit).body);
  if (!body.success) {
    return errorAnswer(
      400,
      "VALIDATION",
      `The request body is not what ${trigger.label} expects: ${describeIssues(body.error)}`,
    );
  }
  const requestData: WebhookRequestData<unknown> = {
    body: body.data,
    headers: visibleHeaders(request.headers),
    query: queryOf(request.url),
    receivedAt: receivedAt.toISOString(),
  };
  const data = trigger.output.safeParse(trigger.toTriggerData({ request: requestData, input }));
  if (!data.success) {
    return errorAnswer(400, "VALIDATION", `The request cannot start ${trigger.label}: ${describeIssues(data.error)}`);
  }
  if (trigger.accepts && !trigger.accepts({ data: data.data, input })) return jsonAnswer(202, { ignored: true });

  const key = trigger.dedupeKey?.({ data: data.data, request: requestData }) ?? null;
  const run = await deps.createRun(data.data, key === null ? null : `webhook:${key}`);
  let startedHere = false;
  if (!run.duplicate) {
    await deps.noteFired(receivedAt);
    startedHere = await sendOrLeaveToReaper(deps.queue, run.id, { waitForRoomMs: WEBHOOK_ROOM_WAIT_MS });
  }
  const answer = trigger.answer;
  if (!answer) {
    if (!deps.settings.hasRespond || run.duplicate) {
      return jsonAnswer(
        run.duplicate ? 200 : 202,
        { runId: run.id, ...(run.duplicate ? { duplicate: true } : {}) },
        run.id,
      );
    }
    return waitForUndeclaredAnswer(deps, run.id, request.signal, startedHere);
  }

  const fallback = (reason: WebhookFallbackReason) => {
    const body = answer.schema.parse(answer.fallback({ data: data.data, input, reason }));
    const response = jsonAnswer(200, body, run.id);
    response.headers.set(FALLBACK_HEADER, reason);
    return response;
  };
  if (!deps.settings.hasRespond) return fallback("noAnswer");
  const deadline = receivedAt.getTime() + answer.deadlineMs(input);
  const outcome = await waitForRunOutcome(deps.sql, run.id, {
    deadline,
    signal: request.signal,
    pollIntervalMs: deps.pollIntervalMs,
    startedHere,
  });
  if (outcome.kind === "timeout") return fallback("timeout");
  if (outcome.kind === "failed") return fallback("failed");
  if (outcome.kind === "finished") return fallback("noAnswer");
  const { stored } = outcome;
  if (stored.status < 200 || stored.status > 299) return answerFromResponse(stored, run.id);
  const checked = answer.schema.safeParse(stored.body);
  if (!checked.success) return fallback("invalid");
  return answerFromResponse({ ...stored, body: checked.data }, run.id);
}

/** Set on an answer that came from the trigger's fallback rather than the flow, with the reason. */
export const FALLBACK_HEADER = "x-conflux-fallback";

async function waitForUndeclaredAnswer(
  deps: ConnectorWebhookDeps,
  runId: string,
  signal: AbortSignal,
  startedHere: boolean,
) {
  const outcome = await waitForRunOutcome(deps.sql, runId, {
    deadline: Date.now() + UNDECLARED_ANSWER_WAIT_MS,
    signal,
    pollIntervalMs: deps.pollIntervalMs,
    startedHere,
  });
  switch (outcome.kind) {
    case "answer":
      return answerFromResponse(outcome.stored, runId);
    case "failed":
      return errorAnswer(502, "RUN_FAILED", outcome.message, runId);
    case "finished":
      return jsonAnswer(202, { runId }, runId);
    case "timeout":
      return errorAnswer(504, "TIMEOUT", "The flow did not respond in time; the run goes on", runId);
  }
}
