// IBM MQ's messaging REST API as mqweb serves it, over queues held in memory, written from IBM's pages for
// /messaging/qmgr/{qmgr}/queue/{queue}/message (POST put, DELETE destructive get, GET browse) and …/messagelist (GET):
// v1 from 9.0.4 with POST and DELETE, GET and messagelist from 9.1.3, v2 from 9.1.5, v3 from 9.2.5 (`level` picks
// which). Basic authentication; POST and DELETE need the ibm-mq-rest-csrf-token header (any value, even blank);
// Content-Type one of the five text types with charset utf-8 (or none); ibm-mq-md-* headers set and return the
// message descriptor; messageId and correlationId select a message; 204 when none is there. Where IBM's pages do not
// say (the HTTP status of some refusals, the exact summary fields), mq-errors.ts and summary() note the choice.
import { mqError, mqwebNotFound, notText, type MqReply } from "./mq-errors";

export type MqLevel = "9.0.4" | "9.1.3" | "9.1.5" | "9.2.5";

export interface MqOptions {
  users: Array<{ user: string; password: string }>;
  /** Queue manager name to its queues, each with the text of the messages waiting on it at start. */
  queueManagers: Record<string, Record<string, string[]>>;
  /** The mqweb release whose messaging API is served; the newest by default. */
  level?: MqLevel;
}

export interface MqMessageRecord {
  messageId: string;
  correlationId: string;
  text: string;
  persistence: "persistent" | "nonPersistent";
  /** Milliseconds, or undefined for unlimited. */
  expiryMs?: number;
  replyTo?: string;
  contentType: string;
  /** MQMD Format: MQSTR for text; anything else (a binary MQ message) mqweb will not hand over. */
  format: string;
  putDateTime: string;
  putAt: number;
}

export interface MqBroker {
  /** The messages waiting on a queue, oldest first (a live array: tests may read or change it). */
  messages(qmgr: string, queue: string): MqMessageRecord[];
  /** Puts a message as an application on the queue manager would (Sterling publishing an event). */
  put(
    qmgr: string,
    queue: string,
    text: string,
    options?: { correlationId?: string; format?: string },
  ): MqMessageRecord;
  /** Until restored, removing a message by DELETE fails as a dropped connection does (a worker dying mid-call). */
  failDeletes(on: boolean): void;
  /** Answers one request of the messaging REST API, whichever HTTP server carries it. */
  handle(request: MqRequest): MqReply;
}

/** One HTTP request to mqweb: header names in lower case. */
export interface MqRequest {
  method: string;
  url: URL;
  headers: Record<string, string | undefined>;
  body: string;
}
export type { MqReply } from "./mq-errors";

const ROUTE = /^\/ibmmq\/rest\/(v[0-9]+)\/messaging\/qmgr\/([^/]+)\/queue\/([^/]+)\/(message|messagelist)$/;
const ZERO_ID = "0".repeat(48);
const HEX_ID = /^[0-9a-fA-F]{48}$/;
const TEXT_TYPES = new Set(["text/plain", "text/html", "text/xml", "application/json", "application/xml"]);
const order: MqLevel[] = ["9.0.4", "9.1.3", "9.1.5", "9.2.5"];

function basicUser(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic (.+)$/.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function header(req: MqRequest, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}

export function createMqBroker(options: MqOptions): MqBroker {
  const level = order.indexOf(options.level ?? "9.2.5");
  const queues = new Map<string, Map<string, MqMessageRecord[]>>();
  let sequence = 0;
  let deletesFail = false;

  function newMessageId(qmgr: string): string {
    // As MQ builds them: "AMQ ", the queue manager name padded to 12, then 8 unique bytes.
    sequence += 1;
    const unique = Buffer.alloc(8);
    unique.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0, 0);
    unique.writeUInt32BE(sequence, 4);
    return Buffer.concat([Buffer.from(`AMQ ${qmgr.padEnd(12).slice(0, 12)}`, "latin1"), unique]).toString("hex");
  }

  function record(qmgr: string, text: string, fields: Partial<MqMessageRecord> = {}): MqMessageRecord {
    const now = new Date();
    return {
      messageId: newMessageId(qmgr),
      correlationId: ZERO_ID,
      text,
      persistence: "nonPersistent",
      contentType: "text/plain",
      format: "MQSTR",
      putDateTime: now.toISOString().replace(/\.\d{3}Z$/, ".000Z"),
      putAt: now.getTime(),
      ...fields,
    };
  }

  for (const [qmgr, defined] of Object.entries(options.queueManagers)) {
    const map = new Map<string, MqMessageRecord[]>();
    for (const [queue, texts] of Object.entries(defined))
      map.set(
        queue,
        texts.map((text) => record(qmgr, text)),
      );
    queues.set(qmgr, map);
  }

  function live(qmgr: string, queue: string): MqMessageRecord[] | undefined {
    const list = queues.get(qmgr)?.get(queue);
    if (!list) return undefined;
    // Expired messages are discarded by MQ when a get or browse meets them.
    const now = Date.now();
    for (let index = list.length - 1; index >= 0; index -= 1) {
      const message = list[index];
      if (message?.expiryMs !== undefined && message.putAt + message.expiryMs <= now) list.splice(index, 1);
    }
    return list;
  }

  function sendMessage(message: MqMessageRecord, status: number): MqReply {
    const headers: Record<string, string> = {
      "content-type": "text/plain;charset=utf-8",
      "ibm-mq-md-messageId": message.messageId,
      "ibm-mq-md-persistence": message.persistence,
      "ibm-mq-md-expiry": message.expiryMs === undefined ? "unlimited" : String(message.expiryMs),
    };
    if (message.correlationId !== ZERO_ID) headers["ibm-mq-md-correlationId"] = message.correlationId;
    if (message.replyTo) headers["ibm-mq-md-replyTo"] = message.replyTo;
    return { status, headers, body: message.text };
  }

  function summary(message: MqMessageRecord) {
    // The fields a summary carries are not listed on the pages found; these are the descriptor's own names.
    return {
      messageId: message.messageId,
      correlationId: message.correlationId,
      format: message.format,
      persistence: message.persistence,
      expiry: message.expiryMs === undefined ? "unlimited" : message.expiryMs,
      putDateTime: message.putDateTime,
      ...(message.replyTo ? { replyToQueue: message.replyTo } : {}),
    };
  }

  function put(req: MqRequest, qmgr: string, queue: string, body: string): MqReply {
    const list = live(qmgr, queue);
    if (!list) return mqError(404, "MQWB0300E", 2085, `Could not open queue '${queue}' on '${qmgr}'.`);
    const [type = "", ...parameters] = (header(req, "content-type") ?? "").split(";").map((part) => part.trim());
    if (!TEXT_TYPES.has(type.toLowerCase())) {
      return mqError(415, "MQWB0306E", 0, `The media type '${type}' is not supported.`);
    }
    const charset = parameters.find((part) => /^charset=/i.test(part))?.slice("charset=".length);
    if (charset !== undefined && charset.replace(/"/g, "").toLowerCase() !== "utf-8") {
      return mqError(400, "MQWB0305E", 0, `The character set '${charset}' is not supported.`);
    }
    const persistence = header(req, "ibm-mq-md-persistence") ?? "nonPersistent";
    const expiry = header(req, "ibm-mq-md-expiry") ?? "unlimited";
    const correlationId = header(req, "ibm-mq-md-correlationId");
    const replyTo = header(req, "ibm-mq-md-replyTo");
    const invalid = (name: string, value: string) =>
      mqError(400, "MQWB0302E", 0, `The value '${value}' of header '${name}' is not valid.`);
    if (persistence !== "persistent" && persistence !== "nonPersistent") {
      return invalid("ibm-mq-md-persistence", persistence);
    }
    if (expiry !== "unlimited" && !/^[1-9][0-9]*$/.test(expiry)) return invalid("ibm-mq-md-expiry", expiry);
    if (correlationId !== undefined && !HEX_ID.test(correlationId)) {
      return invalid("ibm-mq-md-correlationId", correlationId);
    }
    const message = record(qmgr, body, {
      persistence,
      expiryMs: expiry === "unlimited" ? undefined : Number(expiry),
      correlationId: correlationId?.toLowerCase() ?? ZERO_ID,
      replyTo: replyTo || undefined,
      contentType: type.toLowerCase(),
    });
    list.push(message);
    return {
      status: 201,
      headers: { "content-type": "text/plain;charset=utf-8", "ibm-mq-md-messageId": message.messageId },
      body: "",
    };
  }

  function select(list: MqMessageRecord[], url: URL): MqMessageRecord | undefined | "invalid" {
    const messageId = url.searchParams.get("messageId");
    const correlationId = url.searchParams.get("correlationId");
    if ((messageId !== null && !HEX_ID.test(messageId)) || (correlationId !== null && !HEX_ID.test(correlationId))) {
      return "invalid";
    }
    return list.find(
      (message) =>
        (messageId === null || message.messageId === messageId.toLowerCase()) &&
        (correlationId === null || message.correlationId === correlationId.toLowerCase()),
    );
  }

  function getOrBrowse(req: MqRequest, qmgr: string, queue: string): MqReply {
    const list = live(qmgr, queue);
    if (!list) return mqError(404, "MQWB0300E", 2085, `Could not open queue '${queue}' on '${qmgr}'.`);
    const found = select(list, req.url);
    if (found === "invalid") return mqError(400, "MQWB0303E", 0, "A message or correlation id is not valid.");
    if (!found) return { status: 204, headers: {}, body: "" };
    // IBM: only MQSTR (or JMS TextMessage) messages are browsed or received; others are left on the queue "and an
    // appropriate status code is returned" (which one is not documented: see mq-errors.ts).
    if (found.format !== "MQSTR") return notText(req.method === "DELETE" ? "receiving" : "browsing");
    if (req.method === "DELETE") {
      if (deletesFail) return { status: 0, headers: {}, body: "", drop: true };
      list.splice(list.indexOf(found), 1);
    }
    return sendMessage(found, 200);
  }

  function handle(req: MqRequest): MqReply {
    const route = ROUTE.exec(req.url.pathname);
    const version = Number(route?.[1]?.slice(1));
    const served = version === 1 || (version === 2 && level >= 2) || (version === 3 && level >= 3);
    if (!route?.[2] || !route[3] || !route[4] || !served) return mqwebNotFound();
    const resource = route[4];
    const method = req.method ?? "";
    const browses = level >= 1;
    const allowed =
      resource === "messagelist" ? (browses ? ["GET"] : []) : ["POST", "DELETE", ...(browses ? ["GET"] : [])];
    if (allowed.length === 0) return mqwebNotFound();
    if (!allowed.includes(method)) return { status: 405, headers: { allow: allowed.join(", ") }, body: "" };

    const credentials = basicUser(header(req, "authorization"));
    const known = options.users.some(
      (user) => user.user === credentials?.user && user.password === credentials?.password,
    );
    if (!known) return mqError(401, "MQWB0104E", 0, "The user could not be authenticated.");
    if ((method === "POST" || method === "DELETE") && header(req, "ibm-mq-rest-csrf-token") === undefined) {
      return mqError(403, "MQWB0100E", 0, "The ibm-mq-rest-csrf-token HTTP header is missing.");
    }
    const qmgr = decodeURIComponent(route[2]);
    const queue = decodeURIComponent(route[3]);
    if (!queues.has(qmgr)) return mqError(404, "MQWB0009E", 2058, `Could not query the queue manager '${qmgr}'.`);
    if (resource === "messagelist") {
      const list = live(qmgr, queue);
      if (!list) return mqError(404, "MQWB0300E", 2085, `Could not open queue '${queue}' on '${qmgr}'.`);
      return {
        status: 200,
        headers: { "content-type": "application/json;charset=utf-8" },
        body: JSON.stringify(list.map(summary)),
      };
    }
    if (method === "POST") return put(req, qmgr, queue, req.body);
    return getOrBrowse(req, qmgr, queue);
  }

  return {
    messages: (qmgr, queue) => live(qmgr, queue) ?? [],
    put(qmgr, queue, text, extra = {}) {
      const list = live(qmgr, queue);
      if (!list) throw new Error(`queue ${queue} on ${qmgr} is not defined in the simulator`);
      const message = record(qmgr, text, {
        correlationId: extra.correlationId ?? ZERO_ID,
        persistence: "persistent",
        format: extra.format ?? "MQSTR",
      });
      list.push(message);
      return message;
    },
    failDeletes: (on) => void (deletesFail = on),
    handle,
  };
}
