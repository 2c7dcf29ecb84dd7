import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JsonView } from "./json-view";
import { replayChoices } from "./replay-menu";

describe("replayChoices", () => {
  it("offers only the start on the run's version when it did not fail and is on the latest version", () => {
    const choices = replayChoices({ flowVersionNumber: 3, latestVersionNumber: 3, failedStepId: null });
    expect(choices.map((choice) => [choice.testId, choice.label])).toEqual([
      ["replay-start-same", "From the start, on version 3"],
    ]);
  });

  it("offers the failed step and the latest version when they apply", () => {
    const choices = replayChoices({ flowVersionNumber: 2, latestVersionNumber: 5, failedStepId: "charge" });
    expect(choices.map(({ from, version, label }) => [from, version, label])).toEqual([
      ["start", "same", "From the start, on version 2"],
      ["start", "latest", "From the start, on the latest (version 5)"],
      ["failedStep", "same", "From the failed step (charge), on version 2"],
      ["failedStep", "latest", "From the failed step (charge), on the latest (version 5)"],
    ]);
  });
});

describe("JsonView", () => {
  it("shows a truncated payload's preview and original size, marked as truncated", () => {
    const value = { $truncated: true, originalBytes: 3 * 1024 * 1024, preview: '{"items":[1,2' };
    const html = renderToStaticMarkup(
      createElement(JsonView, { value, truncated: true, label: "Output", testId: "step-output" }),
    );
    expect(html).toContain('data-testid="step-output-truncated"');
    expect(html).toContain("Truncated (3.0 MB)");
    expect(html).toContain("{&quot;items&quot;:[1,2…</pre>");
  });

  it("shows a whole payload pretty-printed, unmarked", () => {
    const html = renderToStaticMarkup(
      createElement(JsonView, { value: { a: 1 }, label: "Input", testId: "step-input" }),
    );
    expect(html).not.toContain("truncated");
    expect(html).toContain("{\n  &quot;a&quot;: 1\n}");
  });
});
