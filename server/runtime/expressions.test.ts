import { describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { checkTemplates, resolveInputs, resolveTemplate, type ExpressionContext } from "./expressions";

const context: ExpressionContext = {
  trigger: {
    orderNo: "A-17",
    lines: [
      { sku: "X", qty: 2 },
      { sku: "Y", qty: 3 },
    ],
    paid: true,
  },
  steps: { fetch: { status: 200, body: { customer: { name: "Ada" } } } },
  env: {},
};

async function expressionError(promise: Promise<unknown>): Promise<ConfluxError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConfluxError)) throw new Error(`expected a ConfluxError, got ${String(error)}`);
  return error;
}

describe("resolveTemplate", () => {
  it("keeps the typed value of a lone expression", async () => {
    expect(await resolveTemplate("{{ $sum(trigger.lines.qty) }}", context, "f")).toBe(5);
    expect(await resolveTemplate("  {{ trigger.paid }} ", context, "f")).toBe(true);
    expect(await resolveTemplate("{{ trigger.lines }}", context, "f")).toEqual([
      { sku: "X", qty: 2 },
      { sku: "Y", qty: 3 },
    ]);
    expect(await resolveTemplate("{{ steps.fetch.body.customer }}", context, "f")).toEqual({ name: "Ada" });
  });

  it("returns plain arrays, not JSONata sequences", async () => {
    const value = await resolveTemplate("{{ trigger.lines.sku }}", context, "f");
    expect(value).toEqual(["X", "Y"]);
    expect(Object.keys(value as object)).toEqual(["0", "1"]);
  });

  it("interpolates text around expressions, JSON-encoding non-strings and blanking missing values", async () => {
    expect(
      await resolveTemplate("Order {{ trigger.orderNo }} for {{ steps.fetch.body.customer.name }}", context, "f"),
    ).toBe("Order A-17 for Ada");
    expect(await resolveTemplate("qty={{ trigger.lines[0].qty }} x={{ trigger.nothing }}.", context, "f")).toBe(
      "qty=2 x=.",
    );
    expect(await resolveTemplate("{{ trigger.lines[0] }}!", context, "f")).toBe('{"sku":"X","qty":2}!');
  });

  it("handles braces inside expressions", async () => {
    expect(await resolveTemplate('{{ {"n": {"o": trigger.orderNo}} }}', context, "f")).toEqual({ n: { o: "A-17" } });
    expect(await resolveTemplate('{{ "}}" & trigger.orderNo }}', context, "f")).toBe("}}A-17");
  });

  it("yields undefined for a lone expression that matches nothing", async () => {
    expect(await resolveTemplate("{{ trigger.missing }}", context, "f")).toBeUndefined();
  });
});

describe("resolveTemplates", () => {
  it("resolves objects and arrays recursively and leaves literals alone", async () => {
    const resolved = await resolveInputs(
      {
        url: "https://x.test/orders/{{ trigger.orderNo }}",
        headers: { "X-Customer": "{{ steps.fetch.body.customer.name }}", Accept: "application/json" },
        list: ["{{ trigger.lines[1].qty }}", 7, null],
        count: 3,
        missing: "{{ trigger.nope }}",
      },
      context,
    );
    expect(resolved).toEqual({
      url: "https://x.test/orders/A-17",
      headers: { "X-Customer": "Ada", Accept: "application/json" },
      list: [3, 7, null],
      count: 3,
    });
    expect(await resolveTemplate("no template", context, "f")).toBe("no template");
  });
});

describe("expression errors", () => {
  it("names the field for a syntax error", async () => {
    const error = await expressionError(resolveInputs({ headers: { Auth: "{{ trigger.( }}" } }, context));
    expect(error.code).toBe("EXPRESSION");
    expect(error.message).toMatch(/^The expression in "headers\.Auth" is not valid: /);
  });

  it("reports an unclosed or empty template", async () => {
    expect((await expressionError(resolveTemplate("a {{ trigger.x", context, "url"))).message).toContain(
      'The expression in "url" is not valid: a {{ has no matching }}',
    );
    expect((await expressionError(resolveTemplate("{{ }}", context, "url"))).message).toContain("empty");
  });

  it("reports evaluation errors and stops runaway recursion", async () => {
    const typeError = await expressionError(resolveTemplate('{{ $number("abc") }}', context, "qty"));
    expect(typeError.message).toMatch(/"qty"/);
    const loop = await expressionError(
      resolveTemplate("{{ ($f := function($n) { $f($n + 1) }; $f(0)) }}", context, "loop"),
    );
    expect(loop.code).toBe("EXPRESSION");
  });

  it("checks syntax without evaluating", () => {
    expect(checkTemplates({ a: "{{ trigger.x }}", b: ["{{ $$$ ( }}"] }, "inputs")).toEqual([
      expect.stringMatching(/^The expression in "inputs\.b\[0\]" is not valid/),
    ]);
  });
});
