// Per-step settings on a real Postgres: retries with backoff and Retry-After, per-attempt timeouts, and the error
// policies (fail, continue, branch).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import {
  createRun,
  json,
  recordingRetryPolicy,
  startScriptedServer,
  type ScriptedServer,
} from "@/test/runtime/execute-fixtures";
import { buildGraph, httpStep, logStep, manualTrigger } from "@/test/runtime/graph-fixtures";
import { defaultRetryPolicy } from "./retry";
import { waitFor } from "@/test/runtime/helpers";
import type { StepSettings } from "@/lib/flow-graph";
import { readErrorJson } from "@/lib/errors";
import { stepAttempts } from "@/lib/step-attempts";

let t: TestDatabase;
let server: ScriptedServer;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startScriptedServer();
  // /flaky/<n>/<key>: 503 for the first n calls, then 200.
  server.on("/flaky/", (req, res, hit) => {
    const failures = Number(req.url?.split("/")[2]);
    if (hit <= failures) json(res, 503, { error: `busy (call ${hit})` });
    else json(res, 200, { ok: true, calls: hit });
  });
  server.on("/limited/", (req, res, hit) => {
    const retryAfter = req.url?.includes("date") ? new Date(Date.now() + 30_000).toUTCString() : req.url?.split("/")[2];
    if (hit === 1) json(res, 429, { error: "slow down" }, retryAfter ? { "retry-after": retryAfter } : {});
    else json(res, 200, { ok: true });
  });
  server.on("/missing", (_req, res) => json(res, 404, { error: "Order not found" }));
  server.on("/slow", () => undefined);
});
afterAll(async () => {
  await server?.close();
  await t?.drop();
});

function callFlow(path: string, settings?: StepSettings) {
  return buildGraph(
    [
      manualTrigger(),
      httpStep("call", { url: `${server.base}${path}` }, settings),
      logStep("after", "after {{ $string(steps.call) }}"),
    ],
    [
      ["trigger", "call"],
      ["call", "after"],
    ],
  );
}

describe("retries", () => {
  it("retries 5xx with exponential backoff and counts every attempt", async () => {
    const waits: number[] = [];
    const run = await (await createRun(t.db, callFlow("/flaky/2/a"))).execute({ retry: recordingRetryPolicy(waits) });
    expect(run.status).toBe("succeeded");
    expect(server.hits.get("/flaky/2/a")).toBe(3);
    // Full jitter pinned at one half: 0.5 * 1 s, then 0.5 * 2 s.
    expect(waits).toEqual([500, 1_000]);
    expect(run.steps[1]).toMatchObject({
      status: "succeeded",
      attempts: 3,
      error: null,
      output: { body: { calls: 3 } },
    });
    // Each attempt's start and end, and the wait chosen before each retry, are kept for the run page.
    const step = run.steps[1]!;
    const attempts = stepAttempts({ finishedAt: step.finishedAt, attemptLog: step.attemptLog, error: null });
    expect(attempts).toMatchObject([
      { attempt: 1, waitBeforeMs: null, outcome: "failed", error: { code: "REMOTE" }, resumed: false },
      {
        attempt: 2,
        waitBeforeMs: 500,
        outcome: "failed",
        error: { message: expect.stringContaining("busy (call 2)") },
      },
      { attempt: 3, waitBeforeMs: 1_000, outcome: "succeeded", error: null, endedAt: step.finishedAt },
    ]);
    for (const [index, attempt] of attempts.entries()) {
      expect(attempt.endedAt!.getTime()).toBeGreaterThanOrEqual(attempt.startedAt.getTime());
      const next = attempts[index + 1];
      if (next) expect(next.startedAt.getTime()).toBeGreaterThanOrEqual(attempt.endedAt!.getTime());
    }
  });

  it("writes no attempt log for a step that ran once", async () => {
    const run = await (await createRun(t.db, callFlow("/flaky/0/once"))).execute({ retry: recordingRetryPolicy([]) });
    expect(run.steps.map((step) => step.attemptLog)).toEqual([null, null, null]);
  });

  it("gives up after maxAttempts with the last error and a log of every attempt", async () => {
    const waits: number[] = [];
    const graph = callFlow("/flaky/9/b", { maxAttempts: 4 });
    const run = await (await createRun(t.db, graph)).execute({ retry: recordingRetryPolicy(waits) });
    expect(run.status).toBe("failed");
    expect(server.hits.get("/flaky/9/b")).toBe(4);
    expect(waits).toEqual([500, 1_000, 2_000]);
    const step = run.steps[1];
    expect(step).toMatchObject({ status: "failed", attempts: 4 });
    expect(step?.error).toMatchObject({
      code: "REMOTE",
      retryable: true,
      message: expect.stringContaining("busy (call 4)"),
    });
    expect(step?.error).toMatchObject({
      details: {
        attempts: [1, 2, 3, 4].map((attempt) => ({
          attempt,
          code: "REMOTE",
          message: expect.stringContaining(`busy (call ${attempt})`),
        })),
      },
    });
    expect(run.error).toMatchObject({ code: "REMOTE", stepId: "call" });
  });

  it("fails other 4xx at once, and does not retry at all with maxAttempts 1", async () => {
    const waits: number[] = [];
    const missing = await (await createRun(t.db, callFlow("/missing"))).execute({ retry: recordingRetryPolicy(waits) });
    expect(missing.steps[1]).toMatchObject({ status: "failed", attempts: 1 });
    expect(missing.error).toMatchObject({
      code: "REMOTE",
      message: expect.stringContaining('404 Not Found: {"error":"Order not found"}'),
    });
    const once = await (
      await createRun(t.db, callFlow("/flaky/1/c", { maxAttempts: 1 }))
    ).execute({ retry: recordingRetryPolicy(waits) });
    expect(once.steps[1]).toMatchObject({ status: "failed", attempts: 1 });
    expect(waits).toEqual([]);
  });

  it("waits what Retry-After says, in seconds or as an HTTP-date", async () => {
    const waits: number[] = [];
    const seconds = await (
      await createRun(t.db, callFlow("/limited/7/a"))
    ).execute({ retry: recordingRetryPolicy(waits) });
    expect(seconds.steps[1]).toMatchObject({ status: "succeeded", attempts: 2 });
    const dated = await (
      await createRun(t.db, callFlow("/limited/date"))
    ).execute({ retry: recordingRetryPolicy(waits) });
    expect(dated.steps[1]).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(waits[0]).toBe(7_000);
    // The date has whole seconds, so the wait is a little under 30 s.
    expect(waits[1]).toBeGreaterThan(28_000);
    expect(waits[1]).toBeLessThanOrEqual(30_000);
  });

  it("fails rather than hold a worker when Retry-After asks for more than 5 minutes", async () => {
    const waits: number[] = [];
    const run = await (
      await createRun(t.db, callFlow("/limited/900/a"))
    ).execute({ retry: recordingRetryPolicy(waits) });
    expect(waits).toEqual([]);
    expect(run.steps[1]).toMatchObject({ status: "failed", attempts: 1 });
    expect(run.error).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining("(the server asked to retry after 15 min, longer than the 5 min a step waits"),
    });
  });

  it("stops waiting when the run's signal aborts, leaving the step to run again on the next delivery", async () => {
    const run = await createRun(t.db, callFlow("/flaky/1/d"));
    const worker = new AbortController();
    // A backoff of about 5 s, jitter pinned: with the default's wait, which can be near 0, the retry could succeed
    // before the probe looks. The abort ends the wait, so the test does not take those 5 s.
    const retry = { ...defaultRetryPolicy, baseMs: 5_000, random: () => 0.999 };
    const first = run.execute({ signal: worker.signal, retry }).then(
      () => "finished",
      (error: unknown) => error,
    );
    // The first attempt has failed and its error is shown while the step waits to try again.
    const waiting = await waitFor(async () => {
      const step = await t.db.stepRun.findFirst({ where: { runId: run.runId, stepId: "call" } });
      return step?.error ? step : undefined;
    }, "the first attempt's error");
    expect(waiting).toMatchObject({ status: "running", attempts: 1, error: { code: "REMOTE" } });
    worker.abort();
    expect(await first).toMatchObject({ code: "CANCELLED" });
    const done = await run.execute();
    expect(done.status).toBe("succeeded");
    expect(done.steps[1]).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(server.hits.get("/flaky/1/d")).toBe(2);
    // The second attempt was not a retry after a wait but the next delivery taking over.
    const step = done.steps[1]!;
    expect(
      stepAttempts({ finishedAt: step.finishedAt, attemptLog: step.attemptLog, error: readErrorJson(step.error) }),
    ).toMatchObject([
      { attempt: 1, outcome: "failed", error: { code: "REMOTE" } },
      { attempt: 2, outcome: "succeeded", resumed: true, waitBeforeMs: null },
    ]);
  });
});

describe("timeouts", () => {
  it("gives each attempt timeoutMs and retries a timeout", async () => {
    const waits: number[] = [];
    const run = await (
      await createRun(t.db, callFlow("/slow", { timeoutMs: 1_000, maxAttempts: 2 }))
    ).execute({
      retry: recordingRetryPolicy(waits),
    });
    expect(run.steps[1]).toMatchObject({ status: "failed", attempts: 2 });
    expect(run.error).toMatchObject({ code: "TIMEOUT", retryable: true, message: '"call" did not finish within 1 s' });
    expect(waits).toEqual([500]);
  });
});

describe("error policies", () => {
  it("continue: records the step failed, goes on, and later steps see its output as null", async () => {
    const run = await (await createRun(t.db, callFlow("/missing", { onError: "continue" }))).execute();
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => step.status)).toEqual(["succeeded", "failed", "succeeded"]);
    expect(run.steps[2]?.output).toMatchObject({ message: "after null" });
  });

  it("branch: takes the error path with the error in steps.<id>.error and skips the normal path", async () => {
    const graph = buildGraph(
      [
        manualTrigger(),
        httpStep("call", { url: `${server.base}/missing` }, { onError: "branch" }),
        logStep("ok", "fine"),
        logStep("handle", "{{ steps.call.error.code }}: {{ steps.call.error.details.response.body.error }}"),
      ],
      [
        ["trigger", "call"],
        ["call", "ok"],
        ["call", "handle", "error"],
      ],
    );
    const run = await (await createRun(t.db, graph)).execute();
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => `${step.stepId}:${step.status}`)).toEqual([
      "trigger:succeeded",
      "call:failed",
      "ok:skipped",
      "handle:succeeded",
    ]);
    expect(run.steps[3]?.output).toMatchObject({ message: "REMOTE: Order not found" });

    // Without an error, the error path is the one skipped.
    const fine = graph.nodes.find((node) => node.id === "call");
    if (fine) fine.inputs = { url: `${server.base}/flaky/0/e` };
    const good = await (await createRun(t.db, graph)).execute();
    expect(good.steps.map((step) => step.status)).toEqual(["succeeded", "succeeded", "succeeded", "skipped"]);
  });
});
