import { describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { capPayload, PREVIEW_BYTES, stepPayloadLimitBytes } from "./payload-cap";

describe("capPayload", () => {
  it("keeps a value whose JSON fits, the very same object", () => {
    const value = { orderNo: "A-1", lines: [{ sku: "X", qty: 2 }] };
    const capped = capPayload(value, 1024);
    expect(capped.truncated).toBe(false);
    expect(capped.value).toBe(value);
  });

  it("keeps a value exactly at the limit and caps one byte over it", () => {
    const atLimit = "a".repeat(98); // JSON text: 100 bytes with its quotes
    expect(capPayload(atLimit, 100)).toEqual({ value: atLimit, truncated: false });
    const over = capPayload(`${atLimit}b`, 100);
    expect(over.truncated).toBe(true);
    expect(over.value).toEqual({ $truncated: true, originalBytes: 101, preview: `"${"a".repeat(24)}` });
  });

  it("replaces a large value by a marker with its size and the first 2 KB of its JSON", () => {
    const big = { items: Array.from({ length: 20_000 }, (_, index) => ({ index, name: `item ${index}` })) };
    const text = JSON.stringify(big);
    const capped = capPayload(big, 256 * 1024);
    expect(capped.truncated).toBe(true);
    expect(capped.value).toEqual({
      $truncated: true,
      originalBytes: Buffer.byteLength(text),
      preview: text.slice(0, PREVIEW_BYTES),
    });
    // Stored, the preview's quotes are escaped: the marker stays a few KB whatever the value's size.
    expect(Buffer.byteLength(JSON.stringify(capped.value))).toBeLessThan(3 * PREVIEW_BYTES);
  });

  it("counts UTF-8 bytes, not characters, and never cuts a character in half", () => {
    // "é" is 2 bytes and "😀" 4: 60 characters of JSON text can be well over 100 bytes.
    const value = "é😀".repeat(20);
    const bytes = Buffer.byteLength(JSON.stringify(value));
    expect(bytes).toBe(2 + 20 * 6);
    const capped = capPayload(value, 100);
    expect(capped.truncated).toBe(true);
    // 25 bytes of preview: the quote (1) + 4 pairs (24); a 5th "é" would make 27, half a "😀" is never kept.
    expect(capped.value).toEqual({ $truncated: true, originalBytes: bytes, preview: `"${"é😀".repeat(4)}` });
    expect(capPayload("😀".repeat(40), 100).value).toMatchObject({ preview: `"${"😀".repeat(6)}` });
  });

  it("keeps null within the limit and leaves undefined alone", () => {
    expect(capPayload(null, 4)).toEqual({ value: null, truncated: false });
    expect(capPayload(undefined, 1)).toEqual({ value: undefined, truncated: false });
  });
});

describe("stepPayloadLimitBytes", () => {
  it("defaults to 256 KB and reads CONFLUX_STEP_PAYLOAD_LIMIT_KB", () => {
    expect(stepPayloadLimitBytes({})).toBe(256 * 1024);
    expect(stepPayloadLimitBytes({ CONFLUX_STEP_PAYLOAD_LIMIT_KB: "" })).toBe(256 * 1024);
    expect(stepPayloadLimitBytes({ CONFLUX_STEP_PAYLOAD_LIMIT_KB: "1024" })).toBe(1024 * 1024);
  });

  it("refuses a value that is not a whole number of kilobytes, naming the variable", () => {
    for (const raw of ["0", "-5", "1.5", "lots"]) {
      const error = (() => {
        try {
          return stepPayloadLimitBytes({ CONFLUX_STEP_PAYLOAD_LIMIT_KB: raw });
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(ConfluxError);
      expect(error).toMatchObject({ message: expect.stringContaining(`CONFLUX_STEP_PAYLOAD_LIMIT_KB`) });
    }
  });
});
