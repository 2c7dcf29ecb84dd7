// "Listen for a test event" on a real Postgres, through the real route handler: the first request to a test address
// becomes the trigger's sample (authenticated as the flow's own address would be), starts no run, and every later
// request, a cancelled or an expired address gets 410. Connector triggers use the fixture connector's schemes.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/hooks/listen/[id]/route";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { linearGraph } from "@/test/runtime/helpers";
import { getDb } from "../db/client";
import { defaultKeyRing } from "../security/keyring";
import { signedHeaders } from "@/test/runtime/webhook-signing";
import * as flows from "../services/flows.service";
import { getSampleListener, listenForSample, stopListeningForSample } from "../services/sample-listeners.service";
import { getTestSamples } from "../services/test-run.service";
import { getWebhookInfo } from "../services/webhooks.service";
import type * as Registry from "@/server/connectors";

vi.mock("@/server/connectors", async (importOriginal) => {
  const actual = await importOriginal<typeof Registry>();
  const { withFixture } = await import("@/test/connectors/webhook-fixture");
  return { ...actual, findOperation: withFixture(actual.findOperation) };
});

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.CONFLUX_SECRET_KEY = crypto.randomBytes(32).toString("base64");
});
afterAll(async () => {
  await getDb().$disconnect();
  await t?.drop();
});

/** A flow that was never started, with `trigger` on its canvas, listening for a test event. */
async function listening(trigger: { connectorId: string; operation: string; inputs: Record<string, unknown> }) {
  const workspace = await t.db.workspace.create({ data: { name: "Test" } });
  const flow = await flows.createFlow(t.db, workspace.id, "Sample");
  await flows.saveDraft(t.db, workspace.id, flow.id, linearGraph({ id: "hook", ...trigger }), 0);
  const listener = await listenForSample(t.db, defaultKeyRing(), workspace.id, flow.id, trigger);
  const info = await getWebhookInfo(t.db, defaultKeyRing(), workspace.id, flow.id);
  return { workspaceId: workspace.id, flowId: flow.id, listener, secret: info.secret ?? "" };
}

function send(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  const id = path.split("/").pop() ?? "";
  const request = new Request(`http://localhost${path}?source=test`, { method: "POST", body, headers });
  return POST(request, { params: Promise.resolve({ id }) });
}

const runsOf = (flowId: string) => t.db.run.count({ where: { flowId } });
const core = (inputs: Record<string, unknown> = {}) => ({ connectorId: "core", operation: "webhook", inputs });

describe("listen for a test event", () => {
  it("takes the first signed request as the sample, starts no run and answers 410 afterwards", async () => {
    const flow = await listening(core());
    expect(flow.listener).toMatchObject({ state: "listening", path: expect.stringMatching(/^\/api\/hooks\/listen\//) });
    expect(flow.listener.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    const body = JSON.stringify({ orderNo: "Y100", amount: 12.5 });

    const unsigned = await send(flow.listener.path, body, { "content-type": "application/json" });
    expect(unsigned.status).toBe(401);
    const refused = await getSampleListener(t.db, flow.workspaceId, flow.flowId);
    expect(refused).toMatchObject({ state: "listening", lastError: expect.stringContaining("x-conflux-signature") });

    const headers = signedHeaders(flow.secret, {
      body,
      headers: { "content-type": "application/json", "x-event-id": "e-1" },
      query: "source=test",
    });
    const first = await send(flow.listener.path, body, headers);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ captured: true });
    const captured = await getSampleListener(t.db, flow.workspaceId, flow.flowId);
    expect(captured).toMatchObject({
      state: "captured",
      data: { body: { orderNo: "Y100", amount: 12.5 }, query: { source: "test" }, eventId: "e-1" },
    });
    expect(captured?.data).not.toHaveProperty("headers.x-conflux-signature");
    expect(captured?.data).toHaveProperty("headers.content-type", "application/json");

    const second = await send(flow.listener.path, body, headers);
    expect(second.status).toBe(410);
    expect(await second.text()).toContain("already taken its event");
    expect(await runsOf(flow.flowId)).toBe(0);

    // Test and Run now with data start from it, for this trigger only.
    const samples = await getTestSamples(t.db, flow.workspaceId, flow.flowId);
    expect(samples.captured?.data).toMatchObject({ body: { orderNo: "Y100" } });
    const other = await getTestSamples(t.db, flow.workspaceId, flow.flowId, {
      connectorId: "core",
      operation: "manual",
    });
    expect(other.captured).toBeNull();
  });

  it("reads XML when the trigger asks for no signature", async () => {
    const flow = await listening(core({ verifySignature: false }));
    const xml = '<Order OrderNo="Y7"><OrderLines><OrderLine PrimeLineNo="1"/></OrderLines></Order>';
    const response = await send(flow.listener.path, xml, { "content-type": "application/xml" });
    expect(response.status).toBe(200);
    const captured = await getSampleListener(t.db, flow.workspaceId, flow.flowId);
    expect(captured?.data).toMatchObject({
      body: { Order: { OrderNo: "Y7", OrderLines: { OrderLine: [{ PrimeLineNo: "1" }] } } },
      rawBody: xml,
    });
  });

  it("closes on Cancel, on listening again and with time", async () => {
    const flow = await listening(core({ verifySignature: false }));
    await stopListeningForSample(t.db, flow.workspaceId, flow.flowId);
    const cancelled = await send(flow.listener.path, "{}", { "content-type": "application/json" });
    expect(cancelled.status).toBe(410);
    expect(await cancelled.text()).toContain("closed");

    const replaced = await listenForSample(t.db, defaultKeyRing(), flow.workspaceId, flow.flowId, core());
    const latest = await listenForSample(t.db, defaultKeyRing(), flow.workspaceId, flow.flowId, core());
    expect((await send(replaced.path, "{}", { "content-type": "application/json" })).status).toBe(410);
    await t.db.sampleListener.update({ where: { id: latest.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await send(latest.path, "{}", { "content-type": "application/json" });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("expired");
    expect(await getSampleListener(t.db, flow.workspaceId, flow.flowId)).toMatchObject({ state: "expired" });
    expect((await send("/api/hooks/listen/unknown-address-000", "{}")).status).toBe(404);
  });

  it("takes exactly one of two requests sent together", async () => {
    const flow = await listening(core({ verifySignature: false }));
    const headers = { "content-type": "application/json" };
    const answers = await Promise.all([
      send(flow.listener.path, '{"n":1}', headers),
      send(flow.listener.path, '{"n":2}', headers),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410]);
  });

  it("authenticates a connector trigger's caller its own way and reads the body through its schema", async () => {
    const flow = await listening({ connectorId: "webhook-fixture", operation: "basicEvent", inputs: {} });
    const event = JSON.stringify({ eventId: "e-9", orderNo: "A-9", businessUnit: "EU" });
    const basic = (password: string) => `Basic ${Buffer.from(`fusion:${password}`).toString("base64")}`;
    const headers = { "content-type": "application/json" };
    const wrong = await send(flow.listener.path, event, { ...headers, authorization: basic("nope") });
    expect(wrong.status).toBe(401);
    const bad = await send(flow.listener.path, '{"orderNo":1}', { ...headers, authorization: basic(flow.secret) });
    expect(bad.status).toBe(400);
    const right = await send(flow.listener.path, event, { ...headers, authorization: basic(flow.secret) });
    expect(right.status).toBe(200);
    expect(await getSampleListener(t.db, flow.workspaceId, flow.flowId)).toMatchObject({
      state: "captured",
      data: { eventId: "e-9", orderNo: "A-9", businessUnit: "EU" },
    });
    expect(await runsOf(flow.flowId)).toBe(0);
  });

  it("refuses triggers that are not webhooks", async () => {
    const workspace = await t.db.workspace.create({ data: { name: "Test" } });
    const flow = await flows.createFlow(t.db, workspace.id, "Manual");
    await expect(
      listenForSample(t.db, defaultKeyRing(), workspace.id, flow.id, {
        connectorId: "core",
        operation: "manual",
        inputs: {},
      }),
    ).rejects.toThrow(/Only webhook triggers/);
  });
});
