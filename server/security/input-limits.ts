// Limits on the JSON that users and callers hand Conflux: its size, how deeply it nests, and NUL characters (U+0000),
// which Postgres refuses in text and jsonb. A draft or Test data breaking one is refused with a message that names
// the limit and its variable; data that arrives from outside (a webhook body, a remote reply) is stored with each NUL
// replaced by U+FFFD instead, so that an event is never lost to a character (webhook.ts keeps the raw body too).
import { ConfluxError } from "@/lib/errors";
import { getConfig } from "../boot/config";

/** How deeply objects and lists may nest, unless CONFLUX_JSON_DEPTH_LIMIT says otherwise. */
export const DEFAULT_JSON_DEPTH_LIMIT = 64;

export interface JsonLimits {
  /** What the value is, for messages: "The draft", "The test data". */
  what: string;
  maxBytes: number;
  /** The variable that sets maxBytes, named in the message. */
  bytesVariable: string;
  maxDepth: number;
}

/** Where the first NUL is, and how deep the value nests; iterative, so a hostile depth cannot overflow the stack. */
export function inspectJson(value: unknown): { depth: number; nulAt: string | undefined } {
  let depth = 0;
  let nulAt: string | undefined;
  const stack: Array<{ value: unknown; level: number; path: string }> = [{ value, level: 0, path: "" }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    if (typeof item.value === "string") {
      if (nulAt === undefined && item.value.includes("\0")) nulAt = item.path || "(the value itself)";
      continue;
    }
    if (typeof item.value !== "object" || item.value === null) continue;
    const level = item.level + 1;
    if (level > depth) depth = level;
    const entries: Array<[string, unknown]> = Array.isArray(item.value)
      ? item.value.map((inner, index): [string, unknown] => [`[${index}]`, inner])
      : Object.entries(item.value).map(([key, inner]): [string, unknown] => [key, inner]);
    for (const [key, inner] of entries) {
      const path = key.startsWith("[") ? `${item.path}${key}` : item.path ? `${item.path}.${key}` : key;
      if (nulAt === undefined && key.includes("\0")) nulAt = path;
      stack.push({ value: inner, level, path });
    }
  }
  return { depth, nulAt };
}

/** Refuses a value over the limits: PAYLOAD_TOO_LARGE (413) for its size, VALIDATION (400) for depth and NULs. */
export function checkJsonInput(value: unknown, limits: JsonLimits): void {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? "");
  if (bytes > limits.maxBytes) {
    throw new ConfluxError(
      "PAYLOAD_TOO_LARGE",
      `${limits.what} is ${formatKb(bytes)}, more than the ${formatKb(limits.maxBytes)} limit (${limits.bytesVariable})`,
    );
  }
  const { depth, nulAt } = inspectJson(value);
  if (depth > limits.maxDepth) {
    throw new ConfluxError(
      "VALIDATION",
      `${limits.what} nests ${depth} levels deep, more than the limit of ${limits.maxDepth} (CONFLUX_JSON_DEPTH_LIMIT)`,
    );
  }
  if (nulAt !== undefined) {
    throw new ConfluxError(
      "VALIDATION",
      `${limits.what} contains a NUL character (\\u0000) at ${nulAt}, which cannot be stored; remove it`,
    );
  }
}

function formatKb(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** A draft (saved, imported) against CONFLUX_DRAFT_LIMIT_KB and the depth limit. */
export function checkDraftInput(graph: unknown, what = "The draft"): void {
  const config = getConfig();
  checkJsonInput(graph, {
    what,
    maxBytes: config.CONFLUX_DRAFT_LIMIT_KB * 1024,
    bytesVariable: "CONFLUX_DRAFT_LIMIT_KB",
    maxDepth: config.CONFLUX_JSON_DEPTH_LIMIT,
  });
}

/** The data a Test or Run now starts from, against CONFLUX_TEST_PAYLOAD_LIMIT_KB and the depth limit. */
export function checkTestDataInput(payload: unknown): void {
  const config = getConfig();
  checkJsonInput(payload, {
    what: "The data",
    maxBytes: config.CONFLUX_TEST_PAYLOAD_LIMIT_KB * 1024,
    bytesVariable: "CONFLUX_TEST_PAYLOAD_LIMIT_KB",
    maxDepth: config.CONFLUX_JSON_DEPTH_LIMIT,
  });
}
