// How the designer's preview reads a mapped value: JSON text shown as JSON, and whether an HTTP body is meant to be
// JSON (server/connectors/http/actions/request.ts sends a body that parses as application/json, anything else as
// plain text, unless a Content-Type header says otherwise).
import { isRecord } from "./is-record";

/** The parsed object or list when `text` is JSON text for one; otherwise null (plain text, numbers, quoted strings). */
export function parseJsonStructure(text: string): object | null {
  const trimmed = text.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === "object" && parsed !== null ? parsed : null;
  } catch {
    return null;
  }
}

/** Why `text` is not JSON, as the parser says, or null when it is. */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function contentTypeOf(headers: unknown): string | undefined {
  if (!isRecord(headers)) return undefined;
  const entry = Object.entries(headers).find(([name]) => name.trim().toLowerCase() === "content-type");
  return entry && typeof entry[1] === "string" ? entry[1] : undefined;
}

/**
 * Whether an HTTP request's body is meant to be JSON: its Content-Type header says so, or there is none and the
 * body as typed starts like JSON (the request would then quietly go out as plain text if the mapping broke it).
 */
export function bodyExpectsJson(body: unknown, headers: unknown): boolean {
  const contentType = contentTypeOf(headers);
  if (contentType !== undefined && !contentType.includes("{{")) return /json/i.test(contentType);
  if (typeof body !== "string") return false;
  const start = body.trimStart();
  return start.startsWith("{") || start.startsWith("[");
}
