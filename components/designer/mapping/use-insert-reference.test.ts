import { describe, expect, it } from "vitest";
import { spliceReference } from "./use-insert-reference";

describe("spliceReference", () => {
  it("adds {{ reference }} at the end of a field that was never focused", () => {
    expect(spliceReference("Order ", "trigger.orderNo", null, null)).toEqual({
      text: "Order {{ trigger.orderNo }}",
      caret: 27,
    });
  });

  it("replaces the selection and puts the caret after the reference", () => {
    expect(spliceReference("Hello NAME!", "trigger.name", 6, 10)).toEqual({
      text: "Hello {{ trigger.name }}!",
      caret: 24,
    });
  });

  it("inserts the bare path inside an expression, spaced from what is around it", () => {
    expect(spliceReference("{{ trigger.total > }}", "trigger.limit", 18, 18).text).toBe(
      "{{ trigger.total > trigger.limit }}",
    );
    expect(spliceReference("{{ $exists() }}", "trigger.note", 11, 11).text).toBe("{{ $exists(trigger.note) }}");
    expect(spliceReference("{{ a }} and ", "trigger.b", null, null).text).toBe("{{ a }} and {{ trigger.b }}");
    // Still being typed: the {{ is open, so the reference belongs inside it.
    expect(spliceReference("{{ trigger.total >", "trigger.limit", null, null).text).toBe(
      "{{ trigger.total > trigger.limit",
    );
  });
});
