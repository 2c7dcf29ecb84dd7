import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildManifest } from "@/server/connectors";
import { describeFields } from "@/lib/schema-fields";
import { SchemaForm } from "./schema-form";
import type { NodeData } from "../mapping/use-available-data";

const data: NodeData = { sources: [], context: undefined, expectedTypes: {} };

describe("a free-form object's documented keys", () => {
  it("are offered to add in the Fields editor, required ones first and marked, those already used left out", () => {
    const fields = describeFields({
      type: "object",
      properties: {
        extra: {
          type: "object",
          title: "Extra",
          "x-conflux-widget": "json",
          "x-conflux-suggestedKeys": [
            { name: "OrderType" },
            { name: "EntryType", description: "The order entry type" },
            { name: "ShipNode", required: true },
          ],
        },
      },
    });
    const html = renderToStaticMarkup(
      <SchemaForm
        fields={fields}
        values={{
          extra: { $mapping: { value: { object: [{ key: "OrderType", value: "ShipToHome", type: "text" }] } } },
        }}
        missing={new Set()}
        onChange={() => undefined}
        data={data}
      />,
    );
    expect(html).toContain('data-testid="mapping-suggest-extra-EntryType"');
    expect(html).not.toContain("mapping-suggest-extra-OrderType");
    expect(html.indexOf("mapping-suggest-extra-ShipNode")).toBeLessThan(
      html.indexOf("mapping-suggest-extra-EntryType"),
    );
    expect(html).toMatch(/ShipNode<span aria-label="required"> \*<\/span>/);
  });

  it("come from the connector's declaration: Sterling createOrder's header attributes", () => {
    const createOrder = buildManifest()
      .connectors.find((connector) => connector.id === "sterling")
      ?.actions.find((action) => action.key === "createOrder");
    const field = describeFields(createOrder?.inputSchema).find((spec) => spec.name === "additionalAttributes");
    expect(field?.kind).toBe("json");
    expect(field?.suggestedKeys?.map((key) => key.name)).toContain("EntryType");
  });
});
