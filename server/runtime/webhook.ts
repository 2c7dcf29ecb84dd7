// POST /api/hooks/<id>: another system starts a flow. The Run row is committed before anything is acknowledged, and
// an event id sent again (even concurrently) finds the run the first request made instead of making another, because
// the insert relies on the (flowId, dedupeKey) unique index with ON CONFLICT DO NOTHING. Concurrent requests share
// that insert (webhook-run-save.ts), and the listening flow is remembered per address (webhook-listener.ts).
import { ConfluxError } from "@/lib/errors";
import type { Db } from "../db/client";
import { sqlOf, type Sql } from "../db/sql";
import { forgetSignature } from "../db/webhook-runs.repository";
import * as triggerStates from "../db/trigger-states.repository";
import type { KeyRingSource } from "../security/keyring";
import { openWebhookSecret, WEBHOOK_ID_PATTERN } from "../security/webhook-secret";
import { evaluateBusinessKey } from "./business-key";
import type { RunQueue } from "./queue";
import { sendOrLeaveToReaper, WEBHOOK_ROOM_WAIT_MS } from "./runs";
import { checkSignature, onlySigned } from "./webhook-signature-check";
import { handleConnectorWebhook } from "./webhook-connector";
import {
  forgetListener,
  guardOf,
  lookUpListener,
  rememberedListener,
  sameListener,
  type ActiveListener,
} from "./webhook-listener";
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
import { ListenerChangedError, saveWebhookRun } from "./webhook-run-save";
import { MAX_CACHED_VERSIONS, versionSettings } from "./webhook-settings";

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

/** One pass over a request against one reading of its listener. */
interface Attempt {
  listener: ActiveListener;
  /** Set once the request's run was created or found: from then on this attempt's answer is the one given. */
  madeRun: boolean;
  /** Why the request was refused, for the designer; noted only when this attempt's answer is the one given. */
  errors: string[];
}
type Tried = { attempt: Attempt } & ({ response: Response } | { error: unknown });

const isRefusal = (tried: Tried) => "error" in tried && tried.error instanceof ListenerChangedError;

// The listener is remembered per address (webhook-listener.ts), so a request usually makes one round trip of its own:
// the run's insert, guarded by the listener it was checked against and shared with concurrent requests. Only a saved
// run is answered from a remembered listener alone. Any other answer (404, 401, 400, …), or the guard's refusal,
// is given only after a fresh look-up agrees, so a stopped flow answers 404 at once, a new version runs, and a
// rotated secret is checked against the new one.
async function handle(request: Request, webhookId: string, deps: WebhookDeps): Promise<Response> {
  if (!WEBHOOK_ID_PATTERN.test(webhookId)) return notListening();
  const sql = deps.sql ?? sqlOf(deps.db);
  let read: Promise<Buffer | undefined> | undefined;
  const readBody = () => (read ??= readBodyWithin(request, deps.bodyLimitBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT_BYTES));
  const remembered = rememberedListener(webhookId);
  const listener = remembered ?? (await lookUpListener(sql, webhookId));
  if (!listener) return notListening();
  const first = await attempt(request, readBody, webhookId, listener, deps, sql);
  if (first.attempt.madeRun || (!remembered && !isRefusal(first))) return give(first, deps.db);

  const current = await lookUpListener(sql, webhookId);
  if (!current) return notListening();
  if (!isRefusal(first) && sameListener(current, listener)) return give(first, deps.db);
  const second = await attempt(request, readBody, webhookId, current, deps, sql);
  if (isRefusal(second)) {
    forgetListener(webhookId);
    return errorAnswer(503, "UNAVAILABLE", "The flow changed while the request was handled; send it again");
  }
  return give(second, deps.db);
}

async function attempt(
  request: Request,
  readBody: () => Promise<Buffer | undefined>,
  webhookId: string,
  listener: ActiveListener,
  deps: WebhookDeps,
  sql: Sql,
): Promise<Tried> {
  const tried: Attempt = { listener, madeRun: false, errors: [] };
  try {
    return { attempt: tried, response: await respond(request, readBody, webhookId, tried, deps, sql) };
  } catch (error) {
    return { attempt: tried, error };
  }
}

async function give(tried: Tried, db: Db): Promise<Response> {
  for (const message of tried.attempt.errors) await noteTriggerError(db, tried.attempt.listener.flowId, message);
  if ("error" in tried) throw tried.error;
  return tried.response;
}

async function respond(
  request: Request,
  readBody: () => Promise<Buffer | undefined>,
  webhookId: string,
  attempt: Attempt,
  deps: WebhookDeps,
  sql: Sql,
): Promise<Response> {
  const { listener } = attempt;
  const settings = await versionSettings(deps.db, listener.publishedVersionId);
  if (!settings) return notListening();
  const raw = await readBody();
  if (!raw) {
    const limit = deps.bodyLimitBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT_BYTES;
    return errorAnswer(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes`);
  }
  const flow = {
    flowId: listener.flowId,
    workspaceId: listener.workspaceId,
    flowVersionId: listener.publishedVersionId,
  };
  const keyTemplate = listener.businessKeyExpression ?? settings.businessKey;
  const createRun = async (triggerData: unknown, dedupeKey: string | null) => {
    const run = await saveWebhookRun(
      deps.sql ?? deps.db,
      sql,
      {
        ...flow,
        dedupeKey,
        triggerData,
        businessKey: keyTemplate ? await evaluateBusinessKey(keyTemplate, triggerData) : null,
        guard: guardOf(webhookId, listener),
      },
      raw.length,
    );
    attempt.madeRun = true;
    return run;
  };
  const noteError = async (message: string) => {
    attempt.errors.push(message);
  };
  if (settings.kind === "connector") {
    return handleConnectorWebhook(request, raw, {
      ...deps,
      sql,
      flow,
      sealedSecret: listener.webhookSecret,
      settings,
      noteFired: (at) => noteFired(deps.db, listener.flowId, at),
      noteError,
      createRun,
    });
  }

  const eventId = readEventId(request.headers, settings.config.eventIdHeader);
  let signed: { signature: string | null; headers: string[] } | undefined;
  if (settings.config.verifySignature) {
    if (!listener.webhookSecret)
      return errorAnswer(500, "INTERNAL", "The webhook has no secret yet; start the flow again");
    let secret: string;
    try {
      secret = openWebhookSecret(deps.keys.get(), listener.flowId, listener.webhookSecret);
    } catch (error) {
      if (error instanceof ConfluxError) await noteError(error.message);
      throw error;
    }
    const refusal = await checkSignature(sql, { request, raw, eventId, flowId: listener.flowId, secret });
    if ("reason" in refusal) {
      await noteError(`A request was refused: ${refusal.reason}`);
      return errorAnswer(401, refusal.code, refusal.reason);
    }
    signed = refusal;
  }

  const receivedAt = new Date();
  let run: { id: string; duplicate: boolean };
  try {
    const headers = visibleHeaders(request.headers);
    const triggerData: WebhookTriggerData = {
      ...readWebhookBody(raw, request.headers.get("content-type"), deps.depthLimit),
      // A signed request gives the flow only the headers its signature covers, so a replay cannot add one.
      headers: signed ? onlySigned(headers, signed.headers) : headers,
      query: queryOf(request.url),
      receivedAt: receivedAt.toISOString(),
      eventId,
    };
    run = await createRun(triggerData, eventId === null ? null : `webhook:${eventId}`);
  } catch (error) {
    // No run was made: the caller's retry with the same signature is not a replay, and neither is this request's
    // own second attempt when the listener had changed (handle).
    if (signed?.signature) await forgetSignature(sql, listener.flowId, signed.signature).catch(() => undefined);
    throw error;
  }
  if (run.duplicate) return jsonAnswer(200, { runId: run.id, duplicate: true }, run.id);

  await noteFired(deps.db, listener.flowId, receivedAt);
  // The queue is asked for only when no local slot takes the run, after waiting up to a second for room in a
  // saturated worker's backlog; a queue that cannot start is logged there and the saved run is left to the reaper.
  const startedHere = await sendOrLeaveToReaper(deps.queue, run.id, { waitForRoomMs: WEBHOOK_ROOM_WAIT_MS });
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

/** Why the last request was refused, for the designer; a failure to note it must not change the answer. */
async function noteTriggerError(db: Db, flowId: string, message: string): Promise<void> {
  await triggerStates
    .noteTriggerError(db, flowId, message)
    .catch((error: unknown) => console.error(`[conflux] could not note a webhook error of flow ${flowId}:`, error));
}
