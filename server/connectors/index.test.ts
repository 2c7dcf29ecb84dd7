import { describe, expect, it } from "vitest";
import { buildManifest, findOperation } from ".";

describe("connector registry", () => {
  it("finds triggers and actions by connector and key", () => {
    expect(findOperation("core", "manual")).toMatchObject({ kind: "trigger", trigger: { key: "manual" } });
    expect(findOperation("http", "request")).toMatchObject({ kind: "action", action: { key: "request" } });
    expect(findOperation("http", "nope")).toBeUndefined();
    expect(findOperation("nope", "request")).toBeUndefined();
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
        body: { "x-conflux-widget": "textarea" },
        timeoutMs: { maximum: 300000, default: 30000 },
      },
    });
    const schedule = manifest.connectors[0]?.triggers.find((trigger) => trigger.key === "schedule");
    expect(schedule?.inputSchema).toMatchObject({
      properties: { cron: { "x-conflux-visibleWhen": { field: "mode", equals: "cron" }, "x-conflux-widget": "cron" } },
    });
  });
});
