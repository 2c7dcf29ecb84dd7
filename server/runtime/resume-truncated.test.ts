// A run that resumes after a step whose stored output was capped: later steps that use that output must not get the
// truncation marker in place of the data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createRun } from "@/test/runtime/execute-fixtures";
import { buildGraph, logStep, manualTrigger } from "@/test/runtime/graph-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** Records `big` as succeeded with a capped output, as a delivery that was cut short after it would have left it. */
async function resumeAfterCappedStep(secondMessage: string) {
  const graph = buildGraph(
    [manualTrigger(), logStep("big", "a large export"), logStep("after", secondMessage)],
    [
      ["trigger", "big"],
      ["big", "after"],
    ],
  );
  const run = await createRun(t.db, graph);
  const { workspaceId } = await t.db.run.findUniqueOrThrow({ where: { id: run.runId } });
  await t.db.stepRun.create({
    data: {
      workspaceId,
      runId: run.runId,
      stepId: "big",
      sequence: 1,
      connectorId: "core",
      operation: "log",
      status: "succeeded",
      output: { $truncated: true, originalBytes: 900_000, preview: "{" },
      outputTruncated: true,
    },
  });
  return run.execute();
}

describe("resuming after a capped output", () => {
  it("fails clearly when a later step uses the capped output", async () => {
    const run = await resumeAfterCappedStep("{{ steps.big.message }}");
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "FLOW_INVALID", stepId: "big" });
    expect(JSON.stringify(run.error)).toContain("too large to keep");
    expect(run.steps.find((step) => step.stepId === "after")).toBeUndefined();
  });

  it("goes on when no later step uses it", async () => {
    const run = await resumeAfterCappedStep("done; {{ steps.big_other }}");
    expect(run.status).toBe("succeeded");
    expect(run.steps.find((step) => step.stepId === "after")?.status).toBe("succeeded");
  });
});
