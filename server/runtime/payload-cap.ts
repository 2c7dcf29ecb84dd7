// Step payloads are capped before they are stored: one action that returns a 50 MB export must not bloat the run
// history (or the run page) forever. A capped value is replaced by a small marker that says how big it was and shows
// its beginning, so people can still see what it was.
//
// What later steps see: during the execution that produced an output, later steps receive the full value in memory.
// A run resumed on another delivery (crash, shutdown, lease lost) reads succeeded steps back from the database, so
// there later steps receive the stored value, which is the marker when it was capped. Raising
// CONFLUX_STEP_PAYLOAD_LIMIT_KB avoids that for flows that pass large payloads along.
import { getConfig, readConfig } from "../boot/config";

export const DEFAULT_PAYLOAD_LIMIT_KB = 256;
/** How much of a capped value's JSON text the marker keeps. */
export const PREVIEW_BYTES = 2048;

export interface TruncatedPayload {
  $truncated: true;
  /** Size of the value's JSON text in UTF-8 bytes. */
  originalBytes: number;
  /** The beginning of the value's JSON text; not valid JSON on its own. */
  preview: string;
}

export interface CappedPayload {
  value: unknown;
  truncated: boolean;
}

/** The cap for one stored step input or output, from CONFLUX_STEP_PAYLOAD_LIMIT_KB (whole KB, default 256). */
export function stepPayloadLimitBytes(env?: Record<string, string | undefined>): number {
  return (env ? readConfig(env) : getConfig()).CONFLUX_STEP_PAYLOAD_LIMIT_KB * 1024;
}

/**
 * Returns the value itself when its JSON fits in `limitBytes`, otherwise a TruncatedPayload marker. The preview is
 * at most PREVIEW_BYTES and at most a quarter of the limit: stored as a JSON string its quotes are escaped, which can
 * double it, and the marker should still fit under a small limit.
 */
export function capPayload(value: unknown, limitBytes: number = stepPayloadLimitBytes()): CappedPayload {
  const text = value === undefined ? undefined : JSON.stringify(value);
  if (text === undefined) return { value, truncated: false };
  // Most payloads are small: a string's length bounds its UTF-8 size from below (and by 3x from above).
  if (text.length * 3 <= limitBytes) return { value, truncated: false };
  const originalBytes = Buffer.byteLength(text, "utf8");
  if (originalBytes <= limitBytes) return { value, truncated: false };
  const marker: TruncatedPayload = {
    $truncated: true,
    originalBytes,
    preview: utf8Prefix(text, Math.min(PREVIEW_BYTES, Math.floor(limitBytes / 4))),
  };
  return { value: marker, truncated: true };
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  // for..of walks code points, so a surrogate pair (an emoji) is kept or dropped whole.
  for (const char of text) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
