// The embedded default (PGlite behind server/db/pglite-wire-server.ts) serves every client from one Postgres session and blocks
// other clients while one holds a transaction. This runs a manual and a scheduled run through it end to end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../db/embedded-postgres";
import { runPrismaCli } from "../db/prisma-cli";
import { requestManualRun, startWorker, type Worker } from ".";
import type { RunQueue } from "./queue";
import { startTestQueue } from "@/test/runtime/test-queue";
import { requeueStrandedRuns } from "./reaper";
import { linearGraph, seedRunningFlow, waitFor, waitForRun } from "@/test/runtime/helpers";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-runtime-embedded-"));
let embedded: EmbeddedPostgres;
let db: Db;
let queue: RunQueue;
let worker: Worker;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ dataDir });
  await runPrismaCli(["migrate", "deploy"], { databaseUrl: embedded.url, quiet: true });
  db = createDb(embedded.url);
  ({ queue } = await startTestQueue(embedded.url));
  worker = await startWorker({ databaseUrl: embedded.url, db, concurrency: 2, log: () => undefined, tickMs: 200 });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await queue?.stop();
  await db?.$disconnect();
  await embedded?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("runtime on embedded PGlite", () => {
  it("runs Run now, fires a schedule and reaps without deadlocking", async () => {
    const manual = await seedRunningFlow(
      db,
      linearGraph(
        { id: "trigger", connectorId: "core", operation: "manual" },
        { id: "note", connectorId: "core", operation: "log", inputs: { message: "hello {{ trigger.name }}" } },
      ),
    );
    const { runId } = await requestManualRun(db, queue, { ...manual, payload: { name: "PGlite" } });
    const run = await waitForRun(db, runId);
    expect(run.status).toBe("succeeded");
    expect(run.steps[1]?.output).toEqual({ message: "hello PGlite", level: "info" });

    const scheduled = await seedRunningFlow(
      db,
      linearGraph(
        { id: "tick", connectorId: "core", operation: "schedule", inputs: { intervalSeconds: 10 } },
        { id: "note", connectorId: "core", operation: "log", inputs: { message: "tick" } },
      ),
      { workspaceId: manual.workspaceId, now: new Date(Date.now() - 10_500) },
    );
    const fired = await waitFor(
      () =>
        db.run
          .findFirst({ where: { flowId: scheduled.flowId, status: "succeeded" } })
          .then((found) => found ?? undefined),
      "a scheduled run",
    );
    expect(fired.triggerKind).toBe("schedule");

    const stranded = await db.run.create({
      data: {
        workspaceId: manual.workspaceId,
        flowId: manual.flowId,
        flowVersionId: manual.versionId,
        status: "queued",
        triggerKind: "manual",
        triggerData: {},
        createdAt: new Date(Date.now() - 60_000),
      },
    });
    expect(await requeueStrandedRuns(db, queue, { log: () => undefined })).toEqual([stranded.id]);
    expect((await waitForRun(db, stranded.id)).status).toBe("succeeded");
  });
});
