import { describe, expect, it } from "vitest";
import { isPlainPath, MAX_CONVERSIONS, MAX_PLAIN_PATHS, readsOnlyPaths, readsPath } from "./plain-paths";

const context = { trigger: {}, steps: {}, env: {} };

describe("plain paths", () => {
  it("takes names joined by dots and numeric indexes, nothing that calls, builds or loops", () => {
    for (const source of ["trigger", "trigger.body.orderNo", " steps.post.lines[0].sku ", "item", "index"]) {
      expect(isPlainPath(source), source).toBe(true);
    }
    for (const source of [
      "$count($sort([1..100000]))",
      "$pad('x', 100000000)",
      "trigger.lines[qty > 1]",
      "trigger.*",
      "trigger.**",
      "trigger.a & trigger.b",
      "`order no`",
      "$",
      "$x",
      "trigger.lines[$i]",
      "trigger.lines[1..9]",
      "function($x){ $x }",
      '"text"',
    ]) {
      expect(isPlainPath(source), source).toBe(false);
    }
  });

  it("takes one conversion of a path, and nothing that nests, adds arguments or computes", () => {
    for (const source of ["$string(trigger.body.lines)", " $uppercase( trigger.no ) ", "$count(steps.post.lines)"]) {
      expect(readsPath(source), source).toBe(true);
    }
    for (const source of [
      "$string(trigger.body, true)",
      "$string($sort([1..100000]))",
      "$string(trigger.lines[qty > 1])",
      "$pad(trigger.no)",
      "$string(trigger.a) & $string(trigger.b)",
      "$string()",
      "$string(trigger.no)(1)",
      "$x(trigger.no)",
    ]) {
      expect(readsPath(source), source).toBe(false);
    }
  });

  it("sends a step to the sandbox as soon as one of its fields is more than a path", () => {
    expect(
      readsOnlyPaths({
        kind: "inputs",
        inputs: { message: "order {{ trigger.no }}: {{ steps.post.status }}", lines: [{ sku: "{{ item.sku }}" }] },
        context,
      }),
    ).toBe(true);
    expect(
      readsOnlyPaths({
        kind: "inputs",
        inputs: { message: "{{ trigger.no }}", body: "{{ $string(trigger, true) }}" },
        context,
      }),
    ).toBe(false);
    expect(readsOnlyPaths({ kind: "inputs", inputs: { body: "{{ trigger.no " }, context })).toBe(false);
    expect(readsOnlyPaths({ kind: "template", template: "{{ $sum(trigger.x) }}", field: "f", context })).toBe(false);
  });

  it("sends a step with more than a couple of conversions to the sandbox, since each serialises what it selects", () => {
    const withConversions = (count: number) => ({
      kind: "inputs" as const,
      inputs: { no: "{{ trigger.no }}", texts: Array.from({ length: count }, () => "{{ $string(trigger.body) }}") },
      context,
    });
    expect(readsOnlyPaths(withConversions(MAX_CONVERSIONS))).toBe(true);
    expect(readsOnlyPaths(withConversions(MAX_CONVERSIONS + 1))).toBe(false);
  });

  it("sends a step with many paths to the sandbox, since each copies what it selects", () => {
    const many = (count: number) => ({
      kind: "inputs" as const,
      inputs: { copies: Array.from({ length: count }, () => "{{ trigger.body }}") },
      context,
    });
    expect(readsOnlyPaths(many(MAX_PLAIN_PATHS))).toBe(true);
    expect(readsOnlyPaths(many(MAX_PLAIN_PATHS + 1))).toBe(false);
    expect(
      readsOnlyPaths({
        kind: "template",
        template: "{{ trigger.a }}".repeat(MAX_PLAIN_PATHS + 1),
        field: "f",
        context,
      }),
    ).toBe(false);
  });
});

describe("plain paths on the calling thread", () => {
  // The check runs on the worker's main thread for every step: a regular expression that backtracks on a long
  // argument (spaces between a conversion's parenthesis and a path that does not close) would stall every run and
  // request of the process. 5,000 spaces took about a minute with the nested quantifiers; the test's limit is the
  // generous bound, not a speed measurement.
  it("decides on a long conversion argument without backtracking", () => {
    const long = `$string(${" ".repeat(5_000)}trigger.no`;
    expect(readsPath(long)).toBe(false);
    expect(readsPath(`$string(${" ".repeat(5_000)}trigger.no${" ".repeat(5_000)})`)).toBe(true);
    expect(readsOnlyPaths({ kind: "inputs", inputs: { body: `{{ ${long} }}` }, context })).toBe(false);
  }, 10_000);
});
