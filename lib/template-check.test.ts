import { describe, expect, it } from "vitest";
import { checkTemplateSyntax, expectedTypesFromSchema, previewTemplate, type PreviewContext } from "./template-check";

const context: PreviewContext = {
  trigger: { orderNo: "Y100042", total: 250, note: null, lines: [{ sku: "A" }, { sku: "B" }] },
  steps: { http_1: { status: 201, body: { "order-no": "IOM-1" } } },
  env: {},
};

describe("checkTemplateSyntax", () => {
  it("points at the character of a JSONata syntax error within the whole field", () => {
    const result = checkTemplateSyntax("Order {{ a.b] }}");
    expect(result).toMatchObject({ ok: false, message: 'Syntax error: "]"' });
    // "Order {{ " is 9 characters, so the "]" is the 13th.
    expect(result.ok ? 0 : result.position).toBe(13);
  });

  it("reports an unclosed {{ at its opening", () => {
    expect(checkTemplateSyntax("Hi {{ trigger.orderNo")).toEqual({
      ok: false,
      message: "A {{ has no matching }}",
      position: 4,
    });
  });

  it("accepts a valid template", () => {
    expect(checkTemplateSyntax("{{ trigger.orderNo }}").ok).toBe(true);
  });
});

describe("previewTemplate", () => {
  it("gives the typed value of a template that is exactly one expression", async () => {
    expect(await previewTemplate("  {{ trigger.total }} ", context, ["number"])).toEqual({ status: "ok", value: 250 });
    expect(await previewTemplate("{{ trigger.lines.sku }}", context, undefined)).toEqual({
      status: "ok",
      value: ["A", "B"],
    });
  });

  it("makes a string when text surrounds the expressions", async () => {
    expect(await previewTemplate("Order {{ trigger.orderNo }} of {{ trigger.total }}", context, ["string"])).toEqual({
      status: "ok",
      value: "Order Y100042 of 250",
    });
  });

  it("warns when a path matches nothing", async () => {
    const result = await previewTemplate("{{ trigger.orderNumber }}", context, ["string"]);
    expect(result.status).toBe("nothing");
    expect(result.status === "nothing" && result.message).toMatch(/yields nothing/i);
  });

  it("warns when an expression inside text yields nothing", async () => {
    const result = await previewTemplate("Order {{ trigger.missing }}", context, ["string"]);
    expect(result).toMatchObject({ status: "nothing", value: "Order " });
  });

  it("warns about null", async () => {
    expect((await previewTemplate("{{ trigger.note }}", context, ["string"])).status).toBe("null");
  });

  it("warns when the value has the wrong type for the field", async () => {
    const result = await previewTemplate("{{ trigger.orderNo }}", context, ["number"]);
    expect(result).toMatchObject({ status: "wrongType", value: "Y100042" });
    expect(result.status === "wrongType" && result.message).toBe("Gives text, but this field expects a number.");
  });

  it("reads quoted field names and step outputs", async () => {
    expect(await previewTemplate("{{ steps.http_1.body.`order-no` }}", context, ["string"])).toEqual({
      status: "ok",
      value: "IOM-1",
    });
  });

  it("reports syntax errors and evaluation errors", async () => {
    expect(await previewTemplate("{{ trigger. }}", context, undefined)).toMatchObject({ status: "error" });
    expect(await previewTemplate("{{ $number('x') }}", context, undefined)).toMatchObject({ status: "error" });
  });

  it("gives up on an expression that runs too long", async () => {
    const result = await previewTemplate(
      "{{ ($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000)) }}",
      context,
      undefined,
    );
    expect(result.status).toBe("error");
  });
});

describe("expectedTypesFromSchema", () => {
  it("reads each field's JSON type, whatever its widget, and leaves out fields of any type", () => {
    const schema = {
      type: "object",
      properties: {
        condition: { type: "boolean", "x-conflux-widget": "text" },
        items: { type: "array", items: {} },
        count: { type: "integer" },
        note: { anyOf: [{ type: "string" }, { type: "null" }] },
        payload: {},
      },
    };
    expect(expectedTypesFromSchema(schema)).toEqual({
      condition: ["boolean"],
      items: ["array"],
      count: ["number"],
      note: ["string"],
    });
  });
});
