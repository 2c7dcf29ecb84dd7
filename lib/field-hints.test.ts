import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldHintsJsonSchema, fieldMeta, operationMeta, readOperationHints } from "./field-hints";

describe("field hints", () => {
  it("reads back every hint a connector declares, under the same keys", () => {
    const hints = {
      title: "Cron",
      description: "When to run",
      placeholder: "0 * * * *",
      widget: "cron",
      visibleWhen: { field: "mode", equals: "cron" },
      order: 2,
      enumLabels: { a: "A" },
      options: "schedules",
    } as const;
    const json = z.toJSONSchema(z.string().meta(fieldMeta(hints)));
    expect(json).toMatchObject({ title: "Cron", description: "When to run" });
    expect(fieldHintsJsonSchema.parse(json)).toEqual({
      "x-conflux-placeholder": "0 * * * *",
      "x-conflux-widget": "cron",
      "x-conflux-visibleWhen": { field: "mode", equals: "cron" },
      "x-conflux-order": 2,
      "x-conflux-enumLabels": { a: "A" },
      "x-conflux-options": "schedules",
    });
  });

  it("reads an operation's panel from the root of its input schema, and ignores one it does not know", () => {
    const input = z.toJSONSchema(z.object({ a: z.string() }).meta(operationMeta({ panel: "webhookAddress" })));
    expect(readOperationHints(input)).toEqual({ panel: "webhookAddress" });
    expect(readOperationHints(z.toJSONSchema(z.object({ a: z.string() })))).toEqual({ panel: undefined });
    expect(readOperationHints({ "x-conflux-panel": "somethingNew" })).toEqual({});
    expect(readOperationHints(undefined)).toEqual({});
  });
});
