import { describe, expect, it } from "vitest";
import { z } from "zod";
import { field } from "@/server/connectors/sdk";
import { describeFields, findMissing, isFieldVisible } from "./schema-fields";

const schema = z.toJSONSchema(
  z.object({
    body: z
      .string()
      .optional()
      .meta(field({ title: "Body", widget: "textarea", order: 3 })),
    mode: z
      .enum(["interval", "cron"])
      .default("interval")
      .meta(field({ title: "Repeat", order: 1, enumLabels: { cron: "Cron" } })),
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
    expect(
      findMissing(fields, { mode: "interval", retries: 3, enabled: false, orderNo: " " }).map((entry) => entry.path),
    ).toEqual(["orderNo"]);
    expect(
      findMissing(fields, { mode: "cron", retries: 3, enabled: false, orderNo: "A1" }).map((entry) => entry.path),
    ).toEqual(["cron"]);
  });

  it("returns nothing for a schema without properties", () => {
    expect(describeFields(undefined)).toEqual([]);
    expect(describeFields({ title: "Payload" })).toEqual([]);
  });

  it("marks a field whose choices are loaded for the chosen account, keeping it a text field", () => {
    const loaded = z.toJSONSchema(
      z.object({
        enterpriseCode: z
          .string()
          .optional()
          .meta(field({ title: "Enterprise code", options: "enterprises" })),
      }),
      { io: "input" },
    );
    expect(describeFields(loaded)).toMatchObject([
      { name: "enterpriseCode", kind: "text", optionsLoader: "enterprises" },
    ]);
    expect(describeFields(schema).some((entry) => entry.optionsLoader !== undefined)).toBe(false);
  });

  it("renders an HTTP body as a text area that knows it is one, and an unknown widget by its type", () => {
    const fields = describeFields({
      type: "object",
      properties: {
        body: { type: "string", "x-conflux-widget": "httpBody" },
        note: { type: "string", "x-conflux-widget": "fancy-editor" },
      },
    });
    expect(fields).toMatchObject([
      { name: "body", kind: "textarea", httpBody: true },
      { name: "note", kind: "text" },
    ]);
    expect(fields[1]).not.toHaveProperty("httpBody");
    expect(describeFields(schema).find((entry) => entry.name === "body")).not.toHaveProperty("httpBody");
  });
});

const orderSchema = z.toJSONSchema(
  z.object({
    lines: z
      .array(
        z
          .object({
            itemId: z.string().meta(field({ title: "Item ID" })),
            quantity: z.number().meta(field({ title: "Quantity" })),
            unitOfMeasure: z.enum(["EACH", "BOX"]).default("EACH"),
          })
          .meta({ title: "Line" }),
      )
      .min(1)
      .meta(field({ title: "Order lines" })),
    shipTo: z
      .object({ city: z.string().meta(field({ title: "City" })), zipCode: z.string().optional() })
      .optional()
      .meta(field({ title: "Ship-to address" })),
    tags: z.array(z.string()).optional(),
    body: z.record(z.string(), z.unknown()).optional(),
    raw: z
      .object({ a: z.string() })
      .optional()
      .meta(field({ title: "Raw", widget: "json" })),
    matrix: z.array(z.array(z.number())).optional(),
  }),
  { io: "input" },
);

describe("describeFields for nested schemas", () => {
  const fields = describeFields(orderSchema);
  const byName = (name: string) => fields.find((entry) => entry.name === name);

  it("describes an array of objects as a list of item groups, with the item's own fields", () => {
    const lines = byName("lines");
    expect(lines?.kind).toBe("list");
    expect(lines?.required).toBe(true);
    expect(lines?.item?.kind).toBe("group");
    expect(lines?.item?.title).toBe("Line");
    expect(lines?.item?.fields?.map((entry) => [entry.name, entry.title, entry.kind, entry.required])).toEqual([
      ["itemId", "Item ID", "text", true],
      ["quantity", "Quantity", "number", true],
      ["unitOfMeasure", "Unit of measure", "select", false],
    ]);
  });

  it("describes an object with properties as a group, and an array of scalars as a list of single values", () => {
    expect(byName("shipTo")?.kind).toBe("group");
    expect(byName("shipTo")?.fields?.map((entry) => [entry.name, entry.required])).toEqual([
      ["city", true],
      ["zipCode", false],
    ]);
    expect(byName("tags")?.kind).toBe("list");
    expect(byName("tags")?.item).toMatchObject({ kind: "text", title: "Item" });
  });

  it("keeps free-form objects, declared JSON widgets and lists of lists as JSON text", () => {
    expect(byName("body")?.kind).toBe("json");
    expect(byName("raw")?.kind).toBe("json");
    expect(byName("matrix")?.kind).toBe("json");
  });
});

describe("findMissing", () => {
  const fields = describeFields(orderSchema);

  it("names a required sub-field left empty in a list item by its path", () => {
    const missing = findMissing(fields, {
      lines: [{ itemId: "SKU-1", quantity: 2 }, { quantity: 1 }, { itemId: " ", quantity: "{{ trigger.qty }}" }],
      shipTo: { zipCode: "1000" },
    });
    expect(missing).toEqual([
      { path: "lines.1.itemId", label: "Order lines › line 2 › Item ID" },
      { path: "lines.2.itemId", label: "Order lines › line 3 › Item ID" },
      { path: "shipTo.city", label: "Ship-to address › City" },
    ]);
  });

  it("counts a required list with no items as missing, and checks nothing under a template", () => {
    expect(findMissing(fields, { lines: [] })).toEqual([{ path: "lines", label: "Order lines" }]);
    expect(findMissing(fields, { lines: "{{ trigger.lines }}", shipTo: "{{ trigger.address }}" })).toEqual([]);
    expect(findMissing(fields, { lines: [{ itemId: "A", quantity: 1 }], tags: ["a", ""] })).toEqual([
      { path: "tags.1", label: "Tags › item 2" },
    ]);
  });
});
