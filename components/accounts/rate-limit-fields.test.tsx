// The account form's Rate limits section: defaults as placeholders, saved overrides, and what typed values mean.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ConnectorRateLimit, EffectiveRateLimit } from "@/lib/rate-limits";
import { RateLimitFields, readOverrides, useRateLimitOverrides } from "./rate-limit-fields";

type Saved = EffectiveRateLimit & { overridden: { requestsPerSecond: boolean; maxConcurrency: boolean } };

function Section({ saved, defaults }: { saved?: Saved; defaults?: ConnectorRateLimit }) {
  const state = useRateLimitOverrides(saved ? { rateLimit: saved } : undefined);
  return <RateLimitFields defaults={defaults} state={state} />;
}

const input = (html: string, key: string) =>
  new RegExp(`<input[^>]*data-testid="account-rate-limit-${key}"[^>]*>`).exec(html)?.[0] ?? "";
const attribute = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];

describe("rate limit fields", () => {
  it("starts folded, with the connector's defaults as placeholders", () => {
    const html = renderToStaticMarkup(<Section defaults={{ requestsPerSecond: 10, maxConcurrency: 5 }} />);
    expect(html).toMatch(/<details(?![^>]*open)[^>]*data-testid="account-rate-limits"/);
    expect(attribute(input(html, "requestsPerSecond"), "placeholder")).toBe("10 per second (default)");
    expect(attribute(input(html, "maxConcurrency"), "placeholder")).toBe("5 at once (default)");
    expect(attribute(input(html, "maxConcurrency"), "value")).toBe("");
  });

  it("opens on an account's own overrides and leaves the defaults it keeps blank", () => {
    const saved: Saved = {
      requestsPerSecond: 2.5,
      maxConcurrency: 5,
      overridden: { requestsPerSecond: true, maxConcurrency: false },
    };
    const defaults = { requestsPerSecond: 10, maxConcurrency: 5 };
    const html = renderToStaticMarkup(<Section saved={saved} defaults={defaults} />);
    expect(html).toMatch(/<details[^>]*open=""/);
    expect(attribute(input(html, "requestsPerSecond"), "value")).toBe("2.5");
    expect(attribute(input(html, "maxConcurrency"), "value")).toBe("");
  });

  it("says unlimited where the connector declares no limit", () => {
    const html = renderToStaticMarkup(<Section />);
    expect(attribute(input(html, "requestsPerSecond"), "placeholder")).toBe("Unlimited (default)");
  });

  it("reads blanks as the default and refuses limits that cannot be kept", () => {
    expect(readOverrides({ requestsPerSecond: " ", maxConcurrency: "" })).toEqual({
      value: { requestsPerSecond: null, maxConcurrency: null },
    });
    expect(readOverrides({ requestsPerSecond: "0.5", maxConcurrency: "3" })).toEqual({
      value: { requestsPerSecond: 0.5, maxConcurrency: 3 },
    });
    expect(readOverrides({ requestsPerSecond: "0", maxConcurrency: "1.5" })).toEqual({
      problems: {
        requestsPerSecond: "Requests per second must be more than 0",
        maxConcurrency: "Concurrent calls must be a whole number",
      },
    });
    expect(readOverrides({ requestsPerSecond: "abc", maxConcurrency: "2" })).toEqual({
      problems: { requestsPerSecond: "Requests per second must be a number" },
    });
  });
});
