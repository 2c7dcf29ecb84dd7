import { describe, expect, it } from "vitest";
import { stepAttempts } from "./step-attempts";

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, seconds)).toISOString();

describe("stepAttempts", () => {
  it("is empty for a step that ran once (no log)", () => {
    expect(stepAttempts({ finishedAt: new Date(at(1)), attemptLog: null, error: null })).toEqual([]);
  });

  it("folds retries, their waits, a resumed attempt and the final outcome into one line per attempt", () => {
    const log = [
      { kind: "start", attempt: 1, at: at(0) },
      { kind: "retry", attempt: 1, at: at(1), code: "REMOTE", message: "503", waitMs: 500 },
      { kind: "start", attempt: 2, at: at(2) },
      { kind: "resume", attempt: 3, at: at(40) },
      { kind: "something newer", attempt: 9, at: at(41) },
    ];
    const attempts = stepAttempts({ finishedAt: new Date(at(42)), attemptLog: log, error: null });
    expect(attempts).toEqual([
      {
        attempt: 1,
        startedAt: new Date(at(0)),
        endedAt: new Date(at(1)),
        waitBeforeMs: null,
        resumed: false,
        outcome: "failed",
        error: { code: "REMOTE", message: "503" },
      },
      {
        attempt: 2,
        startedAt: new Date(at(2)),
        endedAt: new Date(at(40)),
        waitBeforeMs: 500,
        resumed: false,
        outcome: "interrupted",
        error: null,
      },
      {
        attempt: 3,
        startedAt: new Date(at(40)),
        endedAt: new Date(at(42)),
        waitBeforeMs: null,
        resumed: true,
        outcome: "succeeded",
        error: null,
      },
    ]);
  });

  it("gives the last attempt the step's error, and leaves one in flight running", () => {
    const log = [
      { kind: "start", attempt: 1, at: at(0) },
      { kind: "retry", attempt: 1, at: at(1), code: "TIMEOUT", message: "slow", waitMs: 1000 },
      { kind: "start", attempt: 2, at: at(2) },
    ];
    const failed = stepAttempts({
      finishedAt: new Date(at(3)),
      attemptLog: log,
      error: { code: "TIMEOUT", message: "slow again" },
    });
    expect(failed.at(-1)).toMatchObject({ outcome: "failed", error: { message: "slow again" }, waitBeforeMs: 1000 });
    const running = stepAttempts({ finishedAt: null, attemptLog: log, error: null });
    expect(running.at(-1)).toMatchObject({ outcome: "running", endedAt: null });
  });
});
