import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { RunStatus } from "../db/generated/client";
import { createRetentionTask, defaultRetentionDays, deleteExpiredRuns } from "./retention";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";

let t: TestDatabase;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await t.db.workspace.create({ data: { name: "Retention" } })).id;
});
afterAll(() => t?.drop());

const DAY = 24 * 60 * 60 * 1000;
const graph = linearGraph({ id: "trigger", connectorId: "core", operation: "manual" });

async function flowKeeping(days: number | null) {
  const flow = await seedRunningFlow(t.db, graph, { workspaceId });
  await t.db.flow.update({ where: { id: flow.flowId }, data: { retentionDays: days } });
  return flow;
}

/** A run finished (or, unfinished, created) `daysAgo` days ago, with one step so the cascade can be checked. */
async function runAged(flow: { flowId: string; versionId: string }, status: RunStatus, daysAgo: number) {
  const at = new Date(Date.now() - daysAgo * DAY);
  const finished = status !== "queued" && status !== "running";
  const run = await t.db.run.create({
    data: {
      workspaceId,
      flowId: flow.flowId,
      flowVersionId: flow.versionId,
      status,
      triggerKind: "manual",
      triggerData: {},
      createdAt: at,
      startedAt: status === "queued" ? null : at,
      finishedAt: finished ? at : null,
    },
  });
  await t.db.stepRun.create({
    data: {
      workspaceId,
      runId: run.id,
      stepId: "trigger",
      sequence: 0,
      connectorId: "core",
      operation: "manual",
      status: "succeeded",
      output: {},
    },
  });
  return run.id;
}

async function remaining(ids: string[]): Promise<string[]> {
  const rows = await t.db.run.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return ids.filter((id) => rows.some((row) => row.id === id));
}

describe("deleteExpiredRuns", () => {
  it("deletes finished runs past their flow's retention or the default, in batches, and keeps the rest", async () => {
    const usual = await flowKeeping(null);
    const longer = await flowKeeping(90);
    const shorter = await flowKeeping(2);
    const expired = [
      await runAged(usual, "succeeded", 31),
      await runAged(usual, "failed", 40),
      await runAged(usual, "cancelled", 400),
      await runAged(longer, "succeeded", 91),
      await runAged(shorter, "failed", 3),
    ];
    const kept = [
      await runAged(usual, "succeeded", 29),
      await runAged(usual, "running", 400),
      await runAged(usual, "queued", 400),
      await runAged(longer, "failed", 60),
      await runAged(shorter, "succeeded", 1),
    ];

    const lines: string[] = [];
    // A batch of 2 makes three statements for five runs: the loop must go on until a batch comes back short.
    const deleted = await deleteExpiredRuns(t.db, { defaultDays: 30, batchSize: 2, log: (line) => lines.push(line) });

    expect(deleted).toBe(5);
    expect(await remaining(expired)).toEqual([]);
    expect(await remaining(kept)).toEqual(kept);
    expect(await t.db.stepRun.count({ where: { runId: { in: expired } } })).toBe(0);
    expect(await t.db.stepRun.count({ where: { runId: { in: kept } } })).toBe(5);
    expect(lines).toEqual(["retention: deleted 5 finished run(s) past their retention"]);
    expect(await deleteExpiredRuns(t.db, { defaultDays: 30 })).toBe(0);
  });

  it("prunes in the worker's task at once, then no more often than its period", async () => {
    const flow = await flowKeeping(5);
    const first = await runAged(flow, "succeeded", 6);
    const task = createRetentionTask(t.db, { log: () => undefined });
    await task();
    expect(await remaining([first])).toEqual([]);

    const second = await runAged(flow, "succeeded", 6);
    await task();
    expect(await remaining([second])).toEqual([second]);

    const eager = createRetentionTask(t.db, { log: () => undefined, everyMs: 0 });
    await eager();
    await eager();
    expect(await remaining([second])).toEqual([]);
  });
});

describe("webhook rows of flows that stopped receiving requests", () => {
  it("forgets expired signatures and stale test listeners of every flow, keeping the live ones and each newest sample", async () => {
    const flow = await flowKeeping(null);
    const other = await flowKeeping(null);
    const ago = (ms: number) => new Date(Date.now() - ms);
    await t.db.webhookSignature.createMany({
      data: [
        { flowId: flow.flowId, signature: "expired", expiresAt: ago(60_000) },
        { flowId: other.flowId, signature: "expired-too", expiresAt: ago(DAY) },
        { flowId: flow.flowId, signature: "in-window", expiresAt: ago(-4 * 60_000) },
      ],
    });
    const listener = (id: string, fields: { expiresAt: Date; capturedAt?: Date; operation?: string }) => ({
      id,
      workspaceId,
      flowId: flow.flowId,
      connectorId: "core",
      operation: fields.operation ?? "webhook",
      inputs: {},
      expiresAt: fields.expiresAt,
      capturedAt: fields.capturedAt ?? null,
      data: fields.capturedAt ? { sample: id } : undefined,
    });
    await t.db.sampleListener.createMany({
      data: [
        listener("never-captured-long-ago", { expiresAt: ago(2 * DAY) }),
        listener("never-captured-just-expired", { expiresAt: ago(60 * 60_000) }),
        listener("open", { expiresAt: ago(-10 * 60_000) }),
        listener("replaced-sample", { expiresAt: ago(5 * DAY), capturedAt: ago(5 * DAY) }),
        listener("newest-sample", { expiresAt: ago(3 * DAY), capturedAt: ago(3 * DAY) }),
        listener("other-trigger-sample", { expiresAt: ago(9 * DAY), capturedAt: ago(9 * DAY), operation: "other" }),
      ],
    });

    const lines: string[] = [];
    await createRetentionTask(t.db, { log: (line) => lines.push(line) })();

    const signatures = await t.db.webhookSignature.findMany({ where: { flowId: { in: [flow.flowId, other.flowId] } } });
    expect(signatures.map((row) => row.signature)).toEqual(["in-window"]);
    const listeners = await t.db.sampleListener.findMany({ where: { flowId: flow.flowId }, orderBy: { id: "asc" } });
    expect(listeners.map((row) => row.id)).toEqual([
      "never-captured-just-expired",
      "newest-sample",
      "open",
      "other-trigger-sample",
    ]);
    expect(lines).toContain("retention: forgot 2 webhook signature(s) past their replay window");
    expect(lines).toContain("retention: deleted 2 stale test-event listener(s)");
  });
});

describe("defaultRetentionDays", () => {
  it("is 30 unless CONFLUX_RUN_RETENTION_DAYS says otherwise", () => {
    expect(defaultRetentionDays({})).toBe(30);
    expect(defaultRetentionDays({ CONFLUX_RUN_RETENTION_DAYS: " 7 " })).toBe(7);
  });

  it("refuses a value that is not a whole number of days, naming the variable", () => {
    for (const raw of ["0", "2.5", "forever", "99999"]) {
      expect(() => defaultRetentionDays({ CONFLUX_RUN_RETENTION_DAYS: raw })).toThrow(ConfluxError);
      expect(() => defaultRetentionDays({ CONFLUX_RUN_RETENTION_DAYS: raw })).toThrow(/CONFLUX_RUN_RETENTION_DAYS/);
    }
  });
});
