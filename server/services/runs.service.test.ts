import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { emptyFlowGraph } from "@/lib/flow-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { toJsonInput } from "../db/json";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import * as runs from "./runs.service";

let t: TestDatabase;
let workspaceId: string;
let flowId: string;
let versionId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = await ensureDefaultWorkspace(t.db);
  const graph = emptyFlowGraph();
  graph.nodes[0]!.label = "When I click Run now";
  const flow = await t.db.flow.create({ data: { workspaceId, name: "History", draft: toJsonInput(graph) } });
  flowId = flow.id;
  versionId = (await t.db.flowVersion.create({ data: { workspaceId, flowId, number: 1, graph: toJsonInput(graph) } }))
    .id;
});
afterAll(() => t.drop());

async function insertRun(status: "succeeded" | "failed", createdAt: Date) {
  return t.db.run.create({
    data: {
      workspaceId,
      flowId,
      flowVersionId: versionId,
      status,
      triggerKind: "manual",
      triggerData: toJsonInput({}),
      createdAt,
      startedAt: createdAt,
      finishedAt: new Date(createdAt.getTime() + 250),
      error:
        status === "failed"
          ? toJsonInput({ code: "NETWORK", message: "Could not connect", retryable: true })
          : undefined,
    },
  });
}

describe("runs service", () => {
  it("lists newest first with durations, filters by status and pages with a cursor", async () => {
    const base = Date.UTC(2026, 10, 1);
    for (let index = 0; index < 5; index++) {
      await insertRun(index % 2 === 0 ? "succeeded" : "failed", new Date(base + index * 1000));
    }
    const first = await runs.listRuns(t.db, workspaceId, { limit: 3 });
    expect(first.items.map((run) => run.createdAt.getTime())).toEqual([base + 4000, base + 3000, base + 2000]);
    expect(first.items[0]).toMatchObject({ flowName: "History", durationMs: 250 });
    expect(first.nextCursor).not.toBeNull();
    const second = await runs.listRuns(t.db, workspaceId, { limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((run) => run.createdAt.getTime())).toEqual([base + 1000, base]);
    expect(second.nextCursor).toBeNull();

    const failed = await runs.listRuns(t.db, workspaceId, { limit: 10, status: "failed" });
    expect(failed.items).toHaveLength(2);
    expect(await runs.listRuns(t.db, "another-workspace", { limit: 10 })).toEqual({ items: [], nextCursor: null });
  });

  it("returns a run with its steps in order, labelled from the graph it ran (or the action's name), and its error readable", async () => {
    const run = await insertRun("failed", new Date());
    await t.db.stepRun.createMany({
      data: [
        {
          workspaceId,
          runId: run.id,
          stepId: "call",
          sequence: 1,
          connectorId: "http",
          operation: "request",
          status: "failed",
        },
        {
          workspaceId,
          runId: run.id,
          stepId: "trigger",
          sequence: 0,
          connectorId: "core",
          operation: "manual",
          status: "succeeded",
        },
      ],
    });
    const found = await runs.getRun(t.db, workspaceId, run.id);
    expect(found.run).toMatchObject({ flowVersionNumber: 1, error: { code: "NETWORK", message: "Could not connect" } });
    expect(found.steps.map((step) => [step.stepId, step.label])).toEqual([
      ["trigger", "When I click Run now"],
      ["call", "Send request"],
    ]);
    await expect(runs.getRun(t.db, "another-workspace", run.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
