// Where a dynamic field's list stands, as the line under the field says it, and which step values reach its loader.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { literalDependencies } from "./dynamic-options-context";
import { OptionsStatus } from "./dynamic-options-status";

type Query = Parameters<typeof OptionsStatus>[0]["query"];
const idle: Query = { isPending: false, isFetching: false, isError: false, error: null, refetch: () => undefined };

function status(query: Partial<Query>, extra: { hasAccount?: boolean; chosenLabel?: string; custom?: boolean } = {}) {
  const html = renderToStaticMarkup(
    <OptionsStatus
      id="s"
      name="enterpriseCode"
      noun="enterprises"
      query={{ ...idle, ...query }}
      hasAccount={extra.hasAccount ?? true}
      chosenLabel={extra.chosenLabel}
      custom={extra.custom ?? false}
    />,
  );
  const state = /data-state="([^"]+)"/.exec(html)?.[1];
  return { html, state, text: html.replace(/<[^>]+>/g, "") };
}

describe("OptionsStatus", () => {
  it("asks for an account before anything else", () => {
    const { state, text } = status({ isPending: true }, { hasAccount: false });
    expect(state).toBe("no-account");
    expect(text).toContain("Choose an account above to load the enterprises");
  });

  it("shows loading, then the remote error with Retry, and loading again while retrying", () => {
    expect(status({ isPending: true, isFetching: true }).text).toContain("Loading enterprises…");
    const failed = status({ isError: true, error: new Error("Sterling OMS (oms:443) answered 503") });
    expect(failed.state).toBe("error");
    expect(failed.text).toContain("Could not load the enterprises: Sterling OMS (oms:443) answered 503");
    expect(failed.html).toContain('data-testid="field-options-retry-enterpriseCode"');
    expect(status({ isError: true, isFetching: true, error: new Error("x") }).state).toBe("loading");
  });

  it("tells an empty list from a loaded one, naming the choice or marking a custom value", () => {
    expect(status({ data: { options: [] } }).text).toContain("No enterprises found for this account");
    const chosen = status({ data: { options: [1, 2] } }, { chosenLabel: "Default Enterprise" });
    expect(chosen.state).toBe("loaded");
    expect(chosen.text).toContain("Default Enterprise");
    expect(chosen.text).toContain("Enterprises: 2 loaded");
    expect(chosen.html).not.toContain("field-options-custom");
    expect(status({ data: { options: [1] } }, { custom: true }).html).toContain("field-options-custom-enterpriseCode");
  });
});

describe("literalDependencies", () => {
  it("passes literal values of the named fields only, never a template", () => {
    const values = { documentType: "0001", orderNo: "{{ trigger.no }}", limit: 5, flag: false, other: "x", empty: " " };
    expect(literalDependencies(values, ["documentType", "orderNo", "limit", "flag", "empty", "missing"])).toEqual({
      documentType: "0001",
      limit: 5,
      flag: false,
    });
  });
});
