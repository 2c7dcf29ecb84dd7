// Webhook runs end to end on a real Postgres: route handler -> run -> queue -> worker, and a caller waiting for the
// flow's Respond step (answered, failed first, or too late).
import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/hooks/[id]/route";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { getDb } from "../db/client";
import { defaultKeyRing } from "../security/keyring";
import { signedHeaders } from "@/test/runtime/webhook-signing";
import { getWebhookInfo } from "../services/webhooks.service";
import { getRunQueue, startWorker, type RunQueue, type Worker } from ".";
import { linearGraph, seedRunningFlow, waitForRun } from "@/test/runtime/helpers";
import { toJsonInput } from "./json";
import { awaitRunResponse } from "./webhook-response";
import { closedPort, listenOnLoopback } from "@/test/local-server";

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
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ stock: 3 }));
    }, 2_500);
  });
  slowBase = await listenOnLoopback(slow);
  queue = await getRunQueue();
  worker = await startWorker({
    databaseUrl: t.url,
    db: t.db,
    concurrency: 2,
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

async function seedHook(inputs: Record<string, unknown>, ...steps: Spec[]) {
  const graph = linearGraph({ id: "hook", connectorId: "core", operation: "webhook", inputs }, ...steps);
  const flow = await seedRunningFlow(t.db, graph);
  const info = await getWebhookInfo(t.db, defaultKeyRing(), flow.workspaceId, flow.flowId);
  return { ...flow, id: info.path?.split("/").pop() ?? "", secret: info.secret ?? "" };
}

function post(hook: { id: string; secret: string }, payload: unknown): Promise<Response> {
  const body = JSON.stringify(payload);
  const headers = signedHeaders(hook.secret, { body, headers: { "content-type": "application/json" } });
  const request = new Request(`http://localhost/api/hooks/${hook.id}`, { method: "POST", body, headers });
  return POST(request, { params: Promise.resolve({ id: hook.id }) });
}

const respond = (inputs: Record<string, unknown>): Spec => ({
  id: "answer",
  type: "respond",
  connectorId: "core",
  operation: "respond",
  inputs,
});
const note: Spec = {
  id: "note",
  connectorId: "core",
  operation: "log",
  inputs: { message: "Order {{ trigger.body.orderNo }}" },
};

describe("webhook runs", () => {
  it("answers 202 at once and the worker then runs the flow with the request as trigger data", async () => {
    const hook = await seedHook({}, note);
    const response = await post(hook, { orderNo: "A-17" });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    const run = await waitForRun(t.db, runId);
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => [step.stepId, step.status])).toEqual([
      ["hook", "succeeded"],
      ["note", "succeeded"],
    ]);
    expect(run.steps[0]?.output).toMatchObject({ body: { orderNo: "A-17" }, eventId: null });
    expect(run.steps[1]?.output).toMatchObject({ message: "Order A-17" });
  });

  it("answers with the Respond step's status, headers and body while the caller waits", async () => {
    const hook = await seedHook(
      {},
      respond({
        status: 201,
        headers: { "X-Order": "{{ trigger.body.orderNo }}" },
        body: '{{ {"accepted": true, "orderNo": trigger.body.orderNo} }}',
      }),
      note,
    );
    const response = await post(hook, { orderNo: "R-5" });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-order")).toBe("R-5");
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({ accepted: true, orderNo: "R-5" });
    const runId = response.headers.get("x-conflux-run-id") ?? "";
    expect((await waitForRun(t.db, runId)).status).toBe("succeeded");
  });

  it("answers 504 with the run id when Respond comes too late, and the run still finishes", async () => {
    const hook = await seedHook(
      { responseTimeoutMs: 1_000 },
      { id: "stock", connectorId: "http", operation: "request", inputs: { url: `${slowBase}/stock` } },
      respond({ status: 200, body: "in stock" }),
    );
    const response = await post(hook, { orderNo: "S-1" });
    expect(response.status).toBe(504);
    const answer = (await response.json()) as { runId: string; error: { code: string } };
    expect(answer.error.code).toBe("TIMEOUT");
    const run = await waitForRun(t.db, answer.runId);
    expect(run).toMatchObject({ status: "succeeded", response: { status: 200, headers: {}, body: "in stock" } });
  });

  it("answers 502 with the run id and the run's error when the run fails before responding", async () => {
    const port = await closedPort();
    const hook = await seedHook(
      {},
      {
        id: "fetch",
        connectorId: "http",
        operation: "request",
        inputs: { url: `http://127.0.0.1:${port}/orders` },
        settings: { maxAttempts: 1 },
      },
      respond({ status: 200 }),
    );
    const response = await post(hook, { orderNo: "F-1" });
    expect(response.status).toBe(502);
    const answer = (await response.json()) as { runId: string; error: { code: string; message: string } };
    const run = await waitForRun(t.db, answer.runId);
    expect(run.status).toBe("failed");
    expect(answer.error.code).toBe("RUN_FAILED");
    expect(answer.error.message).toBe((run.error as { message: string }).message);
  });

  it("answers as soon as Run.response appears: text as text, no body for 204", async () => {
    const flow = await seedRunningFlow(t.db, linearGraph({ id: "hook", connectorId: "core", operation: "webhook" }));
    const makeRun = () =>
      t.db.run.create({
        data: {
          workspaceId: flow.workspaceId,
          flowId: flow.flowId,
          flowVersionId: flow.versionId,
          triggerKind: "webhook",
          triggerData: {},
        },
      });
    const text = await makeRun();
    const waiting = awaitRunResponse(t.db, text.id, { timeoutMs: 10_000 });
    // Still waiting while there is no response (a negative needs a window of time; 300 ms is three polls).
    const early = await Promise.race([
      waiting.then(() => "answered"),
      new Promise((resolve) => setTimeout(resolve, 300, "waiting")),
    ]);
    expect(early).toBe("waiting");
    await t.db.run.update({
      where: { id: text.id },
      data: {
        response: toJsonInput({ status: 409, headers: { "Retry-After": "5", "Content-Length": "999" }, body: "taken" }),
      },
    });
    const answered = await waiting;
    expect([answered.status, answered.headers.get("retry-after"), await answered.text()]).toEqual([409, "5", "taken"]);
    expect(answered.headers.get("content-type")).toBe("text/plain; charset=utf-8");

    const empty = await makeRun();
    await t.db.run.update({
      where: { id: empty.id },
      data: { response: toJsonInput({ status: 204, headers: {}, body: "x" }) },
    });
    const none = await awaitRunResponse(t.db, empty.id, { timeoutMs: 1_000 });
    expect([none.status, await none.text(), none.headers.get("x-conflux-run-id")]).toEqual([204, "", empty.id]);
  });
});
