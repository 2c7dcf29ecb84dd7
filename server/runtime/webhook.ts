// POST /api/hooks/<id>: another system starts a flow. The Run row is committed before anything is acknowledged, and
// an event id sent again (even concurrently) finds the run the first request made instead of making another, because
// the insert relies on the (flowId, dedupeKey) unique index with ON CONFLICT DO NOTHING.
import { flowGraphSchema, type FlowGraph } from "@/lib/flow-graph";
import { ConfluxError } from "@/lib/errors";
import { findOperation } from "../connectors";
import { webhookTrigger, type WebhookConfig } from "../connectors/core/triggers/webhook";
import { isWebhookTrigger } from "../connectors/sdk";
import type { Db } from "../db/client";
import { sqlOf, type Sql } from "../db/sql";
import { findRunIdByDedupeKey, insertRuns } from "../db/run-insert.repository";
import { findWebhookListenerSql, forgetSignature } from "../db/webhook-runs.repository";
import * as triggerStates from "../db/trigger-states.repository";
import { findVersionGraph } from "../db/versions.repository";
import type { KeyRingSource } from "../security/keyring";
import { openWebhookSecret, WEBHOOK_ID_PATTERN } from "../security/webhook-secret";
import { evaluateBusinessKey } from "./business-key";
import { parseInputs } from "./inputs";
import type { RunQueue } from "./queue";
import { sendOrLeaveToReaper } from "./runs";
import { nodeName } from "./plan";
import { findTriggerNode } from "./triggers";
import { checkSignature, onlySigned } from "./webhook-signature-check";
import { handleConnectorWebhook, type ConnectorWebhookSettings } from "./webhook-connector";
import {
  DEFAULT_WEBHOOK_BODY_LIMIT_BYTES,
  readWebhookBody,
  queryOf,
  readBodyWithin,
  readEventId,
  visibleHeaders,
  type WebhookTriggerData,
} from "./webhook-request";
import { awaitRunResponse, errorAnswer, jsonAnswer } from "./webhook-response";

export interface WebhookDeps {
  db: Db;
  /** Plain SQL for the request's own statements (db/hot-sql.ts); Prisma's raw queries when absent. */
  sql?: Sql;
  /** The sending queue; asked for only once a run is saved, so a queue outage never loses a request. */
  queue: () => Promise<RunQueue>;
  keys: KeyRingSource;
  bodyLimitBytes?: number;
  /** How deeply a body may nest (CONFLUX_JSON_DEPTH_LIMIT); deeper is answered 400. */
  depthLimit?: number;
  pollIntervalMs?: number;
}

/** What a published version's trigger says; versions never change, so it is read once per version. */
type VersionSettings =
  | { kind: "toolbox"; config: WebhookConfig; hasRespond: boolean; businessKey: string | null }
  | ({ kind: "connector"; businessKey: string | null } & ConnectorWebhookSettings);
const settingsByVersion = new Map<string, VersionSettings | null>();
const MAX_CACHED_VERSIONS = 1000;

function readSettings(graph: FlowGraph): VersionSettings | null {
  const node = findTriggerNode(graph);
  if (!node) return null;
  const hasRespond = graph.nodes.some((candidate) => candidate.type === "respond");
  if (node.connectorId === "core" && node.operation === webhookTrigger.key) {
    return {
      kind: "toolbox",
      config: parseInputs(webhookTrigger.input, node.inputs, "the webhook trigger"),
      hasRespond,
      businessKey: webhookTrigger.businessKey ?? null,
    };
  }
  const found = findOperation(node.connectorId, node.operation);
  if (found?.kind !== "trigger" || !isWebhookTrigger(found.trigger)) return null;
  const input = parseInputs(found.trigger.input, node.inputs, `the trigger ${nodeName(node)}`);
  return {
    kind: "connector",
    trigger: found.trigger,
    input,
    hasRespond,
    businessKey: found.trigger.businessKey ?? null,
  };
}

async function versionSettings(db: Db, versionId: string): Promise<VersionSettings | null> {
  const cached = settingsByVersion.get(versionId);
  if (cached !== undefined) return cached;
  const version = await findVersionGraph(db, versionId);
  const graph = flowGraphSchema.safeParse(version?.graph);
  const settings = graph.success ? readSettings(graph.data) : null;
  if (settingsByVersion.size >= MAX_CACHED_VERSIONS) settingsByVersion.clear();
  settingsByVersion.set(versionId, settings);
  return settings;
}

/**
 * "Last fired" is for people: noting it once a second per flow is enough. Writing it on every request would make all
 * of a flow's concurrent requests queue for the lock on its one TriggerState row.
 */
const NOTE_FIRED_EVERY_MS = 1_000;
const lastNotedByFlow = new Map<string, number>();
function shouldNoteFired(flowId: string, at: Date): boolean {
  const last = lastNotedByFlow.get(flowId);
  if (last !== undefined && at.getTime() - last < NOTE_FIRED_EVERY_MS) return false;
  if (lastNotedByFlow.size >= MAX_CACHED_VERSIONS) lastNotedByFlow.clear();
  lastNotedByFlow.set(flowId, at.getTime());
  return true;
}

const notListening = () => errorAnswer(404, "NOT_FOUND", "No running flow listens at this address");

export async function handleWebhookRequest(request: Request, webhookId: string, deps: WebhookDeps): Promise<Response> {
  try {
    return await handle(request, webhookId, deps);
  } catch (error) {
    if (error instanceof ConfluxError && error.code === "VALIDATION")
      return errorAnswer(400, error.code, error.message);
    // The caller is anonymous: the reason (a key id, what to do in the designer) is for the log and the designer.
    const where = `webhook ${webhookId.slice(0, 6)}…`;
    if (error instanceof ConfluxError && error.code === "CREDENTIALS_UNREADABLE") {
      console.error(`[conflux] ${where}: ${error.message}`);
      return errorAnswer(500, "INTERNAL", "The webhook could not be processed; try again later");
    }
    console.error(`[conflux] ${where} failed:`, error);
    return errorAnswer(500, "INTERNAL", "The webhook could not be processed; try again later");
  }
}

async function handle(request: Request, webhookId: string, deps: WebhookDeps): Promise<Response> {
  if (!WEBHOOK_ID_PATTERN.test(webhookId)) return notListening();
  const sql = deps.sql ?? sqlOf(deps.db);
  const state = await findWebhookListenerSql(sql, webhookId);
  const versionId = state?.publishedVersionId;
  if (!state || !state.active || state.kind !== "webhook" || state.status !== "running" || !versionId) {
    return notListening();
  }
  const settings = await versionSettings(deps.db, versionId);
  if (!settings) return notListening();

  const limit = deps.bodyLimitBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT_BYTES;
  const raw = await readBodyWithin(request, limit);
  if (!raw) return errorAnswer(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes`);
  const flow = { flowId: state.flowId, workspaceId: state.workspaceId, flowVersionId: versionId };
  const keyTemplate = state.businessKeyExpression ?? settings.businessKey;
  const createRun = async (triggerData: unknown, dedupeKey: string | null) =>
    createWebhookRun(sql, {
      ...flow,
      dedupeKey,
      triggerData,
      businessKey: keyTemplate ? await evaluateBusinessKey(keyTemplate, triggerData) : null,
    });
  if (settings.kind === "connector") {
    return handleConnectorWebhook(request, raw, {
      ...deps,
      sql,
      flow,
      sealedSecret: state.webhookSecret,
      settings,
      noteFired: (at) => noteFired(deps.db, state.flowId, at),
      noteError: (message) => noteTriggerError(deps.db, state.flowId, message),
      createRun,
    });
  }

  const eventId = readEventId(request.headers, settings.config.eventIdHeader);
  let signed: { signature: string | null; headers: string[] } | undefined;
  if (settings.config.verifySignature) {
    if (!state.webhookSecret)
      return errorAnswer(500, "INTERNAL", "The webhook has no secret yet; start the flow again");
    let secret: string;
    try {
      secret = openWebhookSecret(deps.keys.get(), state.flowId, state.webhookSecret);
    } catch (error) {
      if (error instanceof ConfluxError) await noteTriggerError(deps.db, state.flowId, error.message);
      throw error;
    }
    const refusal = await checkSignature(sql, { request, raw, eventId, flowId: state.flowId, secret });
    if ("reason" in refusal) {
      await noteTriggerError(deps.db, state.flowId, `A request was refused: ${refusal.reason}`);
      return errorAnswer(401, refusal.code, refusal.reason);
    }
    signed = refusal;
  }

  const receivedAt = new Date();
  const headers = visibleHeaders(request.headers);
  const triggerData: WebhookTriggerData = {
    ...readWebhookBody(raw, request.headers.get("content-type"), deps.depthLimit),
    // A signed request gives the flow only the headers its signature covers, so a replay cannot add one.
    headers: signed ? onlySigned(headers, signed.headers) : headers,
    query: queryOf(request.url),
    receivedAt: receivedAt.toISOString(),
    eventId,
  };
  const dedupeKey = triggerData.eventId === null ? null : `webhook:${triggerData.eventId}`;
  let run: { id: string; duplicate: boolean };
  try {
    run = await createRun(triggerData, dedupeKey);
  } catch (error) {
    // No run was made: the caller's retry with the same signature is not a replay.
    if (signed?.signature) await forgetSignature(sql, state.flowId, signed.signature).catch(() => undefined);
    throw error;
  }
  if (run.duplicate) return jsonAnswer(200, { runId: run.id, duplicate: true }, run.id);

  await noteFired(deps.db, state.flowId, receivedAt);
  // The queue is asked for only when no local slot takes the run; a queue that cannot start is logged there and
  // the saved run is left to the reaper.
  const startedHere = await sendOrLeaveToReaper(deps.queue, run.id);
  if (!settings.hasRespond) return jsonAnswer(202, { runId: run.id }, run.id);
  return awaitRunResponse(sql, run.id, {
    startedHere,
    timeoutMs: settings.config.responseTimeoutMs,
    signal: request.signal,
    pollIntervalMs: deps.pollIntervalMs,
  });
}

async function noteFired(db: Db, flowId: string, at: Date): Promise<void> {
  if (!shouldNoteFired(flowId, at)) return;
  await triggerStates
    .noteTriggerFired(db, flowId, at)
    .catch((error: unknown) => console.error(`[conflux] flow ${flowId}: could not note a webhook run:`, error));
}

async function createWebhookRun(
  sql: Sql,
  run: {
    workspaceId: string;
    flowId: string;
    flowVersionId: string;
    dedupeKey: string | null;
    businessKey: string | null;
    triggerData: unknown;
  },
): Promise<{ id: string; duplicate: boolean }> {
  // Twice at most: a duplicate's key may expire (retention) between the insert and the look-up.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const [created] = await insertRuns(sql, [{ ...run, triggerKind: "webhook" }]);
    if (created) return { id: created.id, duplicate: false };
    if (run.dedupeKey === null) break;
    const existing = await findRunIdByDedupeKey(sql, run.flowId, run.dedupeKey);
    if (existing) return { id: existing, duplicate: true };
  }
  throw new Error("the run was neither created nor found");
}

/** Why the last request was refused, for the designer; a failure to note it must not change the answer. */
async function noteTriggerError(db: Db, flowId: string, message: string): Promise<void> {
  await triggerStates
    .noteTriggerError(db, flowId, message)
    .catch((error: unknown) => console.error(`[conflux] could not note a webhook error of flow ${flowId}:`, error));
}
