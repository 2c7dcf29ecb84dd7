import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { ConfluxError } from "./errors";
import { mappingProblems, resolveSlot, mapping, type MappingSlot } from "./mapping";
import { mappingFromJsonText } from "./mapping-convert";

const data = { trigger: { orderNo: "A-1", amount: "12.50", qty: 3, paid: "true", note: null, lines: [{ sku: "S1" }] } };
const evaluate = async (source: string) => {
  const value: unknown = await jsonata(source).evaluate(data);
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
};

async function resolve(slot: MappingSlot) {
  return resolveSlot(slot, "body", evaluate);
}

async function failure(slot: MappingSlot): Promise<ConfluxError> {
  const error = await resolve(slot).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConfluxError)) throw new Error(`expected a ConfluxError, got ${String(error)}`);
  return error;
}

const object = (...entries: Array<{ key: string } & MappingSlot>): MappingSlot => ({ value: { object: entries } });

describe("resolveSlot", () => {
  it("builds an object from literals and expressions, converting to each slot's type", async () => {
    const result = await resolve(
      object(
        { key: "orderNo", value: "{{ trigger.orderNo }}" },
        { key: "amount", value: "{{ trigger.amount }}", type: "number" },
        { key: "paid", value: "{{ trigger.paid }}", type: "boolean" },
        { key: "qtyText", value: "{{ trigger.qty }}", type: "text" },
        { key: "title", value: "Order {{ trigger.orderNo }}" },
        { key: "source", value: "shop" },
        { key: "priority", value: "2" },
        { key: "lines", value: "{{ trigger.lines }}" },
        { key: "tags", value: { list: [{ value: "new" }, { value: "{{ trigger.orderNo }}" }] } },
      ),
    );
    expect(result).toEqual({
      omitted: false,
      value: {
        orderNo: "A-1",
        amount: 12.5,
        paid: true,
        qtyText: "3",
        title: "Order A-1",
        source: "shop",
        priority: 2,
        lines: [{ sku: "S1" }],
        tags: ["new", "A-1"],
      },
    });
  });

  it("fails a missing value, naming the field and the expression", async () => {
    const error = await failure(
      object({ key: "customer", value: object({ key: "id", value: "{{ trigger.customerId }}" }).value }),
    );
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toContain('"body.customer.id" has no value: {{ trigger.customerId }} found nothing');
    expect(error.details).toEqual({ field: "body.customer.id", expression: "{{ trigger.customerId }}" });
  });

  it("fails text with a hole in it", async () => {
    const error = await failure(object({ key: "title", value: "Order {{ trigger.missing }}" }));
    expect(error.message).toContain('"body.title" has no value');
  });

  it("leaves out or defaults a missing value when its policy says so", async () => {
    const result = await resolve(
      object(
        { key: "a", value: "{{ trigger.nothing }}", ifMissing: "omit" },
        { key: "b", value: "{{ trigger.nothing }}", ifMissing: "default", default: "0", type: "number" },
        { key: "c", value: { list: [{ value: "{{ trigger.nothing }}", ifMissing: "omit" }, { value: "x" }] } },
      ),
    );
    expect(result).toEqual({ omitted: false, value: { b: 0, c: ["x"] } });
  });

  it("keeps a null the data holds (it is a value), but refuses it as text", async () => {
    expect(await resolve(object({ key: "note", value: "{{ trigger.note }}" }))).toEqual({
      omitted: false,
      value: { note: null },
    });
    const error = await failure(object({ key: "note", value: "{{ trigger.note }}", type: "text" }));
    expect(error.message).toBe('"body.note" must be text, but {{ trigger.note }} gave null.');
  });

  it("fails a type mismatch, naming the field, the expression and what it gave", async () => {
    const error = await failure(object({ key: "qty", value: "{{ trigger.orderNo }}", type: "number" }));
    expect(error.message).toBe('"body.qty" must be a number, but {{ trigger.orderNo }} gave "A-1".');
    expect(error.details).toMatchObject({ field: "body.qty" });
  });

  it("maps a whole value from data, failing when it finds nothing", async () => {
    expect(await resolve({ value: "{{ trigger.lines }}" })).toEqual({ omitted: false, value: [{ sku: "S1" }] });
    expect((await failure({ value: "{{ trigger.orders }}" })).message).toContain('"body" has no value');
  });
});

describe("mappingProblems", () => {
  it("names literals of the wrong type, empty and repeated keys, and a default policy without a valid default", () => {
    const problems = mappingProblems(
      {
        body: mapping(
          object(
            { key: "qty", value: "three", type: "number" },
            { key: "", value: "x" },
            { key: "a", value: "1" },
            { key: "a", value: "2" },
            { key: "b", value: "{{ x }}", type: "number", ifMissing: "default", default: "none" },
          ),
        ),
      },
      "",
    );
    expect(problems).toEqual([
      '"body" has a field without a name',
      '"body" has the field "a" twice',
      '"body.qty" must be a number, not "three"',
      'The default of "body.b" must be a number',
    ]);
  });
});

describe("mappingFromJsonText", () => {
  it("turns a JSON text template into fields: bare templates keep their type, quoted ones become text", () => {
    const slot = mappingFromJsonText(
      '{ "orderNo": "{{ trigger.orderNo }}", "amount": {{ trigger.amount }}, "title": "Order \\"{{ trigger.orderNo }}\\"", "lines": [{ "qty": 2, "gift": false }], "x": null }',
    );
    expect(slot).toEqual(
      object(
        { key: "orderNo", value: "{{ trigger.orderNo }}", type: "text" },
        { key: "amount", value: "{{ trigger.amount }}", type: "auto" },
        { key: "title", value: 'Order "{{ trigger.orderNo }}"', type: "text" },
        {
          key: "lines",
          value: {
            list: [
              object({ key: "qty", value: "2", type: "number" }, { key: "gift", value: "false", type: "boolean" }),
            ],
          },
        },
        { key: "x", value: "null", type: "auto" },
      ),
    );
  });

  it("refuses text that is not JSON, and scalars", () => {
    expect(mappingFromJsonText("hello {{ trigger.orderNo }}")).toBeNull();
    expect(mappingFromJsonText('"just text"')).toBeNull();
    expect(mappingFromJsonText('{ "a": {{ trigger.x }')).toBeNull();
  });
});
