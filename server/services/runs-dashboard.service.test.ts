// The dashboard's aggregates and the run list's filters against known rows on a real Postgres: exact counts, rates,
// percentiles (nearest rank, as percentile_disc computes them), series buckets, keyset pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { getDashboard } from "./runs-dashboard.service";
import { liveRuns, searchRuns } from "./runs-history.service";

let t: TestDatabase;
let workspaceId: string;
let orders: { workspaceId: string; flowId: string; versionId: string };
let invoices: { flowId: string; versionId: string };
let elsewhere: { workspaceId: string; flowId: string; versionId: string };
const now = new Date("2026-12-01T12:00:00.000Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

type Seed = {
  flow: { flowId: string; versionId: string };
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  at: Date;
  durationMs?: number;
  error?: { code: string; message: string };
  businessKey?: string;
  isTest?: boolean;
  workspaceId?: string;
};

async function seed(rows: Seed[]) {
  await t.db.run.createMany({
    data: rows.map((row) => ({
      workspaceId: row.workspaceId ?? workspaceId,
      flowId: row.flow.flowId,
      flowVersionId: row.flow.versionId,
      status: row.status,
      triggerKind: "manual",
      triggerData: {},
      businessKey: row.businessKey ?? null,
      isTest: row.isTest ?? false,
      error: row.error ? { ...row.error, retryable: false } : undefined,
      createdAt: row.at,
      startedAt: row.durationMs === undefined && row.status !== "running" ? null : row.at,
      finishedAt: row.durationMs === undefined ? null : new Date(row.at.getTime() + row.durationMs),
    })),
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  const graph = linearGraph({ id: "trigger", connectorId: "core", operation: "manual" });
  orders = await seedRunningFlow(t.db, graph);
  workspaceId = orders.workspaceId;
  invoices = await seedRunningFlow(t.db, graph, { workspaceId });
  await t.db.flow.update({ where: { id: orders.flowId }, data: { name: "Orders" } });
  await t.db.flow.update({ where: { id: invoices.flowId }, data: { name: "Invoices" } });
  elsewhere = await seedRunningFlow(t.db, graph);
  const timeout = { code: "TIMEOUT", message: "The order system did not answer in 30 s" };
  const down = { code: "REMOTE", message: "Partner API answered 503 Service Unavailable" };
  await seed([
    // Orders: ten successes of 100..1000 ms, one per 10 minutes from 10 to 100 minutes ago.
    ...Array.from({ length: 10 }, (_, i): Seed => ({
      flow: orders,
      status: "succeeded",
      at: minutesAgo(10 * (i + 1)),
      durationMs: 100 * (i + 1),
      businessKey: `Y10000${i}`,
    })),
    { flow: orders, status: "failed", at: minutesAgo(130), durationMs: 50, error: timeout, businessKey: "Y100007" },
    { flow: orders, status: "failed", at: minutesAgo(200), durationMs: 2000, error: timeout },
    { flow: orders, status: "running", at: minutesAgo(1) },
    // Invoices: three failures of one kind, and a cancelled run that never started.
    { flow: invoices, status: "failed", at: minutesAgo(300), durationMs: 300, error: down, businessKey: "Y100007" },
    { flow: invoices, status: "failed", at: minutesAgo(301), durationMs: 400, error: down },
    { flow: invoices, status: "failed", at: minutesAgo(302), durationMs: 500, error: down },
    { flow: invoices, status: "cancelled", at: minutesAgo(303) },
    // Left out: older than 24 h, a test run, another workspace's run.
    { flow: orders, status: "failed", at: minutesAgo(25 * 60), durationMs: 9, error: timeout },
    { flow: orders, status: "failed", at: minutesAgo(5), durationMs: 9, error: timeout, isTest: true },
    {
      flow: elsewhere,
      status: "failed",
      at: minutesAgo(5),
      durationMs: 9,
      error: down,
      workspaceId: elsewhere.workspaceId,
    },
  ]);
});
afterAll(async () => {
  await t.drop();
});

describe("the dashboard", () => {
  it("counts runs of the range by status, with the failure rate and nearest-rank percentiles", async () => {
    const board = await getDashboard(t.db, workspaceId, { range: "24h" }, now);
    expect(board.totals).toEqual({
      total: 17,
      succeeded: 10,
      failed: 5,
      cancelled: 1,
      active: 1,
      // Durations: 50, 100..1000, 300, 400, 500, 2000 (15 values): the 8th and the 15th.
      p50: 500,
      p95: 2000,
      failureRate: 5 / 15,
    });
  });

  it("stacks runs per hour bucket, with empty buckets as zeros", async () => {
    const board = await getDashboard(t.db, workspaceId, { range: "24h" }, now);
    expect(board.bucketSeconds).toBe(3600);
    expect(board.series).toHaveLength(24);
    const at = (iso: string) => board.series.find((point) => point.start.toISOString() === iso);
    // [11:00, 12:00): successes 10..60 minutes ago (6, 11:00 included) and the running run; then 70..100.
    expect(at("2026-12-01T11:00:00.000Z")).toMatchObject({ succeeded: 6, running: 1, failed: 0 });
    expect(at("2026-12-01T10:00:00.000Z")).toMatchObject({ succeeded: 4, failed: 0 });
    // Invoices: 300 minutes ago is 07:00 sharp, 301..303 fall in the hour before.
    expect(at("2026-12-01T07:00:00.000Z")).toMatchObject({ failed: 1, cancelled: 0 });
    expect(at("2026-12-01T06:00:00.000Z")).toMatchObject({ failed: 2, cancelled: 1 });
    expect(board.series.reduce((sum, point) => sum + point.failed, 0)).toBe(5);
  });

  it("names the flows that fail most and the most frequent errors with when they were last seen", async () => {
    const board = await getDashboard(t.db, workspaceId, { range: "24h" }, now);
    expect(board.failingFlows).toEqual([
      { flowId: invoices.flowId, flowName: "Invoices", failed: 3, total: 4, failureRate: 0.75 },
      { flowId: orders.flowId, flowName: "Orders", failed: 2, total: 13, failureRate: 2 / 13 },
    ]);
    expect(board.errors).toEqual([
      { code: "REMOTE", message: "Partner API answered 503 Service Unavailable", count: 3, lastSeen: minutesAgo(300) },
      { code: "TIMEOUT", message: "The order system did not answer in 30 s", count: 2, lastSeen: minutesAgo(130) },
    ]);
  });

  it("narrows to one flow and to an error text", async () => {
    const board = await getDashboard(t.db, workspaceId, { range: "24h", flowId: orders.flowId }, now);
    expect(board.totals).toMatchObject({ total: 13, failed: 2, p50: 500, p95: 2000 });
    const byError = await getDashboard(t.db, workspaceId, { range: "7d", error: "did not answer" }, now);
    expect(byError.totals).toMatchObject({ total: 3, failed: 3 });
  });
});

describe("the dashboard over days (rollups of sealed 6-hour slots)", () => {
  it("adds the rollup of sealed slots to the runs around them: the same counts, percentiles within 5 %", async () => {
    const first = await getDashboard(t.db, workspaceId, { range: "7d" }, now);
    // The 24 h runs plus the failed one of 25 hours ago (in a sealed slot).
    expect(first.approximatePercentiles).toBe(true);
    expect(first.bucketSeconds).toBe(6 * 3600);
    expect(first.totals).toMatchObject({ total: 18, succeeded: 10, failed: 6, cancelled: 1, active: 1 });
    expect(first.totals.failureRate).toBe(6 / 16);
    // Durations 9, 50, 100..1000, 300, 400, 500, 2000 (16 values): nearest ranks 8 and 16.
    expect(Math.abs((first.totals.p50 ?? 0) - 400) / 400).toBeLessThanOrEqual(0.05);
    expect(Math.abs((first.totals.p95 ?? 0) - 2000) / 2000).toBeLessThanOrEqual(0.05);
    expect(first.failingFlows.map((flow) => [flow.flowName, flow.failed, flow.total])).toEqual([
      ["Invoices", 3, 4],
      ["Orders", 3, 14],
    ]);
    expect(first.series.reduce((sum, point) => sum + point.failed, 0)).toBe(6);
    // Errors of sealed slots and of the open ends, merged.
    expect(first.errors.map((error) => [error.code, error.count, error.lastSeen])).toEqual([
      ["TIMEOUT", 3, minutesAgo(130)],
      ["REMOTE", 3, minutesAgo(300)],
    ]);
    const sealed = await t.db.runRollupSlot.count({ where: { workspaceId } });
    expect(sealed).toBeGreaterThan(20);
    // Read again, now from the stored rollup: the same answer.
    expect(await getDashboard(t.db, workspaceId, { range: "7d" }, now)).toEqual(first);
    expect(await t.db.runRollupSlot.count({ where: { workspaceId } })).toBe(sealed);
  });

  it("leaves a slot with a run still going unsealed, and counts it from the Run table", async () => {
    const at = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    await seed([
      { flow: elsewhere, status: "queued", at: at(50), workspaceId: elsewhere.workspaceId },
      { flow: elsewhere, status: "succeeded", at: at(75), durationMs: 10, workspaceId: elsewhere.workspaceId },
    ]);
    const board = await getDashboard(t.db, elsewhere.workspaceId, { range: "7d" }, now);
    expect(board.totals).toMatchObject({ total: 3, succeeded: 1, failed: 1, active: 1 });
    const slots = await t.db.runRollupSlot.findMany({ where: { workspaceId: elsewhere.workspaceId } });
    const slotOf = (date: Date) => Math.floor(date.getTime() / (6 * 3_600_000)) * 6 * 3_600_000;
    expect(slots.some((slot) => slot.slot.getTime() === slotOf(at(75)))).toBe(true);
    expect(slots.some((slot) => slot.slot.getTime() === slotOf(at(50)))).toBe(false);
  });
});

describe("the run list", () => {
  it("finds every run of every flow by business key", async () => {
    const page = await searchRuns(t.db, workspaceId, {
      filter: { businessKey: "Y100007" },
      sort: "started",
      limit: 50,
    });
    expect(page.items.map((run) => [run.flowName, run.status])).toEqual([
      ["Orders", "succeeded"],
      ["Orders", "failed"],
      ["Invoices", "failed"],
    ]);
  });

  it("pages with keyset cursors, newest first, and by duration, longest first", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchRuns(t.db, workspaceId, { filter: {}, sort: "started", limit: 5, cursor });
      seen.push(...page.items.map((run) => run.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(18);
    expect(new Set(seen).size).toBe(18);

    const first = await searchRuns(t.db, workspaceId, { filter: {}, sort: "duration", limit: 3 });
    expect(first.items.map((run) => run.durationMs)).toEqual([2000, 1000, 900]);
    const second = await searchRuns(t.db, workspaceId, {
      filter: {},
      sort: "duration",
      limit: 3,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items.map((run) => run.durationMs)).toEqual([800, 700, 600]);
  });

  it("refuses a forged or mismatched page cursor with a clear message instead of a server error", async () => {
    const forged = (cursor: unknown) => Buffer.from(JSON.stringify(cursor)).toString("base64url");
    const started = await searchRuns(t.db, workspaceId, { filter: {}, sort: "started", limit: 3 });
    for (const [sort, cursor] of [
      ["started", forged({ v: "not a date", id: "x" })],
      ["duration", forged({ v: 1.5, id: "x" })],
      ["duration", started.nextCursor ?? ""],
    ] as const) {
      await expect(searchRuns(t.db, workspaceId, { filter: {}, sort, limit: 3, cursor })).rejects.toThrow(
        "The page cursor is not valid: reload the list.",
      );
    }
  });

  it("filters by status and error text, treating % and _ literally", async () => {
    const failed = await searchRuns(t.db, workspaceId, {
      filter: { status: "failed", error: "503" },
      sort: "started",
      limit: 50,
    });
    expect(failed.items).toHaveLength(3);
    expect(failed.items.every((run) => run.errorCode === "REMOTE")).toBe(true);
    const literal = await searchRuns(t.db, workspaceId, { filter: { error: "5%" }, sort: "started", limit: 50 });
    expect(literal.items).toHaveLength(0);
  });

  it("brings new runs to a live list, also to one that showed none yet", async () => {
    const empty = await liveRuns(t.db, workspaceId, { filter: { businessKey: "Y-LIVE" }, after: null, watch: [] });
    expect(empty.fresh).toEqual([]);
    await seed([{ flow: invoices, status: "running", at: minutesAgo(0), businessKey: "Y-LIVE" }]);
    const first = await liveRuns(t.db, workspaceId, { filter: { businessKey: "Y-LIVE" }, after: null, watch: [] });
    expect(first.fresh.map((run) => [run.flowName, run.status])).toEqual([["Invoices", "running"]]);
    const [top] = first.fresh;
    if (!top) throw new Error("no live run");
    const later = await liveRuns(t.db, workspaceId, {
      filter: { businessKey: "Y-LIVE" },
      after: { createdAt: top.createdAt, id: top.id },
      watch: [top.id],
    });
    expect(later.fresh).toEqual([]);
    expect(later.updated.map((run) => run.id)).toEqual([top.id]);
  });
});
