// Reading an incoming webhook request into what a run starts with. Everything here works on the web platform's
// Request, so the route handler, tests and any other server can use it.
import { ConfluxError } from "@/lib/errors";
import { readStreamWithin } from "../connectors/sdk/http-transport";
import { isXmlMediaType, parseXmlData } from "../connectors/sdk/xml-data";
import { DEFAULT_JSON_DEPTH_LIMIT, inspectJson } from "../security/input-limits";
import { NUL_REPLACEMENT, replaceNul } from "../security/json-nul";
import { SIGNATURE_HEADER } from "../security/webhook-signature";

export const DEFAULT_WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;
const MAX_EVENT_ID_CHARS = 200;

// Credentials and the signature are the caller's business, not data for the flow (or for run history to keep).
const hiddenHeaders = new Set(["authorization", "proxy-authorization", "cookie", "x-api-key", SIGNATURE_HEADER]);

export interface WebhookTriggerData {
  body: unknown;
  /** The body as sent, when it was parsed from XML or a form (kept for signatures, logs and a second reading). */
  rawBody?: string;
  /** The body as sent, base64, when it held NUL characters: they are U+FFFD in `body` and `rawBody` (Postgres). */
  rawBodyBase64?: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  receivedAt: string;
  eventId: string | null;
}

/** The raw body, or undefined when it is larger than `limit` bytes (declared or counted as it streams in). */
export async function readBodyWithin(request: Request, limit: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) return undefined;
  return readStreamWithin(request.body, limit);
}

function isJsonContentType(contentType: string | null): boolean {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return mediaType === "application/json" || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
}

/** JSON when the content type says so (an empty body is null), else the text; malformed JSON is a VALIDATION error. */
export function parseWebhookBody(raw: Buffer, contentType: string | null): unknown {
  const text = raw.toString("utf8");
  if (!isJsonContentType(contentType)) return text;
  if (text.trim() === "") return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfluxError("VALIDATION", `The request body is not valid JSON: ${detail}`);
  }
}

function isFormContentType(contentType: string | null): boolean {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() === "application/x-www-form-urlencoded";
}

/** A form's fields; a name sent more than once is a list. */
function formData(text: string): Record<string, string | string[]> {
  const data: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = data[name];
    data[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return data;
}

/**
 * The body as data: JSON, XML (application/xml, text/xml, …+xml) and forms are parsed, keeping the text of the last
 * two as `rawBody`; anything else is its text. A malformed JSON or XML body, or one nested deeper than `depthLimit`,
 * is a VALIDATION error (400: nothing is stored, the caller is told). NUL characters, which Postgres cannot store,
 * become U+FFFD, with the body as sent kept in `rawBodyBase64`, so the event is stored and nothing is lost.
 */
export function readWebhookBody(
  raw: Buffer,
  contentType: string | null,
  depthLimit = DEFAULT_JSON_DEPTH_LIMIT,
): Pick<WebhookTriggerData, "body" | "rawBody" | "rawBodyBase64"> {
  const read = parseBodyOf(raw, contentType);
  const { depth, nulAt } = inspectJson(read);
  // The body sits one level down in `read`.
  if (depth - 1 > depthLimit) {
    throw new ConfluxError(
      "VALIDATION",
      `The request body nests ${depth - 1} levels deep, more than the limit of ${depthLimit} (CONFLUX_JSON_DEPTH_LIMIT)`,
    );
  }
  if (nulAt === undefined) return read;
  return {
    body: replaceNul(read.body),
    ...(read.rawBody === undefined ? {} : { rawBody: read.rawBody.replaceAll("\0", NUL_REPLACEMENT) }),
    rawBodyBase64: raw.toString("base64"),
  };
}

function parseBodyOf(raw: Buffer, contentType: string | null): Pick<WebhookTriggerData, "body" | "rawBody"> {
  const text = raw.toString("utf8");
  if (isXmlMediaType(contentType))
    return { body: text.trim() === "" ? null : parseXmlData(text, "The request body"), rawBody: text };
  if (isFormContentType(contentType)) return { body: formData(text), rawBody: text };
  return { body: parseWebhookBody(raw, contentType) };
}

/** The event id from the trigger's header, or null; an absurdly long one is refused rather than stored. */
export function readEventId(headers: Headers, headerName: string): string | null {
  const value = headers.get(headerName)?.trim();
  if (!value) return null;
  if (value.length > MAX_EVENT_ID_CHARS) {
    throw new ConfluxError("VALIDATION", `The ${headerName} header is longer than ${MAX_EVENT_ID_CHARS} characters`);
  }
  return value;
}

export function visibleHeaders(headers: Headers): Record<string, string> {
  const visible: Record<string, string> = {};
  // Headers yields lower-case names, with repeated headers already joined by ", ".
  for (const [name, value] of headers) if (!hiddenHeaders.has(name)) visible[name] = value;
  return visible;
}

/** The query's parameters; a %00 (NUL, which Postgres cannot store) reads as U+FFFD. */
export function queryOf(url: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [rawName, rawValue] of new URL(url).searchParams) {
    const name = rawName.replaceAll("\0", NUL_REPLACEMENT);
    const value = rawValue.replaceAll("\0", NUL_REPLACEMENT);
    const previous = query[name];
    query[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return query;
}
