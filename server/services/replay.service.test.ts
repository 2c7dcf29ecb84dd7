// Replays on a real Postgres, executed by the real executor against a local HTTP server that counts its requests.
import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { FlowGraph } from "@/lib/flow-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { toJsonInput } from "../db/json";
import { executeRun, getRunQueue, type RunQueue } from "../runtime";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { replayRun } from "./replay.service";
import { getRun } from "./runs.service";
import { listenOnLoopback } from "@/test/local-server";

let t: TestDatabase;
let realQueue: RunQueue;
let server: http.Server;
let base: string;
const hits = new Map<string, number>();
let failing = true;
/** Runs whose job was sent, and whether the run row was already committed at that moment. */
const sent: { runId: string; committed: boolean }[] = [];
let queue: RunQueue;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  server = http.createServer((req, res) => {
    const path = req.url ?? "";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    // 400 fails the step at once (no retries), as a remote validation error would.
    const status = path.startsWith("/flaky") && failing ? 400 : 200;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ path, served: hits.get(path) }));
  });
  base = await listenOnLoopback(server);
  realQueue = await getRunQueue();
  queue = {
    ...realQueue,
    async sendRun(runId) {
      // Another connection must already see the run: the job is sent only after the transaction committed.
      const visible = await t.db.run.findUnique({ where: { id: runId }, select: { id: true } });
      sent.push({ runId, committed: visible !== null });
    },
  };
});
afterAll(async () => {
  await realQueue?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});
beforeEach(() => {
  failing = true;
});

function orderFlow(tag: string, note = "fetched {{ steps.fetch.body.path }}"): FlowGraph {
  return linearGraph(
    { id: "trigger", connectorId: "core", operation: "manual" },
    { id: "fetch", connectorId: "http", operation: "request", inputs: { url: `${base}/fetch/${tag}` } },
    {
      id: "flaky",
      connectorId: "http",
      operation: "request",
      inputs: { url: `${base}/flaky/${tag}?order={{ trigger.orderNo }}` },
    },
    { id: "note", connectorId: "core", operation: "log", inputs: { message: note } },
  );
}

const execute = (runId: string) =>
  executeRun(t.db, runId, { signal: new AbortController().signal, log: () => undefined });

/** A flow whose run of order A-1 failed at "flaky" after "fetch" succeeded. */
async function failedRun(tag: string) {
  const flow = await seedRunningFlow(t.db, orderFlow(tag));
  const run = await t.db.run.create({
    data: {
      workspaceId: flow.workspaceId,
      flowId: flow.flowId,
      flowVersionId: flow.versionId,
      status: "queued",
      triggerKind: "webhook",
      dedupeKey: `event-${tag}`,
      businessKey: "A-1",
      triggerData: { orderNo: "A-1" },
    },
  });
  await execute(run.id);
  const stored = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
  expect(stored).toMatchObject({ status: "failed", error: { stepId: "flaky" } });
  return { ...flow, runId: run.id };
}

async function loadRun(runId: string) {
  return t.db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: { orderBy: { sequence: "asc" } } } });
}

async function publishVersion(flowId: string, workspaceId: string, number: number, graph: FlowGraph) {
  const version = await t.db.flowVersion.create({ data: { workspaceId, flowId, number, graph: toJsonInput(graph) } });
  await t.db.flow.update({ where: { id: flowId }, data: { publishedVersionId: version.id } });
  return version.id;
}

describe("replay", () => {
  it("replays from the start as a new run with the original's trigger, linked to it, and runs every step again", async () => {
    const original = await failedRun("s1");
    failing = false;
    const { runId } = await replayRun(t.db, queue, original.workspaceId, {
      id: original.runId,
      from: "start",
      version: "same",
    });

    expect(runId).not.toBe(original.runId);
    expect(sent.at(-1)).toEqual({ runId, committed: true });
    const queued = await loadRun(runId);
    expect(queued).toMatchObject({
      status: "queued",
      triggerKind: "webhook",
      dedupeKey: null,
      businessKey: "A-1",
      triggerData: { orderNo: "A-1" },
      replayOfRunId: original.runId,
      flowVersionId: original.versionId,
    });
    expect(queued.steps).toEqual([]);

    await execute(runId);
    const replay = await loadRun(runId);
    expect(replay.status).toBe("succeeded");
    expect(hits.get("/fetch/s1")).toBe(2);
    expect(hits.get("/flaky/s1?order=A-1")).toBe(2);
    // The original is left as it was.
    expect((await loadRun(original.runId)).status).toBe("failed");

    const page = await getRun(t.db, original.workspaceId, original.runId);
    expect(page.run.replays.map((link) => link.id)).toEqual([runId]);
    expect(page.run.failedStepId).toBe("flaky");
    expect((await getRun(t.db, original.workspaceId, runId)).run.replayOf).toEqual({
      id: original.runId,
      status: "failed",
    });
  });

  it("replays from the failed step without running the steps that had succeeded", async () => {
    const original = await failedRun("f1");
    failing = false;
    const { runId } = await replayRun(t.db, queue, original.workspaceId, {
      id: original.runId,
      from: "failedStep",
      version: "same",
    });

    const queued = await loadRun(runId);
    expect(queued.steps.map((step) => [step.stepId, step.status])).toEqual([
      ["trigger", "succeeded"],
      ["fetch", "succeeded"],
    ]);
    await execute(runId);
    const replay = await loadRun(runId);
    expect(replay.status).toBe("succeeded");
    expect(hits.get("/fetch/f1")).toBe(1);
    expect(hits.get("/flaky/f1?order=A-1")).toBe(2);
    // The skipped step's stored output still feeds the later ones: served 1 is the original run's reply.
    expect(replay.steps.find((step) => step.stepId === "fetch")?.output).toMatchObject({ body: { served: 1 } });
    expect(replay.steps.find((step) => step.stepId === "note")?.output).toMatchObject({ message: "fetched /fetch/f1" });
  });

  it("replays on the latest published version, even when the flow is stopped", async () => {
    const original = await failedRun("l1");
    const latest = await publishVersion(
      original.flowId,
      original.workspaceId,
      2,
      orderFlow("l1", "v2 saw {{ steps.fetch.body.served }}"),
    );
    await t.db.flow.update({ where: { id: original.flowId }, data: { status: "stopped" } });
    failing = false;

    const fromStep = await replayRun(t.db, queue, original.workspaceId, {
      id: original.runId,
      from: "failedStep",
      version: "latest",
    });
    await execute(fromStep.runId);
    const replay = await loadRun(fromStep.runId);
    expect(replay).toMatchObject({ status: "succeeded", flowVersionId: latest });
    expect(hits.get("/fetch/l1")).toBe(1);
    expect(replay.steps.find((step) => step.stepId === "note")?.output).toMatchObject({ message: "v2 saw 1" });

    const fromStart = await replayRun(t.db, queue, original.workspaceId, {
      id: original.runId,
      from: "start",
      version: "latest",
    });
    await execute(fromStart.runId);
    expect(await loadRun(fromStart.runId)).toMatchObject({ status: "succeeded", flowVersionId: latest });
    expect(hits.get("/fetch/l1")).toBe(2);
    // "same" still means the version the run used.
    const same = await replayRun(t.db, queue, original.workspaceId, {
      id: original.runId,
      from: "start",
      version: "same",
    });
    expect((await loadRun(same.runId)).flowVersionId).toBe(original.versionId);
  });

  it("refuses the failed step on a latest version that no longer has that step", async () => {
    const original = await failedRun("m1");
    const graph = orderFlow("m1");
    graph.nodes = graph.nodes.filter((node) => node.id !== "flaky");
    graph.edges = [
      { id: "e0", source: "trigger", target: "fetch", sourceHandle: "next" },
      { id: "e1", source: "fetch", target: "note", sourceHandle: "next" },
    ];
    await publishVersion(original.flowId, original.workspaceId, 2, graph);
    const runsBefore = await t.db.run.count();

    const error = await replayRun(t.db, queue, original.workspaceId, {
      id: original.runId,
      from: "failedStep",
      version: "latest",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      message: expect.stringContaining('Version 2 no longer has the step "flaky" that failed'),
    });
    expect(await t.db.run.count()).toBe(runsBefore);
    // From the start it is fine.
    await expect(
      replayRun(t.db, queue, original.workspaceId, { id: original.runId, from: "start", version: "latest" }),
    ).resolves.toMatchObject({ runId: expect.any(String) });
  });

  it("refuses the failed step for a run that did not fail, and any replay of an unfinished or unknown run", async () => {
    const flow = await seedRunningFlow(t.db, orderFlow("r1"));
    const make = (status: "succeeded" | "running") =>
      t.db.run.create({
        data: {
          workspaceId: flow.workspaceId,
          flowId: flow.flowId,
          flowVersionId: flow.versionId,
          status,
          triggerKind: "manual",
          triggerData: {},
        },
      });
    const succeeded = await make("succeeded");
    const running = await make("running");
    const args = { from: "failedStep", version: "same" } as const;

    await expect(replayRun(t.db, queue, flow.workspaceId, { ...args, id: succeeded.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Only a failed run can be replayed from its failed step; this one succeeded. Replay it from the start.",
    });
    await expect(
      replayRun(t.db, queue, flow.workspaceId, { ...args, id: running.id, from: "start" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("has not finished yet"),
    });
    await expect(replayRun(t.db, queue, "another-workspace", { ...args, id: succeeded.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
