import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StartDialog, toPollFrom } from "./start-dialog";

describe("start dialog", () => {
  const now = new Date("2026-03-01T12:00:00Z");

  it("turns the choice into flows.start's pollFrom", () => {
    expect(toPollFrom("continue", "", now)).toEqual({ ok: true, pollFrom: undefined });
    expect(toPollFrom("now", "", now)).toEqual({ ok: true, pollFrom: "now" });
    const since = toPollFrom("since", "2026-02-28T09:30", now);
    expect(since).toEqual({ ok: true, pollFrom: { since: new Date("2026-02-28T09:30").toISOString() } });
    expect(toPollFrom("since", "", now)).toEqual({ ok: false, problem: "Enter a date and time" });
    expect(toPollFrom("since", "2026-03-05T00:00", now)).toEqual({ ok: false, problem: "Choose a time in the past" });
  });

  it("offers 'where it left off' as the default only when the flow has polled before", () => {
    const render = (hasCursor: boolean) =>
      renderToStaticMarkup(
        <StartDialog
          hasCursor={hasCursor}
          lastError="x.example answered 500"
          busy={false}
          onStart={() => undefined}
          onClose={() => undefined}
        />,
      );
    const first = render(false);
    expect(first).not.toContain("poll-from-continue");
    expect(first).toMatch(/<input[^>]*data-testid="poll-from-now"[^>]*checked/);
    const again = render(true);
    expect(again).toMatch(/<input[^>]*data-testid="poll-from-continue"[^>]*checked/);
    expect(again).not.toMatch(/<input[^>]*data-testid="poll-from-now"[^>]*checked/);
    expect(again).toContain("The last check failed: x.example answered 500");
  });
});
