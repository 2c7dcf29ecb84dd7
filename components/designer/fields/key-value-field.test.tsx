import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { KeyValueField } from "./key-value-field";
import { NodeDataProvider } from "../mapping/node-data-context";
import type { NodeData } from "../mapping/use-available-data";

const data: NodeData = { sources: [], context: undefined, expectedTypes: {} };

describe("key-value field", () => {
  it("gives each value Insert data inside a step's panel", () => {
    const html = renderToStaticMarkup(
      <NodeDataProvider value={data}>
        <KeyValueField
          name="headers"
          value={{ "X-Order": "{{ trigger.orderNo }}", Accept: "application/json" }}
          onChange={() => undefined}
        />
      </NodeDataProvider>,
    );
    expect(html).toMatch(/data-testid="field-headers-key-0"[^>]*value="X-Order"/);
    expect(html).toMatch(/data-testid="field-headers-value-0"[^>]*value="\{\{ trigger.orderNo \}\}"/);
    expect(html).toContain('data-testid="insert-data-headers-0"');
    expect(html).toContain('aria-label="Insert data for Value 2"');
    expect(html).not.toContain('data-testid="data-tree"');
  });

  it("stays a plain name/value list without data (the trigger's fields)", () => {
    const html = renderToStaticMarkup(<KeyValueField name="headers" value={{ A: "1" }} onChange={() => undefined} />);
    expect(html).toContain('data-testid="field-headers-value-0"');
    expect(html).not.toContain("insert-data-headers");
  });
});
