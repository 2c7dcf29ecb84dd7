import { describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import type { ActionContext } from "../../sdk";
import { buildTextAction } from "./build-text";
import { parseTextAction } from "./parse-text";

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ctx: ActionContext = {
  idempotencyKey: "r:s",
  signal: new AbortController().signal,
  log,
  runId: "r",
  stepId: "s",
};
const parse = (input: Record<string, unknown>) =>
  parseTextAction.run({ input: parseTextAction.input.parse(input), ctx });
const build = (input: Record<string, unknown>) =>
  buildTextAction.run({ input: buildTextAction.input.parse(input), ctx });

describe("Parse text and Build text", () => {
  it("reads CSV rows by their header, quoted fields and a BOM included, and writes them back", async () => {
    const text = '\uFEFFsku,name,qty\nS-1,"Chair, oak",2\nS-2,"Say ""hi""",10\n';
    const { data } = await parse({ format: "csv", text });
    expect(data).toEqual([
      { sku: "S-1", name: "Chair, oak", qty: "2" },
      { sku: "S-2", name: 'Say "hi"', qty: "10" },
    ]);
    const rebuilt = await build({ format: "csv", data });
    expect(rebuilt).toEqual({
      text: 'sku,name,qty\nS-1,"Chair, oak",2\nS-2,"Say ""hi""",10\n',
      contentType: "text/csv",
    });
  });

  it("writes rows with differing fields under one header, leaving missing cells empty", async () => {
    const { text } = await build({
      format: "csv",
      delimiter: ";",
      data: [
        { a: 1, b: "x" },
        { b: "y", c: true },
      ],
    });
    expect(text).toBe("a;b;c\n1;x;\n;y;true\n");
  });

  it("refuses CSV rows of uneven length with the line it is on", async () => {
    const error = await parse({ format: "csv", text: "a,b\n1,2\n3\n" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfluxError);
    expect(String(error)).toMatch(/not valid CSV: .*line 3/);
  });

  it("reads XML as webhooks do and writes it with values as elements or as Sterling-style attributes", async () => {
    const { data } = await parse({
      format: "xml",
      text: '<Order OrderNo="Y1"><OrderLines><OrderLine Qty="2"/></OrderLines></Order>',
    });
    expect(data).toEqual({ Order: { OrderNo: "Y1", OrderLines: { OrderLine: [{ Qty: "2" }] } } });
    const attributes = await build({ format: "xml", valuesAs: "attributes", data });
    expect(attributes.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Order OrderNo="Y1"><OrderLines><OrderLine Qty="2"/></OrderLines></Order>',
    );
    const elements = await build({ format: "xml", data: { Note: { To: "Ada & Co", Lines: { Line: ["a", "b"] } } } });
    expect(elements.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Note><To>Ada &amp; Co</To><Lines><Line>a</Line><Line>b</Line></Lines></Note>',
    );
    expect(elements.contentType).toBe("application/xml");
  });

  it("refuses XML data without one root, and broken JSON text, saying why", async () => {
    await expect(build({ format: "xml", data: { a: 1, b: 2 } })).rejects.toThrow("XML needs one root element");
    await expect(parse({ format: "json", text: '{"a":' })).rejects.toThrow("The text is not valid JSON");
  });

  it("writes JSON, indented on request", async () => {
    expect((await build({ format: "json", pretty: true, data: { a: [1] } })).text).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});
