import { describe, expect, it } from "vitest";
import { buildManifest, findOperation } from ".";
import { defineConnector } from "./sdk";

describe("connector registry", () => {
  it("finds triggers and actions by connector and key", () => {
    expect(findOperation("core", "manual")).toMatchObject({ kind: "trigger", trigger: { key: "manual" } });
    expect(findOperation("http", "request")).toMatchObject({ kind: "action", action: { key: "request" } });
    expect(findOperation("http", "nope")).toBeUndefined();
    expect(findOperation("nope", "request")).toBeUndefined();
  });

  it("refuses an account declaration that would render a broken form", () => {
    const base = { id: "x", name: "X", description: "", icon: "box", triggers: [], actions: [] };
    const field = { key: "f", label: "F", type: "select" as const, required: true };
    const declare = (
      fields: Array<typeof field & { options?: Array<{ value: string; label: string }>; default?: string }>,
    ) => defineConnector({ ...base, auth: { accountRequired: true, modes: [{ key: "m", label: "M", fields }] } });
    expect(() => declare([field])).toThrow(/is a select without options/);
    expect(() => declare([{ ...field, options: [{ value: "a", label: "A" }], default: "b" }])).toThrow(
      /not one of its options/,
    );
    expect(() =>
      declare([
        { ...field, options: [{ value: "a", label: "A" }] },
        { ...field, options: [] },
      ]),
    ).toThrow(/twice/);
  });

  it("builds a JSON-serializable manifest with field hints in the JSON Schema", () => {
    const manifest = buildManifest();
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
    const http = manifest.connectors.find((connector) => connector.id === "http");
    const request = http?.actions.find((action) => action.key === "request");
    expect(request).toMatchObject({ kind: "action", label: "Send request", group: "HTTP" });
    expect(request?.inputSchema).toMatchObject({
      type: "object",
      required: ["url"],
      properties: {
        method: { enum: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], default: "GET", title: "Method" },
        headers: { "x-conflux-widget": "keyValue", default: {} },
        body: { "x-conflux-widget": "httpBody" },
        timeoutMs: { maximum: 300000, default: 30000 },
      },
    });
    expect(http?.auth?.modes.map((mode) => mode.key)).toContain("clientCertificate");
    expect(manifest.connectors[0]?.auth).toBeUndefined();
    const schedule = manifest.connectors[0]?.triggers.find((trigger) => trigger.key === "schedule");
    expect(schedule?.inputSchema).toMatchObject({
      properties: { cron: { "x-conflux-visibleWhen": { field: "mode", equals: "cron" }, "x-conflux-widget": "cron" } },
    });
    const webhook = manifest.connectors[0]?.triggers.find((trigger) => trigger.key === "webhook");
    expect(webhook?.inputSchema).toMatchObject({ type: "object", "x-conflux-panel": "webhookAddress" });
    expect(schedule?.inputSchema).not.toHaveProperty("x-conflux-panel");
  });
});
