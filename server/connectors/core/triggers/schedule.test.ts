import { describe, expect, it } from "vitest";
import { nextScheduleTime, scheduleTrigger } from "./schedule";

const parse = (input: Record<string, unknown>) => scheduleTrigger.input.parse(input);

describe("schedule trigger", () => {
  it("defaults to every 300 seconds in UTC", () => {
    expect(parse({})).toEqual({ mode: "interval", intervalSeconds: 300, timezone: "UTC" });
  });

  it("refuses intervals under 10 s, second-level crons, bad crons and unknown zones", () => {
    const issues = (input: Record<string, unknown>) =>
      scheduleTrigger.input.safeParse(input).error?.issues.map((issue) => issue.path.join(".")) ?? [];
    expect(issues({ intervalSeconds: 5 })).toEqual(["intervalSeconds"]);
    expect(issues({ mode: "cron" })).toEqual(["cron"]);
    expect(issues({ mode: "cron", cron: "* * * * * *" })).toEqual(["cron"]);
    expect(issues({ mode: "cron", cron: "61 * * * *" })).toEqual(["cron"]);
    expect(issues({ mode: "cron", cron: "0 9 * * *", timezone: "Mars/Olympus" })).toEqual(["timezone"]);
  });

  it("keeps the interval cadence and skips slots missed while nothing ran", () => {
    const config = parse({ intervalSeconds: 60 });
    const previous = new Date("2026-03-01T10:00:00Z");
    expect(nextScheduleTime(config, new Date("2026-03-01T10:00:02Z"), previous).toISOString()).toBe(
      "2026-03-01T10:01:00.000Z",
    );
    expect(nextScheduleTime(config, new Date("2026-03-01T11:30:10Z"), previous).toISOString()).toBe(
      "2026-03-01T11:31:10.000Z",
    );
  });

  it("reads cron expressions in the chosen time zone", () => {
    const config = parse({ mode: "cron", cron: "0 9 * * 1-5", timezone: "Europe/Berlin" });
    // Friday 10:00 UTC is past 9:00 in Berlin, so the next run is Monday 9:00 CET = 08:00 UTC.
    expect(nextScheduleTime(config, new Date("2026-01-02T10:00:00Z")).toISOString()).toBe("2026-01-05T08:00:00.000Z");
  });
});
