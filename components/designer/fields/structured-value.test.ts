import { describe, expect, it } from "vitest";
import { describeFields } from "@/lib/schema-fields";
import { fitsStructure, fromExpressionText, moveItem, withEntry } from "./structured-value";

const [lines, shipTo, tags] = describeFields({
  type: "object",
  properties: {
    lines: {
      type: "array",
      items: {
        type: "object",
        properties: {
          itemId: { type: "string" },
          quantity: { type: "number" },
          action: { enum: ["ADD", "CANCEL"] },
          rush: { type: "boolean" },
        },
        required: ["itemId"],
      },
    },
    shipTo: { type: "object", properties: { city: { type: "string" } } },
    tags: { type: "array", items: { type: "string" } },
  },
});

describe("structured values", () => {
  it("fits items and groups the editor can show whole, and nothing it would hide", () => {
    if (!lines || !shipTo || !tags) throw new Error("fields not described");
    expect(fitsStructure(lines, undefined)).toBe(true);
    expect(fitsStructure(lines, [{ itemId: "A", quantity: "{{ trigger.qty }}" }, {}])).toBe(true);
    expect(fitsStructure(lines, [{ itemId: "A", colour: "red" }])).toBe(false);
    expect(fitsStructure(lines, "{{ trigger.lines }}")).toBe(false);
    expect(fitsStructure(lines, '[{"itemId": "A"}]')).toBe(false);
    expect(fitsStructure(shipTo, { city: "London" })).toBe(true);
    expect(fitsStructure(shipTo, [])).toBe(false);
    expect(fitsStructure(tags, ["a", "{{ trigger.tag }}"])).toBe(true);
    expect(fitsStructure(tags, [{ a: 1 }])).toBe(false);
  });

  it("leaves a template in a select or a checkbox to the expression view, where it can be seen", () => {
    if (!lines) throw new Error("fields not described");
    expect(fitsStructure(lines, [{ itemId: "A", action: "CANCEL", rush: true }])).toBe(true);
    expect(fitsStructure(lines, [{ itemId: "A", action: "{{ trigger.act }}" }])).toBe(false);
    expect(fitsStructure(lines, [{ itemId: "A", action: "REMOVE" }])).toBe(false);
    expect(fitsStructure(lines, [{ itemId: "A", rush: "{{ trigger.rush }}" }])).toBe(false);
    expect(fitsStructure(lines, [{ itemId: { nested: 1 } }])).toBe(false);
  });

  it("turns JSON text that fits into real items and leaves templates and other text as typed", () => {
    if (!lines) throw new Error("fields not described");
    expect(fromExpressionText(lines, '[{"itemId": "A", "quantity": 2}]')).toEqual([{ itemId: "A", quantity: 2 }]);
    expect(fromExpressionText(lines, "{{ trigger.lines }}")).toBe("{{ trigger.lines }}");
    expect(fromExpressionText(lines, '[{"itemId": "A",')).toBe('[{"itemId": "A",');
    expect(fromExpressionText(lines, '{"itemId": "A"}')).toBe('{"itemId": "A"}');
    expect(fromExpressionText(lines, "null")).toBe("null");
  });

  it("sets and clears a group's entries and moves list items", () => {
    expect(withEntry({ city: "London" }, "zip", "NW1")).toEqual({ city: "London", zip: "NW1" });
    expect(withEntry({ city: "London" }, "city", undefined)).toBeUndefined();
    expect(withEntry(undefined, "city", "Paris")).toEqual({ city: "Paris" });
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });
});
