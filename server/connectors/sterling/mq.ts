// The IBM MQ messaging REST API (served by IBM MQ's mqweb server, v2 since MQ 9.1.5), which is how the MQ mode
// reaches the queue manager (auth.ts says why). Basic authentication; every POST and DELETE also needs an
// `ibm-mq-rest-csrf-token` header, whose value the server ignores. Errors come as
// `{ "error": [{ "msgId": "MQWB0009E", "reasonCode": 2058, "message": "…", "explanation": "…" }] }`, where
// reasonCode is the MQ reason (MQRC_*) when the queue manager itself refused.
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { errorForResponse, httpRequest, responseForDetails, statusLine, type HttpResponse } from "../sdk";
import type { SterlingMqAccount } from "./account";

const MQ_TIMEOUT_MS = 30_000;

/** MQ reason codes the messages below explain. */
const MQRC_NOT_AUTHORIZED = 2035;
const MQRC_Q_MGR_NAME_ERROR = 2058;
const MQRC_Q_MGR_NOT_AVAILABLE = 2059;
const MQRC_UNKNOWN_OBJECT_NAME = 2085;

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
export function messagingUrl(account: SterlingMqAccount, resource: "message" | "messagelist"): string {
  const qmgr = encodeURIComponent(account.queueManager).replace(/\./g, "%2E");
  const queue = encodeURIComponent(account.queue);
  return `${account.restUrl}/ibmmq/rest/v2/messaging/qmgr/${qmgr}/queue/${queue}/${resource}`;
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
export function mqResponseError(response: HttpResponse, account: SterlingMqAccount): RemoteError | undefined {
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
      `The MQ user "${account.restUser}" may not use queue "${account.queue}" on ${qmgr} (${status}): it needs ` +
        "the MQWebUser role and browse and put authority on the queue",
    );
  }
  if (reasons.has(MQRC_Q_MGR_NOT_AVAILABLE)) {
    return fail(`Queue manager ${qmgr} is not running or cannot be reached from the mqweb server at ${host}`, true);
  }
  if (reasons.has(MQRC_Q_MGR_NAME_ERROR) || ids.has("MQWB0009E")) {
    return fail(`The mqweb server at ${host} knows no queue manager ${qmgr} (names are case-sensitive)`);
  }
  if (reasons.has(MQRC_UNKNOWN_OBJECT_NAME)) {
    return fail(`Queue "${account.queue}" does not exist on queue manager ${qmgr} (names are case-sensitive)`);
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

/**
 * Lists the messages waiting on the account's queue without their payloads and without removing any: the
 * harmless call Test connection makes. Returns how many the server listed.
 */
export async function browseQueue(account: SterlingMqAccount, signal: AbortSignal): Promise<number> {
  const response = await httpRequest({
    method: "GET",
    url: messagingUrl(account, "messagelist"),
    headers: { Accept: "application/json" },
    credentialHeaders: basicAuthorization(account),
    tls: account.tls,
    timeoutMs: MQ_TIMEOUT_MS,
    signal,
    maxResponseBytes: 4 * 1024 * 1024,
  });
  const failure = mqResponseError(response, account);
  if (failure) throw failure;
  const list = z
    .looseObject({ messages: z.array(z.unknown()) })
    .or(z.array(z.unknown()))
    .safeParse(response.body);
  if (!list.success) {
    throw new RemoteError(
      "REMOTE",
      `${new URL(account.restUrl).host} answered the message list with something other than IBM MQ's JSON`,
      { status: response.status, retryable: false, details: { response: responseForDetails(response) } },
    );
  }
  return Array.isArray(list.data) ? list.data.length : list.data.messages.length;
}
