// The IBM MQ messaging REST API of IBM MQ's mqweb server, which is how the MQ mode reaches the queue manager
// (auth.ts says why). Always the v1 resource URLs (/ibmmq/rest/v1/messaging/qmgr/{qmgr}/queue/{queue}/message):
// v1 exists on every mqweb that has the messaging API (MQ 9.0.4 and later) and IBM keeps it beside v2 (9.1.5) and v3
// (9.2.5); v1 and v2 name messages by 48 hex digits, v3 with an "ID:" prefix. POST puts (9.0.4), DELETE gets
// destructively (9.0.4), GET browses one message and GET …/messagelist lists summaries (both 9.1.3). Basic
// authentication; POST and DELETE need an `ibm-mq-rest-csrf-token` header, whose value is ignored since 9.0.5.
// Errors come as `{ "error": [{ "msgId": "MQWB0009E", "reasonCode": 2058, "message": "…" }] }`, where reasonCode
// is the MQ reason (MQRC_*) when the queue manager itself refused. Message ids, queue names and contents never
// carry credentials, so only the Authorization header is a credential here.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { errorForResponse, httpRequest, responseForDetails, statusLine, type HttpResponse } from "../sdk";
import type { SterlingMqAccount } from "./account";

const MQ_TIMEOUT_MS = 30_000;
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
const CSRF = { "ibm-mq-rest-csrf-token": "conflux" };

/** MQ reason codes the messages below explain. */
const MQRC_NOT_AUTHORIZED = 2035;
const MQRC_Q_MGR_NAME_ERROR = 2058;
const MQRC_Q_MGR_NOT_AVAILABLE = 2059;
const MQRC_UNKNOWN_OBJECT_NAME = 2085;

/** A v1/v2 message or correlation id: 24 bytes as 48 hexadecimal digits. */
export const MQ_ID = /^[0-9a-fA-F]{48}$/;

const mqErrorBody = z.looseObject({
  error: z
    .array(
      z.looseObject({
        msgId: z.string().optional(),
        // Older documentation names the identifier `messageId`.
        messageId: z.string().optional(),
        message: z.string().optional(),
        reasonCode: z.number().optional(),
      }),
    )
    .min(1),
});
type MqError = z.infer<typeof mqErrorBody>["error"][number];

/** Queue manager names are case-sensitive and must have `/`, `.` and `%` encoded; queue names `/` and `%`. */
export function messagingUrl(account: SterlingMqAccount, queue: string, resource: "message" | "messagelist"): string {
  const qmgr = encodeURIComponent(account.queueManager).replace(/\./g, "%2E");
  return `${account.restUrl}/ibmmq/rest/v1/messaging/qmgr/${qmgr}/queue/${encodeURIComponent(queue)}/${resource}`;
}

function basicAuthorization(account: SterlingMqAccount): Record<string, string> {
  const pair = `${account.restUser}:${account.restPassword}`;
  return { Authorization: `Basic ${Buffer.from(pair, "utf8").toString("base64")}` };
}

function mqErrors(response: HttpResponse): MqError[] {
  const parsed = mqErrorBody.safeParse(response.body);
  return parsed.success ? parsed.data.error : [];
}

/** The error for an mqweb reply outside 2xx, worded by what went wrong: login, queue manager, queue or server. */
export function mqResponseError(
  response: HttpResponse,
  account: SterlingMqAccount,
  queue = account.queue,
): RemoteError | undefined {
  const failure = errorForResponse(response, "IBM MQ");
  if (!failure) return undefined;
  const host = new URL(account.restUrl).host;
  const status = statusLine(response);
  const errors = mqErrors(response);
  const reasons = new Set(errors.map((error) => error.reasonCode));
  const ids = new Set(errors.map((error) => error.msgId ?? error.messageId));
  const qmgr = `"${account.queueManager}"`;
  const fail = (message: string, retryable = false) =>
    new RemoteError("REMOTE", message, {
      status: response.status,
      retryable,
      details: { response: responseForDetails(response) },
    });

  if (response.status === 401) {
    // Without the reply body: a server may echo what it refused.
    return fail(`The IBM MQ messaging REST API at ${host} refused the MQ user or password (${status})`);
  }
  if (response.status === 403 || reasons.has(MQRC_NOT_AUTHORIZED)) {
    return fail(
      `The MQ user "${account.restUser}" may not use queue "${queue}" on ${qmgr} (${status}): it needs ` +
        "the MQWebUser role and put, browse and get authority on the queue",
    );
  }
  if (reasons.has(MQRC_Q_MGR_NOT_AVAILABLE) || response.status === 503) {
    return fail(`Queue manager ${qmgr} is not running or cannot be reached from the mqweb server at ${host}`, true);
  }
  if (reasons.has(MQRC_Q_MGR_NAME_ERROR) || ids.has("MQWB0009E")) {
    return fail(`The mqweb server at ${host} knows no queue manager ${qmgr} (names are case-sensitive)`);
  }
  if (reasons.has(MQRC_UNKNOWN_OBJECT_NAME)) {
    return fail(`Queue "${queue}" does not exist on queue manager ${qmgr} (names are case-sensitive)`);
  }
  if (response.status === 404 && errors.length === 0) {
    return fail(
      `${host} has no IBM MQ messaging REST API (404): check the MQ messaging REST URL, ` +
        "e.g. https://mq.example.com:9443",
    );
  }
  const said = errors
    .map((error) => error.message)
    .filter(Boolean)
    .join("; ");
  return said ? fail(`IBM MQ (${host}) answered ${status}: ${said}`, failure.retryable) : failure;
}

async function call(
  account: SterlingMqAccount,
  request: { method: string; url: string; headers?: Record<string, string>; body?: string },
  signal: AbortSignal,
): Promise<HttpResponse> {
  return httpRequest({
    ...request,
    credentialHeaders: basicAuthorization(account),
    tls: account.tls,
    timeoutMs: MQ_TIMEOUT_MS,
    signal,
    maxResponseBytes: MAX_MESSAGE_BYTES,
  });
}

function withQuery(url: string, query: Record<string, string | undefined>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) target.searchParams.set(key, value);
  return target.toString();
}

function unexpected(account: SterlingMqAccount, response: HttpResponse, what: string): RemoteError {
  return new RemoteError("REMOTE", `${new URL(account.restUrl).host} answered ${what} unlike IBM MQ's mqweb`, {
    status: response.status,
    retryable: false,
    details: { response: responseForDetails(response) },
  });
}

export interface MqPut {
  /** The message text, sent as UTF-8 and stored by MQ as an MQSTR message. */
  text: string;
  contentType: "text/plain" | "text/xml" | "application/xml" | "application/json";
  persistent: boolean;
  /** Milliseconds until MQ discards the message unread; absent: never. */
  expiryMs?: number;
  /** 48 hex digits. */
  correlationId?: string;
  /** Where Sterling should send a reply, as queue or queue@qmgr. */
  replyTo?: string;
}

/** Puts one message on `queue`; returns the message id mqweb gave it (48 hex digits). */
export async function putMessage(
  account: SterlingMqAccount,
  queue: string,
  message: MqPut,
  signal: AbortSignal,
): Promise<{ messageId: string }> {
  const headers: Record<string, string> = {
    ...CSRF,
    "Content-Type": `${message.contentType};charset=utf-8`,
    "ibm-mq-md-persistence": message.persistent ? "persistent" : "nonPersistent",
    "ibm-mq-md-expiry": message.expiryMs === undefined ? "unlimited" : String(message.expiryMs),
  };
  if (message.correlationId) headers["ibm-mq-md-correlationId"] = message.correlationId;
  if (message.replyTo) headers["ibm-mq-md-replyTo"] = message.replyTo;
  const response = await call(
    account,
    { method: "POST", url: messagingUrl(account, queue, "message"), headers, body: message.text },
    signal,
  );
  const failure = mqResponseError(response, account, queue);
  if (failure) throw failure;
  const messageId = response.headers["ibm-mq-md-messageid"];
  if (response.status !== 201 || !messageId) throw unexpected(account, response, "the put");
  return { messageId };
}

const summary = z.looseObject({ messageId: z.string().min(1) });
// IBM documents the list as "a JSON formatted array"; whether it arrives bare or as a `messages` property of an
// object is not shown in the pages found, so both are read.
const messageList = z.union([z.array(summary), z.looseObject({ messages: z.array(summary) })]);

/** The ids of the messages on `queue`, in the order MQ would hand them out, without reading or removing any. */
export async function listMessageIds(
  account: SterlingMqAccount,
  queue: string,
  signal: AbortSignal,
): Promise<string[]> {
  const response = await call(
    account,
    { method: "GET", url: messagingUrl(account, queue, "messagelist"), headers: { Accept: "application/json" } },
    signal,
  );
  // Before 9.1.3 the list resource does not exist at all: a bare 404, as for a URL that is not mqweb's.
  if (response.status === 405 || (response.status === 404 && mqErrors(response).length === 0)) {
    throw withoutBrowse(account, response.status);
  }
  const failure = mqResponseError(response, account, queue);
  if (failure) throw failure;
  const parsed = messageList.safeParse(response.body);
  if (!parsed.success) throw unexpected(account, response, "the message list");
  return (Array.isArray(parsed.data) ? parsed.data : parsed.data.messages).map((message) => message.messageId);
}

function withoutBrowse(account: SterlingMqAccount, status = 405): RemoteError {
  const host = new URL(account.restUrl).host;
  const which = status === 404 ? `${host} answered 404: either the MQ messaging REST URL is wrong, or its` : "The";
  return new RemoteError(
    "REMOTE",
    `${which} mqweb server cannot browse queues (IBM MQ 9.1.3 or later can): events need browsing, so that no ` +
      "message is removed before its run is saved",
    { status, retryable: false },
  );
}

export interface MqMessage {
  messageId: string;
  correlationId?: string;
  text: string;
  /** The ibm-mq-md-* headers mqweb returned with the message (names in lower case). */
  descriptor: Record<string, string>;
}

function readMessage(response: HttpResponse, messageId: string): MqMessage {
  const descriptor = Object.fromEntries(
    Object.entries(response.headers).filter(([name]) => name.startsWith("ibm-mq-md-")),
  );
  // The reply carries the message text; a JSON Content-Type has already been parsed, so it is written back.
  const text = typeof response.body === "string" ? response.body : JSON.stringify(response.body);
  return {
    messageId: descriptor["ibm-mq-md-messageid"] ?? messageId,
    correlationId: descriptor["ibm-mq-md-correlationid"],
    text,
    descriptor,
  };
}

/** Reads the first message the selector matches without removing it; undefined when none is on the queue. */
export async function browseMessage(
  account: SterlingMqAccount,
  queue: string,
  selector: { messageId: string } | { correlationId: string },
  signal: AbortSignal,
): Promise<MqMessage | undefined> {
  const url = withQuery(messagingUrl(account, queue, "message"), selector);
  const response = await call(account, { method: "GET", url }, signal);
  if (response.status === 204) return undefined;
  if (response.status === 405) throw withoutBrowse(account);
  const failure = mqResponseError(response, account, queue);
  if (failure) throw failure;
  return readMessage(response, "messageId" in selector ? selector.messageId : "");
}

/** Removes one message by id (a destructive get of that message only); false when it was already gone. */
export async function removeMessage(
  account: SterlingMqAccount,
  queue: string,
  messageId: string,
  signal: AbortSignal,
): Promise<boolean> {
  const url = withQuery(messagingUrl(account, queue, "message"), { messageId });
  const response = await call(account, { method: "DELETE", url, headers: CSRF }, signal);
  if (response.status === 204) return false;
  const failure = mqResponseError(response, account, queue);
  if (failure) throw failure;
  return true;
}

/**
 * Test connection's check of the account's queue, harmless on every mqweb with the messaging API: browse for a
 * message id that cannot exist (9.1.3 and later); where GET is not served (405, 9.0.4 to 9.1.2), a get by a
 * correlation id that cannot exist, which removes nothing. Both reach the queue manager and open the queue, so a
 * wrong user, queue manager or queue is reported.
 */
export async function browseQueue(account: SterlingMqAccount, signal: AbortSignal): Promise<void> {
  const nothing = randomBytes(24).toString("hex");
  const url = messagingUrl(account, account.queue, "message");
  let response = await call(account, { method: "GET", url: withQuery(url, { messageId: nothing }) }, signal);
  if (response.status === 405) {
    const probe = withQuery(url, { correlationId: nothing });
    response = await call(account, { method: "DELETE", url: probe, headers: CSRF }, signal);
  }
  const failure = mqResponseError(response, account);
  if (failure) throw failure;
  if (response.status !== 204 && response.status !== 200) throw unexpected(account, response, "a browse");
}
