import { describe, expect, it } from "vitest";
import { escapeLogLine } from "./log-line";

describe("escapeLogLine", () => {
  it("keeps a value with line breaks or control characters on its own line", () => {
    const forged = "order A-1\n[run r1 step s1] info: payment approved\r\u0000\u001b[2J\u2028x";
    const line = escapeLogLine(`[run r0 step log] info: ${forged}`);
    expect(line.split(/\r|\n|\u2028|\u2029/)).toHaveLength(1);
    expect(line).toBe(
      "[run r0 step log] info: order A-1\\n[run r1 step s1] info: payment approved\\r\\u0000\\u001b[2J\\u2028x",
    );
    expect(escapeLogLine("tabs\tand ünïcode stay")).toBe("tabs\tand ünïcode stay");
  });
});
