// Connector webhook triggers on a real Postgres, through the real route handler and a real worker: who gets in
// (key, Basic, HMAC), that a refused request leaves no run, that an event sent twice makes one run, routing, and a
// waiting caller answered by Respond or, when the flow is late or fails, by the trigger's fallback before its
// deadline. The fixture connector (test/connectors/webhook-fixture.ts) is added to the registry here.
import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/hooks/[id]/route";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { subscriptionCalls } from "@/test/connectors/webhook-fixture";
import { linearGraph, waitFor, waitForRun } from "@/test/runtime/helpers";
import { listenOnLoopback } from "@/test/local-server";
import { getDb } from "../db/client";
import { defaultKeyRing } from "../security/keyring";
import * as flows from "../services/flows.service";
import { getWebhookInfo } from "../services/webhooks.service";
import { getRunQueue, startWorker, type RunQueue, type Worker } from ".";
import { FALLBACK_HEADER } from "./webhook-connector";
import type * as Registry from "@/server/connectors";

vi.mock("@/server/connectors", async (importOriginal) => {
  const actual = await importOriginal<typeof Registry>();
  const { withFixture } = await import("@/test/connectors/webhook-fixture");
  return { ...actual, findOperation: withFixture(actual.findOperation) };
});

let t: TestDatabase;
let queue: RunQueue;
let worker: Worker;
let slow: http.Server;
let slowBase: string;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.CONFLUX_SECRET_KEY = crypto.randomBytes(32).toString("base64");
  slow = http.createServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"stock":3}'), 3_000);
  });
  slowBase = await listenOnLoopback(slow);
  queue = await getRunQueue();
  worker = await startWorker({
    databaseUrl: t.url,
    db: t.db,
    concurrency: 4,
    log: () => {},
    tickMs: 200,
    reapMs: 600_000,
  });
});
afterAll(async () => {
  await worker?.stop();
  await queue?.stop();
  slow?.closeAllConnections();
  await new Promise((resolve) => slow?.close(resolve));
  await getDb().$disconnect();
  await t?.drop();
});

type Spec = Parameters<typeof linearGraph>[number];

/** Creates, saves and starts a flow the way the designer does, so Start's onEnable runs. */
async function startHook(operation: string, inputs: Record<string, unknown>, ...steps: Spec[]) {
  const workspace = await t.db.workspace.create({ data: { name: "Test" } });
  const flow = await flows.createFlow(t.db, workspace.id, `Fixture ${operation}`);
  const graph = linearGraph({ id: "hook", connectorId: "webhook-fixture", operation, inputs }, ...steps);
  await flows.saveDraft(t.db, workspace.id, flow.id, graph, 0);
  await flows.startFlow(t.db, workspace.id, flow.id, { publicOrigin: "https://conflux.example.com" });
  const info = await getWebhookInfo(t.db, defaultKeyRing(), workspace.id, flow.id);
  return {
    workspaceId: workspace.id,
    flowId: flow.id,
    id: info.path?.split("/").pop() ?? "",
    secret: info.secret ?? "",
  };
}

function post(id: string, body: string, headers: Record<string, string>): Promise<Response> {
  const request = new Request(`http://localhost/api/hooks/${id}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
  return POST(request, { params: Promise.resolve({ id }) });
}

const runsOf = (flowId: string) => t.db.run.findMany({ where: { flowId } });
const hmac = (secret: string, body: string) =>
  `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const event = (eventId: string, businessUnit = "US1") => JSON.stringify({ eventId, orderNo: "SO-1", businessUnit });
const respond = (body: string): Spec => ({
  id: "answer",
  type: "respond",
  connectorId: "core",
  operation: "respond",
  inputs: { status: 200, body },
});

describe("connector webhook triggers", () => {
  it("refuses a wrong or missing HMAC with 401 and leaves no run; a right one makes a run", async () => {
    const hook = await startHook("signedEvent", {});
    const body = event("e-1");
    const attempts: Array<Record<string, string>> = [
      {},
      { "x-fixture-signature": hmac("wrong-secret", body) },
      { "x-fixture-signature": hmac(hook.secret, body).slice(7) },
    ];
    for (const headers of attempts) {
      const refused = await post(hook.id, body, headers);
      expect(refused.status).toBe(401);
    }
    // Signed for another body: the signature covers the bytes sent.
    expect((await post(hook.id, body, { "x-fixture-signature": hmac(hook.secret, event("e-2")) })).status).toBe(401);
    expect(await runsOf(hook.flowId)).toHaveLength(0);
    const state = await t.db.triggerState.findUnique({ where: { flowId: hook.flowId } });
    expect(state?.lastError).toContain("x-fixture-signature");

    const accepted = await post(hook.id, body, { "x-fixture-signature": hmac(hook.secret, body) });
    expect(accepted.status).toBe(202);
    const runs = await runsOf(hook.flowId);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.triggerData).toEqual({ eventId: "e-1", orderNo: "SO-1", businessUnit: "US1" });
  });

  it("makes one run of an event sent twice, also when both arrive at once", async () => {
    const hook = await startHook("basicEvent", {});
    const body = event("e-twice");
    const auth = { authorization: basic("fusion", hook.secret) };
    const answers = await Promise.all([
      post(hook.id, body, auth),
      post(hook.id, body, auth),
      post(hook.id, body, auth),
    ]);
    const runs = await runsOf(hook.flowId);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.dedupeKey).toBe("webhook:e-twice");
    expect(answers.map((answer) => answer.headers.get("x-conflux-run-id"))).toEqual([
      runs[0]?.id,
      runs[0]?.id,
      runs[0]?.id,
    ]);
    expect((await post(hook.id, event("e-other"), auth)).status).toBe(202);
    expect(await runsOf(hook.flowId)).toHaveLength(2);
  });

  it("refuses wrong Basic credentials with a challenge, and bodies the trigger cannot read with 400, without runs", async () => {
    const hook = await startHook("basicEvent", {});
    const body = event("e-basic");
    for (const authorization of [basic("fusion", "nope"), basic("other", hook.secret), `Bearer ${hook.secret}`]) {
      const refused = await post(hook.id, body, { authorization });
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toContain("Basic");
    }
    const unreadable = await post(hook.id, JSON.stringify({ orderNo: 7 }), {
      authorization: basic("fusion", hook.secret),
    });
    expect(unreadable.status).toBe(400);
    const answer = (await unreadable.json()) as { error: { message: string } };
    expect(answer.error.message).toContain("eventId");
    expect(await runsOf(hook.flowId)).toHaveLength(0);
  });

  it("ignores events the flow's routing does not accept, without a run", async () => {
    const hook = await startHook("signedEvent", { businessUnit: "EU1" });
    const other = event("e-us", "US1");
    const ignored = await post(hook.id, other, { "x-fixture-signature": hmac(hook.secret, other) });
    expect(ignored.status).toBe(202);
    expect(await ignored.json()).toEqual({ ignored: true });
    const mine = event("e-eu", "EU1");
    expect((await post(hook.id, mine, { "x-fixture-signature": hmac(hook.secret, mine) })).status).toBe(202);
    expect((await runsOf(hook.flowId)).map((run) => run.dedupeKey)).toEqual(["webhook:e-eu"]);
  });

  it("answers a waiting caller with Respond's body when it matches the trigger's answer schema", async () => {
    const hook = await startHook("question", {}, respond('{{ {"answer": "yes to " & trigger.text} }}'));
    const answer = await post(hook.id, JSON.stringify({ text: "stock?" }), { authorization: hook.secret });
    expect(answer.status).toBe(200);
    expect(answer.headers.get(FALLBACK_HEADER)).toBeNull();
    expect(await answer.json()).toEqual({ answer: "yes to stock?" });
    expect((await post(hook.id, "{}", { authorization: `${hook.secret}x` })).status).toBe(401);
    expect(await runsOf(hook.flowId)).toHaveLength(1);
  });

  it("answers with the fallback before the deadline when the flow is slow, and the run still finishes", async () => {
    const hook = await startHook(
      "question",
      { deadlineMs: 1_000 },
      { id: "stock", connectorId: "http", operation: "request", inputs: { url: `${slowBase}/stock` } },
      respond('{{ {"answer": "late"} }}'),
    );
    const started = Date.now();
    const answer = await post(hook.id, JSON.stringify({ text: "slow" }), { authorization: hook.secret });
    const waited = Date.now() - started;
    expect(answer.status).toBe(200);
    expect(answer.headers.get(FALLBACK_HEADER)).toBe("timeout");
    expect(await answer.json()).toEqual({ answer: "fallback (timeout) for slow" });
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(2_900);
    const runId = answer.headers.get("x-conflux-run-id") ?? "";
    expect((await waitForRun(t.db, runId)).status).toBe("succeeded");
  });

  it("answers with the fallback when Respond's body does not match the answer schema", async () => {
    const hook = await startHook("question", {}, respond('{{ {"wrong": 1} }}'));
    const answer = await post(hook.id, JSON.stringify({ text: "shape" }), { authorization: hook.secret });
    expect(answer.headers.get(FALLBACK_HEADER)).toBe("invalid");
    expect(await answer.json()).toEqual({ answer: "fallback (invalid) for shape" });
  });

  it("registers the subscription on Start with the flow's address and secret, and removes it on Stop", async () => {
    subscriptionCalls.length = 0;
    const hook = await startHook("question", { register: true }, respond('{{ {"answer": "ok"} }}'));
    expect(subscriptionCalls).toEqual([
      {
        kind: "enable",
        url: `https://conflux.example.com/api/hooks/${hook.id}`,
        secret: hook.secret,
        input: { deadlineMs: 2_000, register: true },
      },
    ]);
    await flows.stopFlow(t.db, hook.workspaceId, hook.flowId, { publicOrigin: "https://conflux.example.com" });
    await waitFor(async () => (subscriptionCalls.length === 2 ? true : undefined), "onDisable");
    expect(subscriptionCalls[1]).toMatchObject({ kind: "disable", secret: hook.secret });
    expect((await post(hook.id, JSON.stringify({ text: "stopped" }), { authorization: hook.secret })).status).toBe(404);
  });
});
