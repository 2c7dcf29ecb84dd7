import { describe, expect, it } from "vitest";
import { z } from "zod";
import { field } from "@/server/connectors/sdk";
import { describeFields, isFieldVisible, missingRequired } from "./schema-fields";

const schema = z.toJSONSchema(
  z.object({
    body: z.string().optional().meta(field({ title: "Body", widget: "textarea", order: 3 })),
    mode: z.enum(["interval", "cron"]).default("interval").meta(field({ title: "Repeat", order: 1, enumLabels: { cron: "Cron" } })),
    cron: z.string().meta(field({ title: "Cron", visibleWhen: { field: "mode", equals: "cron" }, order: 2 })),
    retries: z.number().int(),
    enabled: z.boolean(),
    orderNo: z.string(),
  }),
  { io: "input" },
);

describe("describeFields", () => {
  it("orders by hint, then schema order, and picks a widget per type", () => {
    const fields = describeFields(schema);
    expect(fields.map((entry) => [entry.name, entry.kind])).toEqual([
      ["mode", "select"],
      ["cron", "text"],
      ["body", "textarea"],
      ["retries", "number"],
      ["enabled", "boolean"],
      ["orderNo", "text"],
    ]);
    const mode = fields[0];
    expect(mode?.options).toEqual([
      { value: "interval", label: "interval" },
      { value: "cron", label: "Cron" },
    ]);
    expect(mode?.required).toBe(false);
    expect(fields.find((entry) => entry.name === "orderNo")?.title).toBe("Order no");
  });

  it("hides fields whose condition does not hold, and only counts visible required fields as missing", () => {
    const fields = describeFields(schema);
    const cron = fields.find((entry) => entry.name === "cron");
    expect(cron && isFieldVisible(cron, { mode: "interval" })).toBe(false);
    expect(missingRequired(fields, { mode: "interval", retries: 3, enabled: false, orderNo: " " }).map((entry) => entry.name)).toEqual(["orderNo"]);
    expect(missingRequired(fields, { mode: "cron", retries: 3, enabled: false, orderNo: "A1" }).map((entry) => entry.name)).toEqual(["cron"]);
  });

  it("returns nothing for a schema without properties", () => {
    expect(describeFields(undefined)).toEqual([]);
    expect(describeFields({ title: "Payload" })).toEqual([]);
  });

  it("marks a field whose choices are loaded for the chosen account, keeping it a text field", () => {
    const loaded = z.toJSONSchema(
      z.object({ enterpriseCode: z.string().optional().meta(field({ title: "Enterprise code", options: "enterprises" })) }),
      { io: "input" },
    );
    expect(describeFields(loaded)).toMatchObject([{ name: "enterpriseCode", kind: "text", optionsLoader: "enterprises" }]);
    expect(describeFields(schema).some((entry) => entry.optionsLoader !== undefined)).toBe(false);
  });
});
