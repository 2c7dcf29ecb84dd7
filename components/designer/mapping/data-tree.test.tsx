import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { DataSource } from "./available-data";
import { buildField } from "./data-fields";
import { DataTree } from "./data-tree";

const sources: DataSource[] = [
  {
    id: "trigger",
    label: "Trigger: Run now",
    field: buildField("trigger", "trigger", undefined, { value: { orderNo: "Y100042", lines: [{ sku: "A" }] } }),
  },
  {
    id: "http_1",
    label: "Send request",
    field: buildField(
      "http_1",
      "steps.http_1",
      { type: "object", properties: { status: { type: "integer" } } },
      undefined,
    ),
  },
];

describe("data tree", () => {
  it("opens the trigger with its fields, types and sample values, and keeps steps collapsed", () => {
    const html = renderToStaticMarkup(<DataTree sources={sources} onInsert={() => undefined} />);
    expect(html).toContain('data-testid="data-tree-item-trigger.orderNo"');
    expect(html).toContain("&quot;Y100042&quot;");
    expect(html).toContain('data-testid="data-tree-toggle-trigger.lines"');
    expect(html).toContain('data-testid="data-tree-item-steps.http_1"');
    expect(html).not.toContain('data-testid="data-tree-item-steps.http_1.status"');
    expect(html).toContain('aria-label="Insert trigger.orderNo"');
  });

  it("explains when nothing comes before the step", () => {
    expect(renderToStaticMarkup(<DataTree sources={[]} onInsert={() => undefined} />)).toContain("No earlier step");
  });
});
