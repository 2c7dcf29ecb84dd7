import { describe, expect, it } from "vitest";
import { referencedSteps, renameStepReferences, renameTemplateReferences } from "./templates";

const renamed = new Map([
  ["a_1", "a_2"],
  ["fetch-order", "http_request_3"],
  ["x", "b-2"],
]);

describe("step references", () => {
  it("reads bare and backquoted ids, not string literals or other fields called steps", () => {
    expect(referencedSteps('steps.a_1.x & steps.`fetch-order`.y & "steps.x" & order.steps.x')).toEqual([
      "a_1",
      "fetch-order",
    ]);
  });

  it("renames both forms, keeps string literals and does not take a_10 for a_1", () => {
    expect(renameStepReferences("steps.a_1.x & steps.a_10.x & steps.`fetch-order`.y & 'steps.a_1'", renamed)).toBe(
      "steps.a_2.x & steps.a_10.x & steps.http_request_3.y & 'steps.a_1'",
    );
    // A new id that is not a bare name is written backquoted, so JSONata does not read it as a subtraction.
    expect(renameStepReferences("steps.x.body", renamed)).toBe("steps.`b-2`.body");
  });

  it("renames inside the {{ }} of a template only", () => {
    expect(renameTemplateReferences("steps.a_1 is {{ steps.a_1.total }} and {{  steps.`fetch-order` }}", renamed)).toBe(
      "steps.a_1 is {{ steps.a_2.total }} and {{  steps.http_request_3 }}",
    );
  });
});
