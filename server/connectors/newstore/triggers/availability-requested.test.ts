// "Availability requested" end to end on a real Postgres: the simulated NewStore tenant asks a running flow over
// real HTTP (the webhook route behind a loopback server) with the api_key the flow registered on Start. Covers the
// key check (no run without it), the answer from Respond, the fallback of zeros before NewStore's timeout when the
// flow is slow, the template against a stock service, and Start/Stop registering and removing the webhook config.
import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { newstoreCredentials, startSampleNewStore } from "@/test/connectors/newstore";
import { listenOnLoopback } from "@/test/local-server";
import { startHookServer, type HookServer } from "@/test/runtime/hook-server";
import { linearGraph, waitForRun } from "@/test/runtime/helpers";
import { getDb } from "@/server/db/client";
import { ensureDefaultWorkspace } from "@/server/db/workspaces.repository";
import { getRunQueue, startWorker, type RunQueue, type Worker } from "@/server/runtime";
import { defaultKeyRing } from "@/server/security/keyring";
import * as accounts from "@/server/services/accounts.service";
import * as flows from "@/server/services/flows.service";
import { getWebhookInfo } from "@/server/services/webhooks.service";
import type { NewStoreSimulator } from "../simulator";
import { availabilityFromHttpTemplate } from "../templates/availability-from-http";

let t: TestDatabase;
let queue: RunQueue;
let worker: Worker;
let hooks: HookServer;
let newstore: NewStoreSimulator;
let stock: http.Server;
let stockBase: string;
let workspaceId: string;
let accountId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.CONFLUX_SECRET_KEY = crypto.randomBytes(32).toString("base64");
  newstore = await startSampleNewStore();
  hooks = await startHookServer();
  stock = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stock.invalid");
    const products = (url.searchParams.get("products") ?? "").split(",");
    const rows = products
      .filter((id) => id !== "GONE")
      .map((id) => ({ product_id: id, fulfillment_location: "US01", atp: 4 }));
    const delay = url.pathname === "/slow" ? 6_000 : 0;
    setTimeout(
      () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ stock: rows })),
      delay,
    );
  });
  stockBase = await listenOnLoopback(stock);
  queue = await getRunQueue();
  worker = await startWorker({
    databaseUrl: t.url,
    db: t.db,
    concurrency: 4,
    log: () => {},
    tickMs: 200,
    reapMs: 600_000,
  });
  workspaceId = await ensureDefaultWorkspace(t.db);
  const account = await accounts.createAccount(
    { db: t.db, keys: defaultKeyRing(), workspaceId },
    { connectorId: "newstore", name: "Sandbox", mode: "apiClient", values: newstoreCredentials(newstore) },
  );
  accountId = account.id;
});
afterAll(async () => {
  await worker?.stop();
  await queue?.stop();
  await hooks?.close();
  await newstore?.close();
  stock?.closeAllConnections();
  await new Promise((resolve) => stock?.close(resolve));
  await getDb().$disconnect();
  await t?.drop();
});

async function start(graph: FlowGraph) {
  const flow = await flows.createFlow(t.db, workspaceId, "Availability");
  await flows.saveDraft(t.db, workspaceId, flow.id, graph, 0);
  await flows.startFlow(t.db, workspaceId, flow.id, { publicOrigin: hooks.origin });
  const info = await getWebhookInfo(t.db, defaultKeyRing(), workspaceId, flow.id);
  return { flowId: flow.id, url: `${hooks.origin}${info.path ?? ""}`, secret: info.secret ?? "" };
}

const trigger = (inputs: Record<string, unknown>) => ({
  id: "trigger",
  connectorId: "newstore",
  operation: "availabilityRequested",
  accountId,
  inputs,
});
const answerWith = (atp: string) => ({
  id: "answer",
  type: "respond" as const,
  connectorId: "core",
  operation: "respond",
  inputs: {
    status: 200,
    body: `{{ {"availabilities": [trigger.pairs.{"product_id": product_id, "external_identifier": external_identifier, "fulfillment_location": fulfillment_location, "atp": ${atp}}]} }}`,
  },
});
const runsOf = (flowId: string) => t.db.run.findMany({ where: { flowId } });

describe("Availability requested", () => {
  it("registers on Start, answers NewStore from the flow, and removes itself on Stop", async () => {
    const flow = await start(linearGraph(trigger({ timeoutSeconds: 8 }), answerWith("7")));
    expect(newstore.state.webhook).toEqual({
      url: flow.url,
      api_key: flow.secret,
      external_identifier: "product_id",
      timeout: 8,
    });
    expect(newstore.state.externalAtp.value).toBe(true);

    const asked = await newstore.ask({ productIds: ["1000061", "1000062"], locations: ["US01", "DC01"] });
    expect(asked.outcome).toBe("answered");
    expect(asked.rows).toEqual([
      { product_id: "1000061", fulfillment_location: "US01", atp: 7, answered: true },
      { product_id: "1000061", fulfillment_location: "DC01", atp: 7, answered: true },
      { product_id: "1000062", fulfillment_location: "US01", atp: 7, answered: true },
      { product_id: "1000062", fulfillment_location: "DC01", atp: 7, answered: true },
    ]);
    const [run] = await runsOf(flow.flowId);
    expect((await waitForRun(t.db, run?.id ?? "")).status).toBe("succeeded");

    await flows.stopFlow(t.db, workspaceId, flow.flowId, { publicOrigin: hooks.origin });
    expect(newstore.state.webhook).toBeNull();
    expect(newstore.state.externalAtp.value).toBe(false);
  });

  it("refuses requests without NewStore's key with 401 and makes no run", async () => {
    const flow = await start(linearGraph(trigger({ register: false }), answerWith("1")));
    expect(newstore.state.webhook).toBeNull();
    const body = JSON.stringify({
      products: [{ product_id: "1", external_identifier: "1" }],
      fulfillment_locations: ["US01"],
    });
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: "not-the-key-but-long-enough" },
      { authorization: `Bearer ${flow.secret}` },
    ];
    for (const headers of attempts) {
      const response = await fetch(flow.url, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", ...headers },
      });
      expect(response.status).toBe(401);
    }
    expect(await runsOf(flow.flowId)).toHaveLength(0);
    const right = await fetch(flow.url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", authorization: flow.secret },
    });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({
      availabilities: [{ product_id: "1", external_identifier: "1", fulfillment_location: "US01", atp: 1 }],
    });
    await flows.stopFlow(t.db, workspaceId, flow.flowId);
  });

  it("answers zero for everything before NewStore's timeout when the flow is too slow", async () => {
    const slowLookup = { id: "stock", connectorId: "http", operation: "request", inputs: { url: `${stockBase}/slow` } };
    const flow = await start(linearGraph(trigger({ timeoutSeconds: 5 }), slowLookup, answerWith("9")));
    const asked = await newstore.ask({ productIds: ["A", "B"], locations: ["US01"] });
    expect(asked.outcome).toBe("answered");
    expect(asked.ms).toBeLessThan(5_000);
    expect(asked.ms).toBeGreaterThanOrEqual(3_900);
    expect(asked.rows.map((row) => [row.product_id, row.atp, row.answered])).toEqual([
      ["A", 0, true],
      ["B", 0, true],
    ]);
    await flows.stopFlow(t.db, workspaceId, flow.flowId, { publicOrigin: hooks.origin });
  });

  it("runs the template: stock from the service, zero for what it does not list", async () => {
    const graph = structuredClone(availabilityFromHttpTemplate.graph);
    for (const node of graph.nodes) {
      if (node.id === "trigger") node.accountId = accountId;
      if (node.id === "stock")
        node.inputs = {
          ...node.inputs,
          url: `${stockBase}/stock?products={{ $join(trigger.products.product_id, ',') }}`,
        };
    }
    const flow = await start(graph);
    const asked = await newstore.ask({ productIds: ["1000061", "GONE"], locations: ["US01", "DC01"] });
    expect(asked.outcome).toBe("answered");
    expect(asked.rows.map((row) => `${row.product_id}@${row.fulfillment_location}=${row.atp}`)).toEqual([
      "1000061@US01=4",
      "1000061@DC01=0",
      "GONE@US01=0",
      "GONE@DC01=0",
    ]);
    await flows.stopFlow(t.db, workspaceId, flow.flowId, { publicOrigin: hooks.origin });
    expect(newstore.state.webhook).toBeNull();
  });
});
