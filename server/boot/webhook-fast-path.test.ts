// Webhooks served by the HTTP server itself (as `npm start` does) reach the same handler as the Next.js route: a run
// is saved and answered 202, an event id sent again is a duplicate, a body over the limit (1 MB by default) is a 413, and anything but
// a POST to a webhook address is left to Next.js. Real Postgres, real HTTP.
import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { listenUnlisted } from "@/test/local-server";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { getDb } from "../db/client";
import { getRunQueue, type RunQueue } from "../runtime";
import { answerWebhook } from "../runtime/webhook-entry";
import { defaultKeyRing } from "../security/keyring";
import { getWebhookInfo } from "../services/webhooks.service";
import { serveWebhook, webhookIdOf } from "./webhook-fast-path";

let t: TestDatabase;
let queue: RunQueue;
let server: http.Server;
let baseUrl: string;
const leftToNext: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.CONFLUX_SECRET_KEY = crypto.randomBytes(32).toString("base64");
  queue = await getRunQueue();
  server = http.createServer((request, response) => {
    const id = webhookIdOf(request);
    if (id === undefined) {
      leftToNext.push(`${request.method} ${request.url}`);
      response.writeHead(404).end();
      return;
    }
    void serveWebhook(request, response, id, answerWebhook);
  });
  baseUrl = await listenUnlisted(server);
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await queue?.stop();
  await getDb().$disconnect();
  await t?.drop();
});

describe("the webhook fast path", () => {
  it("answers through the webhook handler, and leaves every other request to Next.js", async () => {
    const flow = await seedRunningFlow(
      t.db,
      linearGraph(
        { id: "hook", connectorId: "core", operation: "webhook", inputs: { verifySignature: false } },
        { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ trigger.body.orderNo }}" } },
      ),
    );
    const info = await getWebhookInfo(t.db, defaultKeyRing(), flow.workspaceId, flow.flowId);
    const hookUrl = `${baseUrl}/api/hooks/${info.path?.split("/").pop() ?? ""}`;
    const send = (body: string, eventId: string) =>
      fetch(`${hookUrl}?source=shop`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-event-id": eventId },
      });

    const first = await send(JSON.stringify({ orderNo: "A-1" }), "evt-1");
    expect(first.status).toBe(202);
    const { runId } = (await first.json()) as { runId: string };
    expect(first.headers.get("x-conflux-run-id")).toBe(runId);
    const run = await t.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.triggerData).toMatchObject({ body: { orderNo: "A-1" }, query: { source: "shop" }, eventId: "evt-1" });

    const again = await send(JSON.stringify({ orderNo: "A-1" }), "evt-1");
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ runId, duplicate: true });

    const large = await send(JSON.stringify({ orderNo: "x".repeat(1100 * 1024) }), "evt-2");
    expect(large.status).toBe(413);
    expect(await t.db.run.count({ where: { flowId: flow.flowId } })).toBe(1);

    expect((await fetch(hookUrl)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/trpc/flows.list`, { method: "POST", body: "{}" })).status).toBe(404);
    expect(leftToNext).toEqual([`GET /api/hooks/${info.path?.split("/").pop() ?? ""}`, "POST /api/trpc/flows.list"]);
  });
});
