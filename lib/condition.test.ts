import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import {
  builderMatches,
  compileCondition,
  compileExpression,
  emptyBuilder,
  literal,
  pathExpression,
  readBuilder,
  valueReference,
  type ConditionBuilder,
  type ConditionRule,
} from "./condition";

const single = (...rules: ConditionRule[]): ConditionBuilder => ({ join: "and", groups: [{ join: "and", rules }] });

async function evaluate(builder: ConditionBuilder, data: unknown): Promise<unknown> {
  return jsonata(compileExpression(builder)).evaluate(data);
}

describe("compileCondition", () => {
  it("compiles a comparison, keeping numbers as numbers", () => {
    expect(compileCondition(single({ field: "trigger.total", operator: "greaterThan", value: "100" }))).toBe(
      "{{ ($exists(trigger.total) and trigger.total > 100) }}",
    );
    expect(compileCondition(single({ field: "trigger.total", operator: "atMost", value: "-2.5" }))).toBe(
      "{{ ($exists(trigger.total) and trigger.total <= -2.5) }}",
    );
    expect(compileCondition(single({ field: "trigger.id", operator: "equals", value: "0042" }))).toBe(
      '{{ trigger.id = "0042" }}',
    );
    expect(literal("12345678901234567890")).toBe('"12345678901234567890"');
    expect(literal("0.5")).toBe("0.5");
  });

  it("quotes and escapes text", () => {
    expect(literal('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    const builder = single({ field: "trigger.note", operator: "equals", value: 'a "quoted" word' });
    expect(compileCondition(builder)).toBe('{{ trigger.note = "a \\"quoted\\" word" }}');
    expect(literal("true")).toBe("true");
    expect(literal("DE")).toBe('"DE"');
  });

  it("joins rows with AND or OR and parenthesises groups beside each other", () => {
    const and = single(
      { field: "trigger.total", operator: "greaterThan", value: "100" },
      { field: "trigger.country", operator: "equals", value: "DE" },
    );
    expect(compileCondition(and)).toBe(
      '{{ ($exists(trigger.total) and trigger.total > 100) and trigger.country = "DE" }}',
    );
    const grouped: ConditionBuilder = {
      join: "or",
      groups: [
        and.groups[0] ?? { join: "and", rules: [] },
        {
          join: "or",
          rules: [
            { field: "trigger.vip", operator: "equals", value: "true" },
            { field: "trigger.rush", operator: "equals", value: "true" },
          ],
        },
      ],
    };
    expect(compileExpression(grouped)).toBe(
      '(($exists(trigger.total) and trigger.total > 100) and trigger.country = "DE") or (trigger.vip = true or trigger.rush = true)',
    );
  });

  it("skips rows without a field and gives nothing when no row is complete", () => {
    expect(compileCondition(emptyBuilder())).toBeUndefined();
    const partial = single(
      { field: "", operator: "equals", value: "x" },
      { field: "trigger.a", operator: "equals", value: "1" },
    );
    expect(compileCondition(partial)).toBe("{{ trigger.a = 1 }}");
  });

  it("compares with another field when the value is one {{ reference }}, else with the text as typed", async () => {
    expect(valueReference("{{ trigger.limit }}")).toBe("trigger.limit");
    expect(valueReference(" {{steps.`http-1`.body.max}} ")).toBe("steps.`http-1`.body.max");
    expect(valueReference("{{ trigger.limit * 2 }}")).toBeUndefined();
    expect(valueReference("up to {{ trigger.limit }}")).toBeUndefined();
    const above = single({ field: "trigger.total", operator: "greaterThan", value: "{{ trigger.limit }}" });
    expect(compileExpression(above)).toBe("($exists(trigger.total) and trigger.total > trigger.limit)");
    expect(await evaluate(above, { trigger: { total: 5, limit: 3 } })).toBe(true);
    expect(await evaluate(above, { trigger: { total: 5 } })).toBe(false);
    const contains = single({ field: "trigger.note", operator: "contains", value: "{{ trigger.word }}" });
    expect(await evaluate(contains, { trigger: { note: "a rush order", word: "rush" } })).toBe(true);
    expect(await evaluate(contains, { trigger: { note: "a rush order" } })).toBe(false);
    expect(compileExpression(single({ field: "trigger.note", operator: "equals", value: "{{ trigger.a + 1 }}" }))).toBe(
      'trigger.note = "{{ trigger.a + 1 }}"',
    );
  });

  it("back-quotes path segments that are not plain names", () => {
    expect(pathExpression("trigger.order-no")).toBe("trigger.`order-no`");
    expect(pathExpression("steps.get.items[0].qty")).toBe("steps.get.items[0].qty");
  });

  it("gives true or false for is empty / is not empty / contains, even for a missing field", async () => {
    const isEmpty = single({ field: "trigger.note", operator: "isEmpty", value: "" });
    const notEmpty = single({ field: "trigger.note", operator: "isNotEmpty", value: "" });
    const contains = single({ field: "trigger.note", operator: "contains", value: "rush" });
    for (const [data, empty] of [
      [{}, true],
      [{ note: null }, true],
      [{ note: "" }, true],
      [{ note: [] }, true],
      [{ note: "rush order" }, false],
      [{ note: 0 }, false],
    ] as const) {
      expect(await evaluate(isEmpty, { trigger: data })).toBe(empty);
      expect(await evaluate(notEmpty, { trigger: data })).toBe(!empty);
    }
    expect(await evaluate(contains, { trigger: { note: "a rush order" } })).toBe(true);
    expect(await evaluate(contains, { trigger: { note: "normal" } })).toBe(false);
    expect(await evaluate(contains, { trigger: {} })).toBe(false);
  });

  it("evaluates a compiled AND on data", async () => {
    const builder = single(
      { field: "trigger.total", operator: "atLeast", value: "100" },
      { field: "trigger.country", operator: "notEquals", value: "DE" },
    );
    expect(await evaluate(builder, { trigger: { total: 100, country: "FR" } })).toBe(true);
    expect(await evaluate(builder, { trigger: { total: 99, country: "FR" } })).toBe(false);
  });

  it("gives false, not nothing, when a compared field is missing; 'does not equal' then holds", async () => {
    for (const operator of ["greaterThan", "lessThan", "atLeast", "atMost", "equals"] as const) {
      expect(await evaluate(single({ field: "trigger.total", operator, value: "100" }), { trigger: {} })).toBe(false);
    }
    expect(
      await evaluate(single({ field: "trigger.country", operator: "notEquals", value: "DE" }), { trigger: {} }),
    ).toBe(true);
  });
});

describe("readBuilder / builderMatches", () => {
  it("reads only a well-formed structure", () => {
    expect(readBuilder({ join: "and", groups: [] })).toEqual({ join: "and", groups: [] });
    expect(readBuilder({ join: "xor", groups: [] })).toBeUndefined();
    expect(readBuilder("text")).toBeUndefined();
  });

  it("tells a builder's own condition from a hand-written one", () => {
    const builder = single({ field: "trigger.total", operator: "greaterThan", value: "100" });
    expect(builderMatches(builder, compileCondition(builder))).toBe(true);
    expect(builderMatches(builder, "{{ trigger.total > 100 }}")).toBe(false);
    expect(builderMatches(builder, "{{ trigger.total > 100 and $now() }}")).toBe(false);
    expect(builderMatches(undefined, "{{ true }}")).toBe(false);
    expect(builderMatches(emptyBuilder(), undefined)).toBe(true);
  });
});
