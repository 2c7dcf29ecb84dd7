// NUL characters (U+0000) in data from outside: Postgres refuses them in text and jsonb, so a value holding one
// would lose the row it is in (a run, a step's result). They are replaced by U+FFFD on the way in.

export const NUL_REPLACEMENT = "\uFFFD";

/** A copy with every NUL in strings and keys replaced by U+FFFD, or the value itself when it has none. */
export function replaceNul(value: unknown): unknown {
  if (typeof value === "string") return value.includes("\0") ? value.replaceAll("\0", NUL_REPLACEMENT) : value;
  if (Array.isArray(value)) return value.map(replaceNul);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key.replaceAll("\0", NUL_REPLACEMENT), replaceNul(inner)]),
    );
  }
  return value;
}

/**
 * JSON text with each escaped NUL (`\u0000`) and each lone surrogate (JSON.stringify writes those as `\udxxx`
 * escapes, and only those) replaced by `\ufffd`. The last barrier before a jsonb column: Postgres refuses both
 * escapes, which would lose the row (a run, a step's result) they are in.
 */
export function jsonTextWithoutNul(text: string): string {
  if (!text.includes("\\u")) return text;
  // An escaped backslash before "u0000" is a literal backslash, not an escape: only an odd run of backslashes counts.
  return text.replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, "$1\\ufffd");
}

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Text for a text column (an error message, a sign-in address tried) from outside: NUL, which Postgres refuses and
 * which would fail the whole write, and the other control characters (which garble a page or a CSV) become U+FFFD;
 * cut to `max` characters when given.
 */
export function textColumnSafe(text: string, max?: number): string {
  const safe = text.replace(CONTROL_CHARACTERS, NUL_REPLACEMENT);
  return max !== undefined && safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
