import { z } from "zod";
import { describe, expect, it } from "vitest";
import { buildManifest, findOperation } from "..";
import { definePollingTrigger } from "./define";
import { isPollingTrigger, pollIntervalField, pollIntervalSeconds } from "./poll";

const base = {
  key: "newThings",
  kind: "poll" as const,
  label: "New things",
  description: "",
  group: "Things",
  output: z.unknown(),
  poll: async () => ({ items: [], nextCursor: {} }),
};

describe("polling triggers", () => {
  it("refuses an interval out of range and an input without an interval field", () => {
    const input = z.object({ url: z.string(), intervalSeconds: pollIntervalField(60) });
    expect(() => definePollingTrigger({ ...base, input, intervalSeconds: 5 })).toThrow(
      /interval outside 10\.\.86400 s/,
    );
    expect(() => definePollingTrigger({ ...base, input: z.object({ url: z.string() }), intervalSeconds: 60 })).toThrow(
      /needs an intervalSeconds input field/,
    );
    const trigger = definePollingTrigger({ ...base, input, intervalSeconds: 60 });
    expect(isPollingTrigger(trigger)).toBe(true);
    expect(pollIntervalSeconds(trigger, input.parse({ url: "x" }))).toBe(60);
    expect(pollIntervalSeconds(trigger, input.parse({ url: "x", intervalSeconds: 15 }))).toBe(15);
  });

  it("registers HTTP's new-items trigger as a polling trigger with its fields in the manifest", () => {
    const found = findOperation("http", "newItems");
    expect(found?.kind === "trigger" && isPollingTrigger(found.trigger)).toBe(true);
    const manual = findOperation("core", "manual");
    expect(manual?.kind === "trigger" && isPollingTrigger(manual.trigger)).toBe(false);
    const http = buildManifest().connectors.find((connector) => connector.id === "http");
    const newItems = http?.triggers.find((trigger) => trigger.key === "newItems");
    expect(newItems).toMatchObject({ kind: "trigger", label: "New or updated items at a URL", group: "HTTP" });
    expect(newItems?.inputSchema).toMatchObject({
      required: ["url"],
      properties: {
        keyField: { default: "id" },
        intervalSeconds: { minimum: 10, default: 60 },
        headers: { "x-conflux-widget": "keyValue" },
      },
    });
  });
});
