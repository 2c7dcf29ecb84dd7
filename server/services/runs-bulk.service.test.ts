// Bulk replay on a real Postgres: two bulk replays of the same failed run at once (two tabs, a double click) make
// one replay, and the other is refused with the replay it found, so an order is never sent twice.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { listenOnLoopback } from "@/test/local-server";
import { linearGraph, saveRunRow, seedRunningFlow } from "@/test/runtime/helpers";
import { executeRun, type RunQueue } from "../runtime";
import { bulkAct } from "./runs-bulk.service";

let t: TestDatabase;
let server: http.Server;
let base: string;
/** Replays are only saved here, never executed: the queue takes their jobs and does nothing with them. */
const queue: RunQueue = {
  async sendRun() {},
  async hasLiveJob() {
    return false;
  },
  async runsWithWaitingJob() {
    return new Set<string>();
  },
  async check() {},
  async stop() {},
};

beforeAll(async () => {
  t = await createTestDatabase();
  server = http.createServer((_req, res) => {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ refused: true }));
  });
  base = await listenOnLoopback(server);
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

describe("bulk replay", () => {
  it("replays a run once when two bulk replays of it arrive at the same time", async () => {
    const flow = await seedRunningFlow(
      t.db,
      linearGraph(
        { id: "trigger", connectorId: "core", operation: "manual" },
        { id: "send", connectorId: "http", operation: "request", inputs: { url: `${base}/orders` } },
      ),
    );
    const runId = await saveRunRow(t.db, flow);
    await executeRun(t.db, runId, { signal: new AbortController().signal, log: () => undefined });
    expect(await t.db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "failed" });

    const ask = () => bulkAct(t.db, queue, flow.workspaceId, { action: "replayFailedStep", ids: [runId] });
    const outcomes = (await Promise.all([ask(), ask(), ask()])).flat();

    const replays = await t.db.run.findMany({ where: { replayOfRunId: runId }, select: { id: true } });
    expect(replays).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.ok)).toEqual([{ id: runId, ok: true, replayRunId: replays[0]?.id }]);
    const refused = outcomes.filter((outcome) => !outcome.ok);
    expect(refused).toHaveLength(2);
    for (const outcome of refused) {
      expect(outcome).toMatchObject({ reason: `Already replayed by run ${replays[0]?.id.slice(0, 8)}.` });
    }
  });
});
