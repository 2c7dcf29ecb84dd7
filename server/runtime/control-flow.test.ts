// If, For each and Respond executed on a real Postgres: which steps run, which are skipped, what each sees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createRun, json, loadRun, startScriptedServer, type ScriptedServer } from "@/test/runtime/execute-fixtures";
import { buildGraph, controlStep, httpStep, logStep, manualTrigger } from "@/test/runtime/graph-fixtures";
import { waitFor } from "@/test/runtime/helpers";

let t: TestDatabase;
let server: ScriptedServer;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startScriptedServer();
  server.on("/items/", (req, res) => json(res, 200, { sku: req.url?.split("/").pop(), ok: true }));
});
afterAll(async () => {
  await server?.close();
  await t?.drop();
});

const summary = (steps: Array<{ stepId: string; status: string }>) =>
  steps.map((step) => `${step.stepId}:${step.status}`);

describe("If", () => {
  const graph = buildGraph(
    [
      manualTrigger(),
      controlStep("if", "paid", { condition: "{{ trigger.total > 100 }}" }),
      logStep("big", "big order {{ trigger.no }}"),
      logStep("small", "small order {{ trigger.no }}"),
      logStep("smallOnly", "only small"),
      logStep("join", "{{ steps.big.message }}{{ steps.small.message }} done"),
    ],
    [
      ["trigger", "paid"],
      ["paid", "big", "true"],
      ["paid", "small", "false"],
      ["small", "smallOnly"],
      ["big", "join"],
      ["smallOnly", "join"],
    ],
  );

  it("runs only the taken branch, records the other as skipped, and runs the join once", async () => {
    const run = await (await createRun(t.db, graph, { no: "A-1", total: 250 })).execute();
    expect(run.status).toBe("succeeded");
    expect(summary(run.steps)).toEqual([
      "trigger:succeeded",
      "paid:succeeded",
      "big:succeeded",
      "small:skipped",
      "smallOnly:skipped",
      "join:succeeded",
    ]);
    expect(run.steps[1]?.output).toEqual({ result: true });
    expect(run.steps[5]?.output).toMatchObject({ message: "big order A-1 done" });

    const other = await (await createRun(t.db, graph, { no: "B-2", total: 5 })).execute();
    expect(summary(other.steps).slice(2)).toEqual([
      "big:skipped",
      "small:succeeded",
      "smallOnly:succeeded",
      "join:succeeded",
    ]);
    expect(other.steps[5]?.output).toMatchObject({ message: "small order B-2 done" });
  });

  it("fails the run naming the value when the condition is not true or false", async () => {
    const run = await (await createRun(t.db, graph, { no: "C-3", total: "lots" })).execute();
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "EXPRESSION", stepId: "paid" });
    const stateGraph = buildGraph(
      [manualTrigger(), controlStep("if", "check", { condition: "{{ trigger.state }}" }), logStep("yes", "y")],
      [
        ["trigger", "check"],
        ["check", "yes", "true"],
      ],
    );
    const text = await (await createRun(t.db, stateGraph, { state: "paid" })).execute();
    expect(text.error).toMatchObject({
      code: "INPUT_INVALID",
      stepId: "check",
      message: expect.stringContaining('The condition of "check" must give true or false, but gave a string ("paid")'),
    });
    expect(summary(text.steps)).toEqual(["trigger:succeeded", "check:failed"]);
  });
});

describe("For each", () => {
  const loopGraph = (items: string) =>
    buildGraph(
      [
        manualTrigger(),
        controlStep("forEach", "lines", { items }),
        httpStep("fetch", { url: `${server.base}/items/{{ item.sku }}-{{ index }}` }),
        logStep("note", "line {{ index }}: {{ steps.fetch.body.sku }}"),
        logStep("after", "{{ $count(steps.lines) }} lines: {{ $join(steps.lines.message, ', ') }}"),
      ],
      [
        ["trigger", "lines"],
        ["lines", "fetch", "each"],
        ["fetch", "note"],
        ["lines", "after"],
      ],
    );

  it("runs the body once per item in order, with item and index, then continues after the loop", async () => {
    const payload = { lines: [{ sku: "a" }, { sku: "b" }, { sku: "c" }] };
    const run = await (await createRun(t.db, loopGraph("{{ trigger.lines }}"), payload)).execute();
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => [step.stepId, step.parentStepId, step.itemIndex])).toEqual([
      ["trigger", null, null],
      ["lines", null, null],
      ["fetch#0", "lines", 0],
      ["note#0", "lines", 0],
      ["fetch#1", "lines", 1],
      ["note#1", "lines", 1],
      ["fetch#2", "lines", 2],
      ["note#2", "lines", 2],
      ["after", null, null],
    ]);
    const fetch = run.steps.find((step) => step.stepId === "fetch#1");
    expect(fetch?.output).toMatchObject({ body: { sku: "b-1" } });
    // Each item's call has its own idempotency key.
    expect(fetch?.input).toEqual({ url: `${server.base}/items/b-1` });
    // The For each's output: per item, the output of the last step that ran for it.
    expect(run.steps[1]?.output).toEqual([
      { message: "line 0: a-0", level: "info" },
      { message: "line 1: b-1", level: "info" },
      { message: "line 2: c-2", level: "info" },
    ]);
    expect(run.steps.at(-1)?.output).toMatchObject({ message: "3 lines: line 0: a-0, line 1: b-1, line 2: c-2" });
  });

  it("fails with the value's type when the items are not a list, and caps the number of items", async () => {
    const notList = await (await createRun(t.db, loopGraph("{{ trigger.lines }}"), { lines: { sku: "a" } })).execute();
    expect(notList.error).toMatchObject({ code: "INPUT_INVALID", stepId: "lines" });
    expect(notList.error).toMatchObject({
      message: expect.stringContaining('"lines" needs a list in "Items", but got an object'),
    });
    const tooMany = await (await createRun(t.db, loopGraph("{{ [1..10001] }}"))).execute();
    expect(tooMany.error).toMatchObject({
      message: expect.stringContaining('"lines" got 10001 items; a For each runs over at most 10000'),
    });
    expect(tooMany.steps.filter((step) => step.parentStepId !== null)).toEqual([]);
  });

  it("fails the run at the failing item's step and says which item on the For each", async () => {
    const graph = loopGraph("{{ trigger.lines }}");
    const fetch = graph.nodes.find((node) => node.id === "fetch");
    if (fetch) fetch.inputs = { url: `${server.base}/{{ item.sku = "bad" ? "nowhere" : "items" }}/{{ item.sku }}` };
    const run = await (
      await createRun(t.db, graph, { lines: [{ sku: "ok" }, { sku: "bad" }, { sku: "later" }] })
    ).execute();
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "REMOTE", stepId: "fetch#1" });
    const loop = run.steps.find((step) => step.stepId === "lines");
    expect(loop?.status).toBe("failed");
    expect(loop?.error).toMatchObject({
      message: expect.stringMatching(/^Item 2 of 3 failed in step "fetch": 127\.0\.0\.1:\d+ answered 404 Not Found/),
      details: { failedStepId: "fetch#1", itemIndex: 1 },
    });
    expect(run.steps.map((step) => step.stepId)).not.toContain("fetch#2");
  });

  it("runs nested loops with step ids per level and the innermost item in scope", async () => {
    const graph = buildGraph(
      [
        manualTrigger(),
        controlStep("forEach", "orders", { items: "{{ trigger.orders }}" }),
        controlStep("forEach", "lines", { items: "{{ item.lines }}" }),
        logStep("line", "{{ item }}"),
      ],
      [
        ["trigger", "orders"],
        ["orders", "lines", "each"],
        ["lines", "line", "each"],
      ],
    );
    const run = await (await createRun(t.db, graph, { orders: [{ lines: ["a", "b"] }, { lines: ["c"] }] })).execute();
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => [step.stepId, step.parentStepId, step.itemIndex])).toEqual([
      ["trigger", null, null],
      ["orders", null, null],
      ["lines#0", "orders", 0],
      ["line#0#0", "lines#0", 0],
      ["line#0#1", "lines#0", 1],
      ["lines#1", "orders", 1],
      ["line#1#0", "lines#1", 0],
    ]);
    expect(run.steps[1]?.output).toEqual([
      [
        { message: "a", level: "info" },
        { message: "b", level: "info" },
      ],
      [{ message: "c", level: "info" }],
    ]);
  });

  it("keeps per-item checkpoints: after a crash mid-loop, finished items are not called again", async () => {
    let release: (() => void) | undefined;
    const reached = new Promise<void>((resolve) => {
      server.on("/hold/", (req, res, hit) => {
        // The second item's first call hangs until the test has "crashed" the worker.
        if (req.url === "/hold/b" && hit === 1) {
          release = () => res.destroy();
          resolve();
          return;
        }
        json(res, 200, { sku: req.url?.split("/").pop() });
      });
    });
    const graph = loopGraph("{{ trigger.lines }}");
    const fetch = graph.nodes.find((node) => node.id === "fetch");
    if (fetch) fetch.inputs = { url: `${server.base}/hold/{{ item.sku }}` };
    const run = await createRun(t.db, graph, { lines: [{ sku: "a" }, { sku: "b" }, { sku: "c" }] });
    const worker = new AbortController();
    const first = run.execute({ signal: worker.signal }).then(
      () => "finished",
      (error: unknown) => error,
    );
    await reached;
    worker.abort();
    release?.();
    expect(await first).toMatchObject({ code: "CANCELLED" });
    const cut = await loadRun(t.db, run.runId);
    expect(summary(cut.steps)).toEqual([
      "trigger:succeeded",
      "lines:running",
      "fetch#0:succeeded",
      "note#0:succeeded",
      "fetch#1:running",
    ]);

    const done = await run.execute();
    expect(done.status).toBe("succeeded");
    expect(["/hold/a", "/hold/b", "/hold/c"].map((path) => server.hits.get(path))).toEqual([1, 2, 1]);
    expect(done.steps.find((step) => step.stepId === "fetch#1")?.attempts).toBe(2);
    expect(done.steps.find((step) => step.stepId === "fetch#0")?.attempts).toBe(1);
    expect(done.steps[1]?.output).toHaveLength(3);
  });
});

describe("Respond", () => {
  it("stores the response on the run as soon as it runs, before the flow finishes", async () => {
    let release: (() => void) | undefined;
    server.on("/after-respond", (_req, res) => {
      release = () => json(res, 200, { done: true });
    });
    const graph = buildGraph(
      [
        manualTrigger(),
        controlStep("respond", "answer", {
          status: 202,
          headers: { "X-Order": "{{ trigger.no }}" },
          body: '{{ {"accepted": true, "orderNo": trigger.no} }}',
        }),
        httpStep("slow", { url: `${server.base}/after-respond` }),
      ],
      [
        ["trigger", "answer"],
        ["answer", "slow"],
      ],
    );
    const run = await createRun(t.db, graph, { no: "R-9" });
    const finished = run.execute();
    const answered = await waitFor(async () => {
      const row = await t.db.run.findUniqueOrThrow({ where: { id: run.runId } });
      return row.response === null ? undefined : row;
    }, "the response");
    expect(answered.status).toBe("running");
    const expected = { status: 202, headers: { "X-Order": "R-9" }, body: { accepted: true, orderNo: "R-9" } };
    expect(answered.response).toEqual(expected);
    await waitFor(async () => release, "the slow step's call");
    release?.();
    const done = await finished;
    expect(done.status).toBe("succeeded");
    expect(done.steps[1]?.output).toEqual(expected);
  });

  it("defaults to 200 with no headers and no body, and refuses a bad status at run time", async () => {
    const plain = buildGraph([manualTrigger(), controlStep("respond", "answer", {})], [["trigger", "answer"]]);
    expect((await (await createRun(t.db, plain)).execute()).response).toEqual({ status: 200, headers: {}, body: null });
    const bad = buildGraph(
      [manualTrigger(), controlStep("respond", "answer", { status: "{{ trigger.code }}" })],
      [["trigger", "answer"]],
    );
    const run = await (await createRun(t.db, bad, { code: 42 })).execute();
    expect(run).toMatchObject({ status: "failed", response: null });
    expect(run.error).toMatchObject({
      code: "INPUT_INVALID",
      message: expect.stringContaining('field "status" must be at least 200'),
    });
  });
});
