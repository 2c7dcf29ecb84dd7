// Step outcomes ride with the run's next statement (server/db/carried-writes.ts), on a real Postgres: a run costs
// one statement per step instead of two, every outcome is still committed before the next step does anything, and
// a held write is never lost to a statement that fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createRun, json, loadRun, startScriptedServer, type ScriptedServer } from "@/test/runtime/execute-fixtures";
import { buildGraph, controlStep, httpStep, logStep, manualTrigger } from "@/test/runtime/graph-fixtures";
import { combine, createRunConnection, type RunConnection } from "@/server/db/carried-writes";
import { sqlOf, type Sql } from "@/server/db/sql";
import { executeRun } from "./executor";

let t: TestDatabase;
let server: ScriptedServer;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startScriptedServer();
});
afterAll(async () => {
  await server?.close();
  await t?.drop();
});

/** The test database through Prisma, remembering each statement sent. */
function countingSql(): Sql & { texts: string[] } {
  const inner = sqlOf(t.db);
  const texts: string[] = [];
  return {
    texts,
    query(text, values) {
      texts.push(text);
      return inner.query(text, values);
    },
  };
}

describe("carried checkpoint writes", () => {
  it("renumbers parameters and joins a statement's own WITH", () => {
    const combined = combine(
      [
        { text: "UPDATE a SET x = $1 WHERE id = $2", values: [1, "a"], row: "a" },
        { text: "UPDATE b SET y = $1", values: [2], row: "b" },
      ],
      { text: "WITH c AS (SELECT $1::int AS v) SELECT v, $2::text FROM c", values: [3, "d"], row: "c" },
    );
    expect(combined.text).toBe(
      "WITH carried0 AS (UPDATE a SET x = $1 WHERE id = $2), carried1 AS (UPDATE b SET y = $3), " +
        "c AS (SELECT $4::int AS v) SELECT v, $5::text FROM c",
    );
    expect(combined.values).toEqual([1, "a", 2, 3, "d"]);
  });

  it("records steps that compute only with the run's end: trigger, two Log steps and the end in one statement", async () => {
    const graph = buildGraph(
      [manualTrigger(), logStep("first", "order {{ trigger.no }}"), logStep("second", "{{ steps.first.message }}!")],
      [
        ["trigger", "first"],
        ["first", "second"],
      ],
    );
    const { runId } = await createRun(t.db, graph, { no: "A-1" });
    const sql = countingSql();
    await executeRun(t.db, runId, { signal: new AbortController().signal, log: () => undefined, sql });

    const run = await loadRun(t.db, runId);
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => `${step.stepId}:${step.status}`)).toEqual([
      "trigger:succeeded",
      "first:succeeded",
      "second:succeeded",
    ]);
    expect(run.steps[2]?.output).toMatchObject({ message: "order A-1!" });
    expect(run.steps[1]).toMatchObject({ attempts: 1, input: { message: "order A-1" } });
    expect(run.steps[1]?.finishedAt).not.toBeNull();
    // Load, mark running (no lease here), then the end carrying the trigger's, first's and second's rows.
    expect(sql.texts).toHaveLength(3);
    expect(sql.texts[2]).toMatch(/^WITH carried0 AS \(INSERT .*carried1 AS \(INSERT .*carried2 AS \(INSERT /s);
  });

  it("records a step that computes only and fails in one write, with the run's end", async () => {
    const graph = buildGraph(
      [manualTrigger(), logStep("first", "{{ $substring(trigger.no) }}")],
      [["trigger", "first"]],
    );
    const { runId } = await createRun(t.db, graph, { no: "A-1" });
    const sql = countingSql();
    await executeRun(t.db, runId, { signal: new AbortController().signal, log: () => undefined, sql });
    const run = await loadRun(t.db, runId);
    expect(run.status).toBe("failed");
    expect(run.steps[1]).toMatchObject({ stepId: "first", status: "failed", attempts: 1 });
    expect(run.steps[1]?.error).toMatchObject({ code: expect.any(String) });
    expect(sql.texts).toHaveLength(3);
  });

  it("records a step that computes only as before when an earlier delivery left its row in flight", async () => {
    const graph = buildGraph([manualTrigger(), logStep("first", "order {{ trigger.no }}")], [["trigger", "first"]]);
    const { runId } = await createRun(t.db, graph, { no: "A-2" });
    const run = await t.db.run.findUniqueOrThrow({ where: { id: runId } });
    await t.db.stepRun.create({
      data: {
        workspaceId: run.workspaceId,
        runId,
        stepId: "first",
        sequence: 1,
        connectorId: "core",
        operation: "log",
        status: "running",
      },
    });
    await executeRun(t.db, runId, { signal: new AbortController().signal, log: () => undefined });
    const after = await loadRun(t.db, runId);
    expect(after.status).toBe("succeeded");
    // Started again over the row the stopped delivery left, so the attempt counts.
    expect(after.steps.find((step) => step.stepId === "first")).toMatchObject({ status: "succeeded", attempts: 2 });
  });

  it("holds no more than one statement's worth of writes in a loop whose steps compute only", async () => {
    const graph = buildGraph(
      [
        manualTrigger(),
        controlStep("forEach", "lines", { items: "{{ trigger.lines }}" }),
        logStep("note", "line {{ index }}"),
      ],
      [
        ["trigger", "lines"],
        ["lines", "note", "each"],
      ],
    );
    const { runId } = await createRun(t.db, graph, { lines: Array.from({ length: 100 }, (_, index) => index) });
    const connection = createRunConnection(countingSql());
    let peak = 0;
    const watched: RunConnection = {
      ...connection,
      hold(write) {
        connection.hold(write);
        peak = Math.max(peak, connection.held());
      },
    };
    await executeRun(t.db, runId, { signal: new AbortController().signal, log: () => undefined, sql: watched });
    const run = await loadRun(t.db, runId);
    expect(run.status).toBe("succeeded");
    expect(run.steps.filter((step) => step.stepId.startsWith("note#"))).toHaveLength(100);
    // Each held write keeps its payloads (up to CONFLUX_STEP_PAYLOAD_LIMIT_KB each) in memory until it is sent: a
    // loop of 10,000 items must not hold them all until its end. 16 is carried-writes.ts's MAX_CARRIED.
    expect(peak).toBeLessThanOrEqual(16);
  });

  it("commits a step's outcome before the next step calls out", async () => {
    let seenByNextStep: unknown;
    server.on("/first", (_req, res) => json(res, 200, { ok: 1 }));
    server.on("/second", (req, res) => {
      const runId = new URL(req.url ?? "/", server.base).searchParams.get("run") ?? "";
      void t.db.stepRun.findFirst({ where: { runId, stepId: "first" }, select: { status: true } }).then((step) => {
        seenByNextStep = step?.status;
        json(res, 200, { ok: 2 });
      });
    });
    const graph = buildGraph(
      [
        manualTrigger(),
        httpStep("first", { url: `${server.base}/first` }),
        httpStep("second", { url: `${server.base}/second?run={{ trigger.runId }}` }),
      ],
      [
        ["trigger", "first"],
        ["first", "second"],
      ],
    );
    const created = await createRun(t.db, graph, {});
    await t.db.run.update({ where: { id: created.runId }, data: { triggerData: { runId: created.runId } } });
    const run = await created.execute();
    expect(run.status).toBe("succeeded");
    expect(seenByNextStep).toBe("succeeded");
  });

  it("sends held writes before a plain query, and alone when the carrying statement is refused", async () => {
    const { runId } = await createRun(t.db, buildGraph([manualTrigger()], []), {});
    const connection = createRunConnection(sqlOf(t.db));
    const note = (text: string) => ({
      text: `UPDATE "Run" SET "businessKey" = $2 WHERE id = $1 RETURNING 1`,
      values: [runId, text],
      row: `Run:${runId}`,
    });

    connection.hold(note("held"));
    const { rows } = await connection.query<{ businessKey: string }>(`SELECT "businessKey" FROM "Run" WHERE id = $1`, [
      runId,
    ]);
    expect(rows[0]?.businessKey).toBe("held");

    connection.hold(note("kept"));
    await expect(
      connection.carry({ text: "SELECT 1 / (0 * $1::int) AS boom", values: [1], row: "nothing" }),
    ).rejects.toThrow(/division by zero/);
    expect(connection.held()).toBe(0);
    expect(await businessKeyOf(runId)).toBe("kept");
  });

  it("stores a refused held write as its fallback and stops the run from going on as if it were saved", async () => {
    const { runId } = await createRun(t.db, buildGraph([manualTrigger()], []), {});
    const connection = createRunConnection(sqlOf(t.db));
    connection.hold({
      text: `UPDATE "Run" SET "businessKey" = (1 / $2::int)::text WHERE id = $1 RETURNING 1`,
      values: [runId, 0],
      row: `StepRun:${runId}/refused`,
      fallback: (reason) => ({
        text: `UPDATE "Run" SET "businessKey" = $2 WHERE id = $1 RETURNING 1`,
        values: [runId, `fallback: ${reason}`],
        row: `StepRun:${runId}/refused`,
      }),
    });
    await expect(
      connection.carry({
        text: `UPDATE "Run" SET "workerStops" = $2 WHERE id = $1 RETURNING 1`,
        values: [runId, 7],
        row: `Run:${runId}`,
      }),
    ).rejects.toThrow(/The result of step refused could not be saved: [\s\S]*division by zero/);
    expect(await businessKeyOf(runId)).toMatch(/^fallback: [\s\S]*division by zero/);
    // The statement that carried it (the next step's start) was not sent.
    const run = await t.db.run.findUniqueOrThrow({ where: { id: runId }, select: { workerStops: true } });
    expect(run.workerStops).toBe(0);
    expect(connection.held()).toBe(0);
  });
});

async function businessKeyOf(runId: string) {
  return (await t.db.run.findUniqueOrThrow({ where: { id: runId }, select: { businessKey: true } })).businessKey;
}
