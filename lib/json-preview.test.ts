import { describe, expect, it } from "vitest";
import { bodyExpectsJson, jsonProblem, parseJsonStructure } from "./json-preview";

describe("parseJsonStructure", () => {
  it("parses JSON text for an object or a list", () => {
    expect(parseJsonStructure(' {"a": [1, 2]} ')).toEqual({ a: [1, 2] });
    expect(parseJsonStructure("[1]")).toEqual([1]);
  });

  it("leaves plain text, scalars and broken JSON alone", () => {
    expect(parseJsonStructure("Order T-7")).toBeNull();
    expect(parseJsonStructure("42")).toBeNull();
    expect(parseJsonStructure('"quoted"')).toBeNull();
    expect(parseJsonStructure('{"a": T-7}')).toBeNull();
  });
});

describe("jsonProblem", () => {
  it("gives the parser's message for text that is not JSON", () => {
    expect(jsonProblem('{"a": T-7}')).toMatch(/Unexpected token|not valid JSON/);
    expect(jsonProblem('{"a": 1}')).toBeNull();
  });
});

describe("bodyExpectsJson", () => {
  it("follows a Content-Type header, whatever its case", () => {
    expect(bodyExpectsJson("name=Ada", { "content-type": "application/json" })).toBe(true);
    expect(bodyExpectsJson('{"a": 1}', { "Content-Type": "text/plain" })).toBe(false);
    expect(bodyExpectsJson("x", { "CONTENT-TYPE": "application/vnd.api+json" })).toBe(true);
  });

  it("without one, expects JSON when the body starts like JSON", () => {
    expect(bodyExpectsJson('  {"orderNo": "{{ trigger.orderNo }}"}', {})).toBe(true);
    expect(bodyExpectsJson("[1, 2]", undefined)).toBe(true);
    expect(bodyExpectsJson("Order {{ trigger.orderNo }}", {})).toBe(false);
    expect(bodyExpectsJson(undefined, {})).toBe(false);
  });

  it("falls back to the body when the Content-Type is itself mapped", () => {
    expect(bodyExpectsJson('{"a": 1}', { "content-type": "{{ trigger.type }}" })).toBe(true);
  });
});
