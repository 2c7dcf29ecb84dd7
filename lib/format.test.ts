import { describe, expect, it } from "vitest";
import { actorName, formatDuration, formatRelative } from "./format";

describe("formatDuration", () => {
  it("reads as people say it", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(42)).toBe("42 ms");
    expect(formatDuration(1234)).toBe("1.23 s");
    expect(formatDuration(12_345)).toBe("12.3 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});

describe("formatRelative", () => {
  it("rounds to the nearest unit", () => {
    const now = Date.parse("2026-11-23T12:00:00Z");
    expect(formatRelative(null, now)).toBe("never");
    expect(formatRelative(new Date(now - 10_000), now)).toBe("just now");
    expect(formatRelative(new Date(now - 5 * 60_000), now)).toBe("5 min ago");
    expect(formatRelative("2026-11-23T09:00:00Z", now)).toBe("3 h ago");
    expect(formatRelative("2026-11-20T12:00:00Z", now)).toBe("3 d ago");
  });
});

describe("actorName", () => {
  it("keeps a person's name and leaves tokens and bare addresses as they are", () => {
    expect(actorName("Ada Lovelace <ada@example.com>")).toBe("Ada Lovelace");
    expect(actorName("ada@example.com")).toBe("ada@example.com");
    expect(actorName("token ci-deploy")).toBe("token ci-deploy");
  });
});
