// Stopping a worker lets the run in flight finish (rolling deploys must not fail runs), and a run cut off by the
// drain deadline is left to resume rather than failed.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { requestManualRun, startWorker } from ".";
import type { RunQueue } from "./queue";
import { startTestQueue } from "@/test/runtime/test-queue";
import { linearGraph, seedRunningFlow, waitFor } from "@/test/runtime/helpers";
import { listenOnLoopback } from "@/test/local-server";

let t: TestDatabase;
let queue: RunQueue;
let server: http.Server;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  server = http.createServer((req, res) => {
    const delay = Number(new URL(req.url ?? "/", "http://x").searchParams.get("ms") ?? 0);
    setTimeout(() => res.end("done"), delay).unref();
  });
  base = await listenOnLoopback(server);
  ({ queue } = await startTestQueue(t.url));
});
afterAll(async () => {
  await queue?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

async function startSlowRun(ms: number) {
  const flow = await seedRunningFlow(
    t.db,
    linearGraph(
      { id: "trigger", connectorId: "core", operation: "manual" },
      { id: "slow", connectorId: "http", operation: "request", inputs: { url: `${base}/?ms=${ms}` } },
    ),
  );
  const { runId } = await requestManualRun(t.db, queue, { ...flow, payload: {} });
  await waitFor(
    () =>
      t.db.stepRun.findFirst({ where: { runId, stepId: "slow", status: "running" } }).then((step) => step ?? undefined),
    "the slow step to start",
  );
  return runId;
}

describe("worker stop", () => {
  it("waits for the run in flight to finish", async () => {
    const worker = await startWorker({ databaseUrl: t.url, db: t.db, concurrency: 1, log: () => undefined });
    const runId = await startSlowRun(1_000);
    await worker.stop();
    expect((await t.db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("succeeded");
  });

  it("aborts a step that outlives the drain deadline and leaves the run to resume", async () => {
    const worker = await startWorker({
      databaseUrl: t.url,
      db: t.db,
      concurrency: 1,
      log: () => undefined,
      drainMs: 1_500,
    });
    const runId = await startSlowRun(20_000);
    await worker.stop();
    const run = await t.db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
    expect(run.status).toBe("running");
    expect(run.steps.find((step) => step.stepId === "slow")?.status).toBe("running");
  });
});
