// The Oracle business event triggers on a real Postgres, through the real webhook route: Basic credentials (the
// trigger's user name and the flow's secret) checked before anything is stored, one run per event however often
// Oracle sends it, and routing by business unit, source system, fulfillment organization, status and notification
// type, so each flow receives only what it handles. Events come from the simulator's outbox, as its page sends them.
import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/hooks/[id]/route";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { linearGraph } from "@/test/runtime/helpers";
import { listenOnLoopback } from "@/test/local-server";
import { getDb } from "@/server/db/client";
import { defaultKeyRing } from "@/server/security/keyring";
import * as flows from "@/server/services/flows.service";
import { getWebhookInfo } from "@/server/services/webhooks.service";
import { runConsoleAction } from "../simulator/console";
import { createEventOutbox } from "../simulator/events";
import { SAMPLE_USER, sampleReference } from "../simulator/fixtures";
import { createOracleBackend } from "../simulator";

let t: TestDatabase;
let relay: http.Server;
let relayBase = "";

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.CONFLUX_SECRET_KEY = crypto.randomBytes(32).toString("base64");
  // Oracle posts over HTTP; this relay hands each request to the app's webhook route, as Next.js would.
  relay = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const id = (req.url ?? "").split("/").pop() ?? "";
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const answer = await POST(
        new Request(`http://localhost/api/hooks/${id}`, { method: "POST", headers, body: Buffer.concat(chunks) }),
        { params: Promise.resolve({ id }) },
      );
      res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
    });
  });
  relayBase = await listenOnLoopback(relay);
});
afterAll(async () => {
  relay?.closeAllConnections();
  await new Promise((resolve) => relay?.close(resolve));
  await getDb().$disconnect();
  await t?.drop();
});

async function startFlow(operation: string, inputs: Record<string, unknown>) {
  const workspace = await t.db.workspace.create({ data: { name: "Test" } });
  const flow = await flows.createFlow(t.db, workspace.id, `Oracle ${operation}`);
  const graph = linearGraph(
    { id: "event", connectorId: "oracle", operation, inputs },
    { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ trigger.OrderNumber }}" } },
  );
  await flows.saveDraft(t.db, workspace.id, flow.id, graph, 0);
  await flows.startFlow(t.db, workspace.id, flow.id, { publicOrigin: relayBase });
  const info = await getWebhookInfo(t.db, defaultKeyRing(), workspace.id, flow.id);
  return {
    flowId: flow.id,
    url: `${relayBase}/api/hooks/${info.path?.split("/").pop() ?? ""}`,
    secret: info.secret ?? "",
  };
}

const runsOf = async (flowId: string) =>
  (await t.db.run.findMany({ where: { flowId }, orderBy: { createdAt: "asc" } })).map(
    (run) => run.triggerData as Record<string, unknown>,
  );

function simulator() {
  const backend = createOracleBackend({ users: [SAMPLE_USER], ...sampleReference() });
  return { backend, outbox: createEventOutbox() };
}

async function createOrder(sim: ReturnType<typeof simulator>, overrides: Record<string, unknown> = {}) {
  await runConsoleAction(sim.backend, sim.outbox, {
    action: "create",
    sourceSystem: "LEG",
    businessUnitName: "Vision Operations",
    buyingPartyName: "Ada",
    productNumber: "AS92888",
    quantity: 1,
    organization: "M1",
    submit: true,
    ...overrides,
  });
  const order = sim.backend.state.orders.at(-1);
  return `${order?.SourceTransactionSystem}:${order?.SourceTransactionId}`;
}

describe("Order status updated", () => {
  it("runs once per event sent with the right Basic credentials, and never for wrong ones", async () => {
    const hook = await startFlow("orderStatusUpdated", {});
    const sim = simulator();
    const orderKey = await createOrder(sim);
    sim.outbox.subscribe({ event: "Order Status Updated", url: hook.url, user: "oracle", password: "wrong" });
    const refused = await runConsoleAction(sim.backend, sim.outbox, { action: "ship", orderKey });
    expect(refused.deliveries[0]?.status).toBe(401);
    expect(await runsOf(hook.flowId)).toHaveLength(0);

    sim.outbox.subscribe({ event: "Order Status Updated", url: hook.url, user: "oracle", password: hook.secret });
    const closed = await runConsoleAction(sim.backend, sim.outbox, { action: "close", orderKey });
    expect(closed.deliveries[0]?.status).toBe(202);
    const runs = await runsOf(hook.flowId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      EventName: "Order Status Updated",
      OrderKey: orderKey,
      StatusCode: "CLOSED",
      PreviousStatusCode: "OPEN",
      orderStatusChanged: true,
      lines: [{ ProductNumber: "AS92888", StatusCode: "CLOSED", PreviousStatusCode: "SHIPPED", statusChanged: true }],
    });
  });

  it("makes one run of an event Oracle sends twice", async () => {
    const hook = await startFlow("orderStatusUpdated", {});
    const body = JSON.stringify({
      EventName: "Order Status Updated",
      EventId: "evt-twice",
      HeaderId: 1,
      SourceTransactionSystem: "LEG",
      SourceTransactionId: "T-1",
      StatusCode: "CLOSED",
      FulfillLines: [],
    });
    const headers = {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from(`oracle:${hook.secret}`).toString("base64")}`,
    };
    const answers = await Promise.all([1, 2].map(() => fetch(hook.url, { method: "POST", headers, body })));
    // Accepted once, and the repeat is answered as a duplicate of the same run (both 2xx, so Oracle stops resending).
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 202]);
    expect(await runsOf(hook.flowId)).toHaveLength(1);
  });

  it("makes no second run of a request replayed later without an EventId (Basic carries no timestamp)", async () => {
    for (const [operation, eventName] of [
      ["orderStatusUpdated", "Order Status Updated"],
      ["salesOrderNotification", "Sales Order Notification"],
    ] as const) {
      const hook = await startFlow(operation, {});
      const body = JSON.stringify({
        EventName: eventName,
        HeaderId: 7,
        SourceTransactionSystem: "LEG",
        SourceTransactionId: "T-7",
        StatusCode: "SHIPPED",
        LastUpdateDate: "2026-12-06T10:00:00Z",
        FulfillLines: [{ FulfillLineId: 71, StatusCode: "SHIPPED" }],
      });
      const headers = {
        "content-type": "application/json",
        authorization: `Basic ${Buffer.from(`oracle:${hook.secret}`).toString("base64")}`,
      };
      const first = await fetch(hook.url, { method: "POST", headers, body });
      expect(first.status).toBe(202);
      // Whoever captured the request sends it again, byte for byte: the key comes from the event, so it is the same.
      const replay = await fetch(hook.url, { method: "POST", headers, body });
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({ duplicate: true });
      expect(await runsOf(hook.flowId)).toHaveLength(1);
    }
  });

  it("routes by business unit, source system, fulfillment organization and status, like Oracle's rules", async () => {
    const vision = await startFlow("orderStatusUpdated", {
      businessUnits: "Vision Operations",
      fulfillmentOrganizations: "M1",
      statusCodes: "SHIPPED",
    });
    const italy = await startFlow("orderStatusUpdated", { businessUnits: "EMEA - Italy", sourceSystems: "OPS" });
    const sim = simulator();
    const visionM1 = await createOrder(sim);
    const visionV1 = await createOrder(sim, { organization: "V1" });
    const italyOps = await createOrder(sim, { businessUnitName: "EMEA - Italy", sourceSystem: "OPS" });
    const italyLeg = await createOrder(sim, { businessUnitName: "EMEA - Italy" });
    for (const hook of [vision, italy]) {
      sim.outbox.subscribe({ event: "Order Status Updated", url: hook.url, user: "oracle", password: hook.secret });
      for (const orderKey of [visionM1, visionV1, italyOps, italyLeg]) {
        const sent = await runConsoleAction(sim.backend, sim.outbox, { action: "ship", orderKey });
        expect(sent.deliveries[0]?.status).toBe(202);
        sim.backend.setStatus(orderKey, "OPEN", { 1: "AWAIT_SHIP" });
      }
    }
    expect((await runsOf(vision.flowId)).map((run) => run.OrderKey)).toEqual([visionM1]);
    expect((await runsOf(italy.flowId)).map((run) => run.OrderKey)).toEqual([italyOps]);
  });
});

describe("Sales order notification", () => {
  it("takes only the notification types the flow asks for", async () => {
    const hook = await startFlow("salesOrderNotification", { notificationTypes: ["HOLD"] });
    const sim = simulator();
    const orderKey = await createOrder(sim);
    sim.outbox.subscribe({ event: "Sales Order Notification", url: hook.url, user: "oracle", password: hook.secret });
    await runConsoleAction(sim.backend, sim.outbox, { action: "ship", orderKey });
    await runConsoleAction(sim.backend, sim.outbox, { action: "hold", orderKey });
    const runs = await runsOf(hook.flowId);
    expect(runs.map((run) => run.NotificationType)).toEqual(["HOLD"]);
    expect(runs[0]).toMatchObject({ EventName: "Sales Order Notification", OrderKey: orderKey });
  });
});
