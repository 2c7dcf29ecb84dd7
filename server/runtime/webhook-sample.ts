// POST /api/hooks/listen/<id>: "Listen for a test event". The first request to a listener's address becomes the
// sample of the trigger it was opened for, read and authenticated exactly as the flow's own address would read it
// (the Toolbox signature, or a connector trigger's own scheme, against the flow's webhook secret), and starts no run.
// Every later request is told the address is gone (410), so a sender retrying cannot replace the sample unseen.
import { describeIssues } from "@/lib/flow-graph";
import { ConfluxError } from "@/lib/errors";
import { findOperation } from "../connectors";
import { webhookTrigger } from "../connectors/core/triggers/webhook";
import { isWebhookTrigger, webhookAuthentication, type WebhookRequestData } from "../connectors/sdk";
import type { Db } from "../db/client";
import { sqlOf } from "../db/sql";
import { captureSample, findSampleListener, noteSampleRefused } from "../db/sample-listeners.repository";
import { findWebhookIdentity } from "../db/trigger-states.repository";
import type { KeyRingSource } from "../security/keyring";
import { checkWebhookCaller } from "../security/webhook-caller";
import { openWebhookSecret, WEBHOOK_ID_PATTERN } from "../security/webhook-secret";
import { parseInputs } from "./inputs";
import { checkSignature, onlySigned } from "./webhook-signature-check";
import {
  DEFAULT_WEBHOOK_BODY_LIMIT_BYTES,
  queryOf,
  readBodyWithin,
  readEventId,
  readWebhookBody,
  visibleHeaders,
  type WebhookTriggerData,
} from "./webhook-request";
import { errorAnswer, jsonAnswer } from "./webhook-response";

/** Where listeners take their one request: this prefix and the listener's id. */
export const SAMPLE_PATH_PREFIX = "/api/hooks/listen/";

export interface SampleRequestDeps {
  db: Db;
  keys: KeyRingSource;
  bodyLimitBytes?: number;
  /** How deeply a body may nest (CONFLUX_JSON_DEPTH_LIMIT), as on the flow's own address. */
  depthLimit?: number;
  now?: () => Date;
}

type Listener = NonNullable<Awaited<ReturnType<typeof findSampleListener>>>;

/** What the request gives the trigger, or the answer refusing it (and why, for the designer). */
type Reading =
  { ok: true; data: unknown; answer?: unknown } | { ok: false; status: number; code: string; reason: string };

const refused = (status: number, code: string, reason: string): Reading => ({ ok: false, status, code, reason });

export async function handleSampleRequest(request: Request, listenerId: string, deps: SampleRequestDeps) {
  try {
    return await handle(request, listenerId, deps);
  } catch (error) {
    if (error instanceof ConfluxError && (error.code === "VALIDATION" || error.code === "INPUT_INVALID")) {
      await noteSampleRefused(deps.db, listenerId, error.message).catch(() => {});
      return errorAnswer(400, error.code, error.message);
    }
    console.error(`[conflux] test address ${listenerId.slice(0, 6)}… failed:`, error);
    return errorAnswer(500, "INTERNAL", "The test event could not be processed; try again later");
  }
}

function gone(listener: Listener, now: Date): string | null {
  if (listener.capturedAt)
    return "This test address has already taken its event. Listen again in the designer to capture another.";
  if (listener.closedAt) return "This test address was closed in the designer.";
  if (listener.expiresAt.getTime() <= now.getTime())
    return "This test address has expired. Listen again in the designer to get a new one.";
  return null;
}

async function handle(request: Request, listenerId: string, deps: SampleRequestDeps): Promise<Response> {
  const notFound = () => errorAnswer(404, "NOT_FOUND", "No test address here");
  if (!WEBHOOK_ID_PATTERN.test(listenerId)) return notFound();
  const listener = await findSampleListener(deps.db, listenerId);
  if (!listener) return notFound();
  const now = deps.now ?? (() => new Date());
  const closed = gone(listener, now());
  if (closed) return errorAnswer(410, "GONE", closed);

  const limit = deps.bodyLimitBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT_BYTES;
  const raw = await readBodyWithin(request, limit);
  if (!raw) return errorAnswer(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes`);
  const identity = await findWebhookIdentity(deps.db, listener.flowId);
  const secret = () => {
    if (!identity?.webhookSecret) throw new Error("the flow has no webhook secret although a listener was opened");
    return openWebhookSecret(deps.keys.get(), listener.flowId, identity.webhookSecret);
  };
  const reading = await readRequest(deps, request, raw, listener, secret);
  if (!reading.ok) {
    await noteSampleRefused(deps.db, listener.id, `A request was refused: ${reading.reason}`);
    return errorAnswer(reading.status, reading.code, reading.reason);
  }
  if (!(await captureSample(deps.db, listener.id, reading.data, now()))) {
    const latest = await findSampleListener(deps.db, listener.id);
    return errorAnswer(410, "GONE", (latest && gone(latest, now())) ?? "This test address is closed.");
  }
  // A caller that waits for a declared answer (NewStore's availability check) gets the trigger's fallback body.
  if (reading.answer !== undefined) return jsonAnswer(200, reading.answer);
  return jsonAnswer(200, { captured: true, message: "Test event captured as the trigger's sample; no run started." });
}

async function readRequest(
  { db, depthLimit }: SampleRequestDeps,
  request: Request,
  raw: Buffer,
  listener: Listener,
  secret: () => string,
): Promise<Reading> {
  const inputs = isRecord(listener.inputs) ? listener.inputs : {};
  if (listener.connectorId === "core" && listener.operation === webhookTrigger.key) {
    const config = parseInputs(webhookTrigger.input, inputs, "the webhook trigger");
    const eventId = readEventId(request.headers, config.eventIdHeader);
    const headers = visibleHeaders(request.headers);
    let signedNames: string[] | undefined;
    if (config.verifySignature) {
      // The flow's own check, replay memory included: a signed test request cannot be sent on to the real address.
      const outcome = await checkSignature(sqlOf(db), {
        request,
        raw,
        eventId,
        flowId: listener.flowId,
        secret: secret(),
      });
      if ("reason" in outcome) return refused(401, outcome.code, outcome.reason);
      signedNames = outcome.headers;
    }
    const data: WebhookTriggerData = {
      ...readWebhookBody(raw, request.headers.get("content-type"), depthLimit),
      // As on the flow's address: a signed request gives the flow only the headers its signature covers.
      headers: signedNames ? onlySigned(headers, signedNames) : headers,
      query: queryOf(request.url),
      receivedAt: new Date().toISOString(),
      eventId,
    };
    return { ok: true, data };
  }
  const found = findOperation(listener.connectorId, listener.operation);
  if (found?.kind !== "trigger" || !isWebhookTrigger(found.trigger)) {
    return refused(404, "NOT_FOUND", "The trigger this address listened for no longer exists");
  }
  const trigger = found.trigger;
  const input = parseInputs(trigger.input, inputs, `the trigger ${trigger.label}`);
  const check = checkWebhookCaller({
    authentication: webhookAuthentication(trigger, input),
    secret: secret(),
    headers: request.headers,
    body: raw,
  });
  if (!check.ok) return refused(401, "UNAUTHORIZED", check.reason);
  const body = trigger.body.safeParse(readWebhookBody(raw, request.headers.get("content-type"), depthLimit).body);
  if (!body.success) {
    return refused(
      400,
      "VALIDATION",
      `The request body is not what ${trigger.label} expects: ${describeIssues(body.error)}`,
    );
  }
  const requestData: WebhookRequestData<unknown> = {
    body: body.data,
    headers: visibleHeaders(request.headers),
    query: queryOf(request.url),
    receivedAt: new Date().toISOString(),
  };
  const data = trigger.output.safeParse(trigger.toTriggerData({ request: requestData, input }));
  if (!data.success) {
    return refused(400, "VALIDATION", `The request cannot start ${trigger.label}: ${describeIssues(data.error)}`);
  }
  const answer = trigger.answer?.schema.parse(trigger.answer.fallback({ data: data.data, input, reason: "noAnswer" }));
  return { ok: true, data: data.data, answer };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
