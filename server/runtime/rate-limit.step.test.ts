// The account's limits hold for real steps: runs executing at once through one account never call its API more
// often in parallel than the account allows, whichever runs they belong to.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import * as accounts from "../services/accounts.service";
import { executeRun } from "./executor";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { listenOnLoopback } from "@/test/local-server";

let t: TestDatabase;
let ctx: accounts.AccountsContext;
let server: http.Server;
let base: string;
let inFlight = 0;
let maxInFlight = 0;
let calls = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = { db: t.db, keys: testKeyRing(), workspaceId: await ensureDefaultWorkspace(t.db) };
  // Holds each call a little, so calls that were allowed to overlap would be seen overlapping.
  server = http.createServer((_req, res) => {
    calls += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    }, 150);
  });
  base = await listenOnLoopback(server);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

describe("per-account limits in running flows", () => {
  it("lets only the account's concurrency call at once across runs", async () => {
    const account = await accounts.createAccount(ctx, {
      connectorId: "http",
      name: "One at a time",
      mode: "none",
      values: { baseUrl: base },
      rateLimit: { maxConcurrency: 1, requestsPerSecond: 100 },
    });
    const graph = linearGraph(
      { id: "trigger", connectorId: "core", operation: "manual" },
      { id: "call", connectorId: "http", operation: "request", accountId: account.id, inputs: { url: "/orders" } },
    );
    const flow = await seedRunningFlow(t.db, graph, { workspaceId: ctx.workspaceId });
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.db.run.create({
          data: {
            workspaceId: flow.workspaceId,
            flowId: flow.flowId,
            flowVersionId: flow.versionId,
            triggerKind: "manual",
            triggerData: {},
          },
        }),
      ),
    );
    const options = { signal: new AbortController().signal, log: () => undefined, keys: ctx.keys };
    await Promise.all(runs.map((run) => executeRun(t.db, run.id, options)));

    const finished = await t.db.run.findMany({ where: { flowId: flow.flowId }, select: { status: true } });
    expect(finished.map((run) => run.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    expect(calls).toBe(4);
    expect(maxInFlight).toBe(1);
  });
});
