import { describe, expect, it } from "vitest";
import { jsonTextWithoutNul } from "./json-nul";

describe("JSON text for a jsonb column", () => {
  it("replaces escaped NULs and lone surrogates, which Postgres refuses, and nothing else", () => {
    expect(jsonTextWithoutNul(JSON.stringify({ a: "x\u0000y" }))).toBe('{"a":"x\\ufffdy"}');
    expect(jsonTextWithoutNul(JSON.stringify({ s: "ab\ud83d", t: "\udc00z" }))).toBe(
      '{"s":"ab\\ufffd","t":"\\ufffdz"}',
    );
    // A pair is written as the character itself; a literal backslash before "ud83d" is text, not an escape.
    expect(jsonTextWithoutNul(JSON.stringify({ ok: "\ud83d\ude00", text: "\\ud83d" }))).toBe(
      JSON.stringify({ ok: "\ud83d\ude00", text: "\\ud83d" }),
    );
  });
});
