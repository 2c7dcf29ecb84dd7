import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { describeFields } from "@/lib/schema-fields";
import { SchemaForm } from "./schema-form";
import type { NodeData } from "../mapping/use-available-data";

const fields = describeFields({
  type: "object",
  properties: {
    lines: {
      type: "array",
      title: "Order lines",
      items: {
        type: "object",
        title: "Line",
        properties: { itemId: { type: "string", title: "Item ID" }, quantity: { type: "number", title: "Quantity" } },
        required: ["itemId", "quantity"],
      },
    },
    shipTo: { type: "object", title: "Ship-to address", properties: { city: { type: "string", title: "City" } } },
  },
  required: ["lines"],
});

const data: NodeData = { sources: [], context: undefined, expectedTypes: {} };

const render = (values: Record<string, unknown>, missing: string[] = []) =>
  renderToStaticMarkup(
    <SchemaForm fields={fields} values={values} missing={new Set(missing)} onChange={() => undefined} data={data} />,
  );

describe("structured fields in the schema form", () => {
  it("shows list items as cards with their sub-fields, mapping aids and named controls", () => {
    const html = render({ lines: [{ itemId: "SKU-1", quantity: 2 }, { quantity: 1 }], shipTo: { city: "London" } }, [
      "lines.1.itemId",
    ]);
    expect(html).toMatch(
      /data-testid="mode-items-lines"[^>]*aria-pressed="true"|aria-pressed="true"[^>]*data-testid="mode-items-lines"/,
    );
    expect(html).toMatch(/data-testid="field-lines-0-itemId"[^>]*value="SKU-1"/);
    expect(html).toMatch(/data-testid="field-lines-0-quantity"[^>]*value="2"/);
    expect(html).toContain('data-testid="insert-data-lines-1-itemId"');
    expect(html).toContain('aria-label="Remove line 2"');
    expect(html).toContain('aria-label="Move line 1 down"');
    expect(html).toContain("Add line");
    // Only line 2's item is marked as missing.
    expect(html.match(/Item ID is required\./g)).toHaveLength(1);
    expect(html).toMatch(/data-testid="list-item-lines-1"[^>]*border-red-300/);
    expect(html).not.toMatch(/data-testid="list-item-lines-0"[^>]*border-red-300/);
    expect(html).toMatch(/data-testid="field-shipTo-city"[^>]*value="London"/);
    expect(html).toContain("Ship-to address");
  });

  it("opens a template or JSON text from an older draft as an expression, keeping it as stored", () => {
    const template = render({ lines: "{{ trigger.lines }}" });
    expect(template).toMatch(
      /aria-pressed="true"[^>]*data-testid="mode-expression-lines"|data-testid="mode-expression-lines"[^>]*aria-pressed="true"/,
    );
    expect(template).toMatch(/<textarea[^>]*data-testid="field-lines"[^>]*>\{\{ trigger.lines \}\}<\/textarea>/);
    expect(template).toContain('data-testid="insert-data-lines"');
    const oldDraft = render({ lines: '[{"itemId": "A", "quantity": 1}]', shipTo: { city: "Paris", country: "FR" } });
    expect(oldDraft).toContain("[{&quot;itemId&quot;: &quot;A&quot;, &quot;quantity&quot;: 1}]</textarea>");
    // An address with a key the fields do not know is shown whole, as JSON, rather than losing the key from view.
    expect(oldDraft).toContain("&quot;country&quot;: &quot;FR&quot;");
  });

  it("folds an empty group under a summary line and opens one with values or a problem", () => {
    const empty = render({});
    expect(empty).toMatch(
      /data-testid="toggle-shipTo"[^>]*aria-expanded="false"|aria-expanded="false"[^>]*data-testid="toggle-shipTo"/,
    );
    expect(empty).toContain("Not set (1 field)");
    expect(empty).not.toContain('data-testid="field-shipTo-city"');
    const filled = render({ shipTo: { city: "London" } });
    expect(filled).toMatch(
      /aria-expanded="true"[^>]*data-testid="toggle-shipTo"|data-testid="toggle-shipTo"[^>]*aria-expanded="true"/,
    );
    expect(filled).toContain('data-testid="field-shipTo-city"');
    expect(render({}, ["shipTo.city"])).toContain('data-testid="field-shipTo-city"');
  });

  it("says a required list needs an item", () => {
    expect(render({}, ["lines"])).toContain("Add at least one line.");
    expect(render({})).toContain("No lines yet.");
  });
});
