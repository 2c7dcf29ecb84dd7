import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { compileCondition, CONDITION_BUILDER_KEY, type ConditionBuilder as Builder } from "@/lib/condition";
import type { FlowNode } from "@/lib/flow-graph";
import { buildField } from "../mapping/data-fields";
import { ConditionBuilder } from "./condition-builder";
import { NodeDataProvider } from "../mapping/node-data-context";
import { DesignerStoreProvider } from "../store/provider";
import type { NodeData } from "../mapping/use-available-data";

const data: NodeData = {
  sources: [
    {
      id: "trigger",
      label: "Trigger: Run now",
      field: buildField("trigger", "trigger", undefined, { value: { total: 250 } }),
    },
  ],
  context: { trigger: { total: 250 }, steps: {}, env: {} },
  expectedTypes: { condition: ["boolean"] },
};

const ifNode = (inputs: Record<string, unknown>): FlowNode => ({
  id: "if_1",
  type: "if",
  position: { x: 0, y: 0 },
  connectorId: "core",
  operation: "if",
  inputs,
});

function render(inputs: Record<string, unknown>): string {
  return renderToStaticMarkup(
    <DesignerStoreProvider flowId="flow-1">
      <NodeDataProvider value={data}>
        <ConditionBuilder node={ifNode(inputs)} />
      </NodeDataProvider>
    </DesignerStoreProvider>,
  );
}

describe("condition builder", () => {
  it("shows the builder's own condition as rows, each side able to pick from the data", () => {
    const builder: Builder = {
      join: "and",
      groups: [{ join: "and", rules: [{ field: "trigger.total", operator: "greaterThan", value: "100" }] }],
    };
    const html = render({ condition: compileCondition(builder), [CONDITION_BUILDER_KEY]: builder });
    expect(html).toMatch(/data-testid="condition-field-0-0"[^>]*value="trigger.total"/);
    // The field suggestions are the data tree's references.
    expect(html).toContain('<option value="trigger.total">');
    expect(html).toContain('data-testid="condition-pick-field-0-0"');
    expect(html).toContain('data-testid="condition-pick-value-0-0"');
    expect(html).toMatch(/data-testid="condition-advanced-toggle"[^>]*aria-pressed="false"/);
    // Insert data belongs to the advanced editor, not to the read-only compiled text under the rows.
    expect(html).not.toContain('data-testid="insert-data-condition"');
  });

  it("opens a hand-written condition in the advanced editor with Insert data, and says when rows cannot show it", () => {
    const html = render({ condition: "{{ $count(trigger.lines) > 2 }}" });
    expect(html).not.toContain('data-testid="condition-field-0-0"');
    expect(html).toContain('data-testid="insert-data-condition"');
    expect(html).toContain("This condition uses JSONata the builder cannot show as rows; edit it here");
    expect(html).toMatch(/data-testid="condition-advanced-toggle"[^>]*aria-disabled="true"/);
  });

  it("lets a hand-written condition the builder can read go back to rows", () => {
    const html = render({ condition: "{{ trigger.total > 100 }}" });
    expect(html).toMatch(/data-testid="condition-advanced-toggle"[^>]*aria-pressed="true"/);
    expect(html).not.toContain("aria-disabled");
    expect(html).not.toContain("cannot show as rows");
  });

  it("shows a condition its stored rows do not write as it was written, as after undoing a read into rows", () => {
    const builder: Builder = {
      join: "and",
      groups: [{ join: "and", rules: [{ field: "trigger.total", operator: "greaterThan", value: "100" }] }],
    };
    const html = render({ condition: "{{ trigger.total > 100 }}", [CONDITION_BUILDER_KEY]: builder });
    expect(html).not.toContain('data-testid="condition-field-0-0"');
    expect(html).toMatch(/data-testid="condition-advanced-toggle"[^>]*aria-pressed="true"/);
    expect(html).toContain("Condition as a JSONata expression");
    expect(html).toContain("{{ trigger.total &gt; 100 }}");
    // Rows left beside a cleared condition are not what it says either.
    const cleared = render({ [CONDITION_BUILDER_KEY]: builder });
    expect(cleared).not.toContain('data-testid="condition-field-0-0"');
    expect(cleared).toMatch(/data-testid="condition-advanced-toggle"[^>]*aria-pressed="true"/);
  });

  it("has no data buttons where there is no data (outside a step's panel)", () => {
    const html = renderToStaticMarkup(
      <DesignerStoreProvider flowId="flow-1">
        <ConditionBuilder node={ifNode({})} />
      </DesignerStoreProvider>,
    );
    expect(html).toContain('data-testid="condition-field-0-0"');
    expect(html).not.toContain("condition-pick-field");
  });
});
