// Nested inputs as the designer's structured editors store them: real lists and groups whose values may be
// templates. Before Start a template stands in for any type; at run time the templates are resolved first, and the
// result must then pass the action's schema, defaults applied.
import { describe, expect, it } from "vitest";
import { createOrderAction } from "@/server/connectors/sterling/actions/create-order";
import { resolveInputs } from "./expressions";
import { findInputProblems, parseInputs } from "./inputs";

const inputs = {
  enterpriseCode: "DEFAULT",
  lines: [
    { itemId: "{{ trigger.items[0].sku }}", quantity: "{{ trigger.items[0].qty }}" },
    { itemId: "SKU-2", quantity: 1.5, unitPrice: "{{ trigger.price }}" },
  ],
  shipTo: { city: "{{ trigger.city }}", country: "GB" },
};

describe("nested templates in a step's inputs", () => {
  it("lets templates stand in for nested values before Start, and still names a missing sub-field", () => {
    expect(findInputProblems(createOrderAction.input, inputs, { allowTemplates: true })).toEqual([]);
    const withoutItem = { ...inputs, lines: [...inputs.lines, { quantity: 2 }] };
    expect(findInputProblems(createOrderAction.input, withoutItem, { allowTemplates: true })).toEqual([
      { field: "lines[2].itemId", message: "is required" },
    ]);
  });

  it("resolves templates inside lines and groups, then checks the result against the schema", async () => {
    const context = { trigger: { items: [{ sku: "SKU-1", qty: 2 }], price: 9.5, city: "London" }, steps: {}, env: {} };
    const parsed = parseInputs(createOrderAction.input, await resolveInputs(inputs, context), "Create order");
    expect(parsed.lines).toEqual([
      { itemId: "SKU-1", quantity: 2, unitOfMeasure: "EACH" },
      { itemId: "SKU-2", quantity: 1.5, unitPrice: 9.5, unitOfMeasure: "EACH" },
    ]);
    expect(parsed.shipTo).toEqual({ city: "London", country: "GB" });

    const wrongType = { ...context, trigger: { ...context.trigger, items: [{ sku: "SKU-1", qty: "two" }] } };
    const resolved = await resolveInputs(inputs, wrongType);
    expect(() => parseInputs(createOrderAction.input, resolved, "Create order")).toThrow(
      /lines\[0\]\.quantity" must be a number, not a string/,
    );
  });
});
