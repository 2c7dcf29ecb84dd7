// What the HTTP action sends as its body. Structured data (a body mapped field by field) is serialised here, never
// by joining text, so the target gets valid JSON or a valid form; text is sent as typed, but text that is meant to
// be JSON (by its Content-Type, or by how it starts) and no longer parses once mapped fails the step before anything
// is sent.
import { ConfluxError } from "@/lib/errors";
import { jsonProblem } from "@/lib/json-preview";

export function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}

function contentType(headers: Record<string, string>): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === "content-type");
  return entry?.[1];
}

const isJsonType = (type: string) => /^[^;]*[/+]json\s*(;|$)/i.test(type.trim());
const isFormType = (type: string) => /^application\/x-www-form-urlencoded\s*(;|$)/i.test(type.trim());

function formText(data: Record<string, unknown> | unknown[]): string {
  if (Array.isArray(data))
    throw new ConfluxError(
      "INPUT_INVALID",
      "A list cannot be sent as a form: map the body to fields (name and value).",
    );
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(data)) {
    const values = Array.isArray(value) ? value : [value];
    for (const entry of values) {
      if (entry !== null && typeof entry === "object")
        throw new ConfluxError(
          "INPUT_INVALID",
          `The form field "body.${name}" holds an object: a form carries only text, numbers and true/false.`,
          { details: { field: `body.${name}` } },
        );
      form.append(name, entry === null || entry === undefined ? "" : String(entry));
    }
  }
  return form.toString();
}

/** The body text to send, setting the Content-Type header when the user gave none; undefined for no body. */
export function encodeBody(
  body: string | Record<string, unknown> | unknown[] | undefined,
  headers: Record<string, string>,
): string | undefined {
  if (body === undefined || body === "") return undefined;
  const given = contentType(headers);
  if (typeof body !== "string") {
    if (given !== undefined && isFormType(given)) return formText(body);
    if (given !== undefined && !isJsonType(given))
      throw new ConfluxError(
        "INPUT_INVALID",
        `The body is built as JSON fields, but the Content-Type header says "${given}". Remove the header or set it to application/json.`,
        { details: { field: "headers" } },
      );
    if (given === undefined) headers["Content-Type"] = "application/json";
    return JSON.stringify(body);
  }
  const start = body.trimStart();
  const meantAsJson = given !== undefined ? isJsonType(given) : start.startsWith("{") || start.startsWith("[");
  if (meantAsJson) {
    const problem = jsonProblem(body);
    if (problem !== null)
      throw new ConfluxError(
        "INPUT_INVALID",
        `The body is not valid JSON once mapped (${problem}), so nothing was sent. A value in it is probably missing: ` +
          `edit the body as fields, so that each value is checked and named.`,
        { details: { field: "body", body: body.length > 2000 ? `${body.slice(0, 2000)}…` : body } },
      );
  }
  if (given === undefined) headers["Content-Type"] = meantAsJson ? "application/json" : "text/plain; charset=utf-8";
  return body;
}
