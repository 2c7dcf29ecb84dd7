// The webhook endpoint on a real Postgres, called through the real route handler: who gets in, what a run starts
// with, and that an event id never makes a second run. No worker here: runs stay queued (webhook-run.test.ts runs them).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/hooks/[id]/route";
import { type TestDatabase } from "@/test/database";
import { closeProcessDatabase, openProcessDatabase } from "@/test/runtime/process-database";
import { defaultKeyRing, parseSecretKeyVariable, withNewestKey } from "../security/keyring";
import * as flows from "../services/flows.service";
import { getWebhookInfo, resealWebhookSecrets, rotateWebhookSecret } from "../services/webhooks.service";
import type { RunQueue } from ".";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { signedHeaders } from "@/test/runtime/webhook-signing";

let t: TestDatabase;
let queue: RunQueue;

beforeAll(async () => {
  ({ t, queue } = await openProcessDatabase());
});
afterAll(() => closeProcessDatabase(t, queue));

function webhookFlow(inputs: Record<string, unknown> = {}) {
  return linearGraph(
    { id: "hook", connectorId: "core", operation: "webhook", inputs },
    { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ trigger.body.orderNo }}" } },
  );
}

async function seedHook(inputs: Record<string, unknown> = {}) {
  const flow = await seedRunningFlow(t.db, webhookFlow(inputs));
  const info = await getWebhookInfo(t.db, defaultKeyRing(), flow.workspaceId, flow.flowId);
  const id = info.path?.split("/").pop() ?? "";
  return { ...flow, id, secret: info.secret ?? "" };
}

function post(id: string, body: string, headers: Record<string, string> = {}, query = ""): Promise<Response> {
  const request = new Request(`http://localhost/api/hooks/${id}${query}`, { method: "POST", body, headers });
  return POST(request, { params: Promise.resolve({ id }) });
}

const json = { "content-type": "application/json" };
const runsOf = (flowId: string) => t.db.run.findMany({ where: { flowId } });

describe("webhook endpoint", () => {
  it("answers 202 with the id of a committed, queued run holding the request, minus secret headers", async () => {
    const hook = await seedHook();
    const body = JSON.stringify({ orderNo: "A-17" });
    const query = "?source=shop&tag=a&tag=b";
    const headers = { ...json, "X-Event-Id": "evt-1", authorization: "Bearer canary", "X-Shop": "north" };
    const response = await post(hook.id, body, signedHeaders(hook.secret, { body, headers, query }), query);
    expect(response.status).toBe(202);
    const answer: unknown = await response.json();
    const [run] = await runsOf(hook.flowId);
    expect(answer).toEqual({ runId: run?.id });
    expect(response.headers.get("x-conflux-run-id")).toBe(run?.id);
    expect(run).toMatchObject({
      status: "queued",
      triggerKind: "webhook",
      dedupeKey: "webhook:evt-1",
      flowVersionId: hook.versionId,
    });
    expect(run?.triggerData).toMatchObject({
      body: { orderNo: "A-17" },
      headers: { "content-type": "application/json", "x-event-id": "evt-1", "x-shop": "north" },
      query: { source: "shop", tag: ["a", "b"] },
      eventId: "evt-1",
    });
    expect(JSON.stringify(run?.triggerData)).not.toMatch(/canary|x-conflux-signature|authorization/);
    expect(await queue.hasLiveJob(run?.id ?? "")).toBe(true);
    const state = await t.db.triggerState.findUnique({ where: { flowId: hook.flowId } });
    expect(state?.lastFiredAt).toBeInstanceOf(Date);
  });

  it("accepts a good signature and refuses a bad, stale or missing one with 401 and a reason", async () => {
    const hook = await seedHook();
    const body = JSON.stringify({ orderNo: "B-1" });
    expect((await post(hook.id, body, signedHeaders(hook.secret, { body, headers: json }))).status).toBe(202);
    const refusals = [
      signedHeaders(hook.secret, { body: JSON.stringify({ orderNo: "B-2" }), headers: json }),
      signedHeaders("whsec_wrong", { body, headers: json }),
      signedHeaders(hook.secret, { body, headers: json, now: new Date(Date.now() - 301_000) }),
    ];
    const answers = await Promise.all(refusals.map((headers) => post(hook.id, body, headers)));
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401]);
    const reasons = await Promise.all(answers.map(async (answer) => JSON.stringify(await answer.json())));
    expect(reasons[0]).toContain("does not match");
    expect(reasons[2]).toContain("300 seconds");
    for (const reason of reasons) expect(reason).not.toContain(hook.secret);
    const missing = await post(hook.id, body, json);
    expect(await missing.json()).toEqual({
      error: { code: "SIGNATURE_INVALID", message: "The request has no x-conflux-signature header" },
    });
    expect(await runsOf(hook.flowId)).toHaveLength(1);
    const state = await t.db.triggerState.findUnique({ where: { flowId: hook.flowId } });
    expect(state?.lastError).toBe("A request was refused: The request has no x-conflux-signature header");
  });

  it("refuses a replayed signature (no event id) with 401, and keeps one run", async () => {
    const hook = await seedHook();
    const body = JSON.stringify({ orderNo: "R-1" });
    const headers = signedHeaders(hook.secret, { body, headers: json });
    expect((await post(hook.id, body, headers)).status).toBe(202);
    const replay = await post(hook.id, body, headers);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: "SIGNATURE_REPLAYED" } });
    expect(await runsOf(hook.flowId)).toHaveLength(1);
    const state = await t.db.triggerState.findUnique({ where: { flowId: hook.flowId } });
    expect(state?.lastError).toMatch(/already used/);
    // Remembered in Postgres until the window passes, then dropped with the flow's next accepted request.
    const remembered = await t.db.webhookSignature.findMany({ where: { flowId: hook.flowId } });
    expect(remembered).toHaveLength(1);
    expect(remembered[0]?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 290_000);
    await t.db.webhookSignature.updateMany({ where: { flowId: hook.flowId }, data: { expiresAt: new Date(0) } });
    const next = JSON.stringify({ orderNo: "R-2" });
    expect((await post(hook.id, next, signedHeaders(hook.secret, { body: next, headers: json }))).status).toBe(202);
    expect(await t.db.webhookSignature.count({ where: { flowId: hook.flowId } })).toBe(1);
  });

  it("refuses a signed request whose query or signed header was changed, and hides unsigned headers", async () => {
    const hook = await seedHook();
    const body = JSON.stringify({ orderNo: "Q-1" });
    const headers = signedHeaders(hook.secret, { body, headers: { ...json, "x-shop": "north" }, query: "?a=1" });
    const answers = await Promise.all([
      post(hook.id, body, headers, "?a=1&admin=true"),
      post(hook.id, body, { ...headers, "x-shop": "south" }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([401, 401]);
    expect(await runsOf(hook.flowId)).toHaveLength(0);
    const accepted = await post(hook.id, body, { ...headers, "x-added": "by a replay" }, "?a=1");
    expect(accepted.status).toBe(202);
    const [run] = await runsOf(hook.flowId);
    expect(run?.triggerData).toMatchObject({ headers: { "content-type": "application/json", "x-shop": "north" } });
    expect(JSON.stringify(run?.triggerData)).not.toContain("x-added");
  });

  it("stores an event whose body or query holds NUL characters, with the body as sent kept in base64", async () => {
    const hook = await seedHook({ verifySignature: false });
    const body = JSON.stringify({ orderNo: "N-1\u0000", "note\u0000": ["a\u0000b"] });
    const answer = await post(hook.id, body, json, "?ref=x%00y");
    expect(answer.status).toBe(202);
    const text = "plain \u0000 text";
    expect((await post(hook.id, text, { "content-type": "text/plain" })).status).toBe(202);
    const runs = await t.db.run.findMany({ where: { flowId: hook.flowId }, orderBy: { createdAt: "asc" } });
    expect(runs.map((run) => run.triggerData)).toEqual([
      expect.objectContaining({
        body: { orderNo: "N-1\uFFFD", "note\uFFFD": ["a\uFFFDb"] },
        query: { ref: "x\uFFFDy" },
        rawBodyBase64: Buffer.from(body).toString("base64"),
      }),
      expect.objectContaining({ body: "plain \uFFFD text", rawBodyBase64: Buffer.from(text).toString("base64") }),
    ]);
  });

  it("refuses a body nested deeper than 64 levels with 400 and makes no run", async () => {
    const hook = await seedHook({ verifySignature: false });
    const deep = `${"[".repeat(65)}1${"]".repeat(65)}`;
    const answer = await post(hook.id, deep, json);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error: {
        code: "VALIDATION",
        message: "The request body nests 65 levels deep, more than the limit of 64 (CONFLUX_JSON_DEPTH_LIMIT)",
      },
    });
    expect((await post(hook.id, `${"[".repeat(64)}1${"]".repeat(64)}`, json)).status).toBe(202);
    expect(await runsOf(hook.flowId)).toHaveLength(1);
  });

  it("answers 404 for unknown ids and stopped flows, 413 for big bodies and 400 for malformed JSON", async () => {
    const hook = await seedHook({ verifySignature: false });
    const unknown = await post("AAAAAAAAAAAAAAAAAAAAAAAA", "{}", json);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: "NOT_FOUND", message: "No running flow listens at this address" },
    });
    expect((await post("../../etc", "{}", json)).status).toBe(404);

    const big = "x".repeat(1024 * 1024 + 1);
    expect((await post(hook.id, big, { "content-type": "text/plain" })).status).toBe(413);
    // Without Content-Length the stream is counted as it arrives.
    // Node needs `duplex` for a streamed body; the DOM typings do not know it yet.
    const init: RequestInit & { duplex: "half" } = { method: "POST", body: new Blob([big]).stream(), duplex: "half" };
    const streamed = new Request(`http://localhost/api/hooks/${hook.id}`, init);
    expect((await POST(streamed, { params: Promise.resolve({ id: hook.id }) })).status).toBe(413);

    const malformed = await post(hook.id, '{"orderNo": ', json);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: { code: "VALIDATION", message: expect.stringMatching(/not valid JSON/) },
    });
    expect(await runsOf(hook.flowId)).toHaveLength(0);

    expect((await post(hook.id, "plain words", { "content-type": "text/plain" })).status).toBe(202);
    expect((await runsOf(hook.flowId)).map((run) => run.triggerData)).toMatchObject([{ body: "plain words" }]);

    await t.db.triggerState.update({ where: { flowId: hook.flowId }, data: { active: false } });
    expect((await post(hook.id, "{}", json)).status).toBe(404);
  });

  it("makes exactly one run for an event id sent 10 times at once; the others answer 200 duplicate", async () => {
    const hook = await seedHook({ eventIdHeader: "Stripe-Event" });
    const body = JSON.stringify({ orderNo: "C-3" });
    const headers = signedHeaders(hook.secret, {
      body,
      headers: { ...json, "stripe-event": "evt_42" },
      eventIdHeader: "stripe-event",
    });
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(hook.id, body, headers)));
    const bodies = await Promise.all(
      answers.map(async (answer) => ({ status: answer.status, body: await answer.json() })),
    );
    const runs = await t.db.run.count({ where: { flowId: hook.flowId } });
    expect(runs).toBe(1);
    const [run] = await runsOf(hook.flowId);
    expect(bodies.filter((answer) => answer.status === 202)).toEqual([{ status: 202, body: { runId: run?.id } }]);
    expect(bodies.filter((answer) => answer.status === 200)).toHaveLength(9);
    for (const answer of bodies.filter((candidate) => candidate.status === 200)) {
      expect(answer.body).toEqual({ runId: run?.id, duplicate: true });
    }
    // Without an event id every request is its own event.
    const unsigned = await seedHook({ verifySignature: false });
    await Promise.all([post(unsigned.id, "{}", json), post(unsigned.id, "{}", json)]);
    expect(await t.db.run.count({ where: { flowId: unsigned.flowId } })).toBe(2);
  });

  it("keeps the address and secret through Stop, Start and republishing; Rotate changes only the secret", async () => {
    const keys = defaultKeyRing();
    const { id: workspaceId } = await t.db.workspace.create({ data: { name: "Hooks" } });
    const flow = await flows.createFlow(t.db, workspaceId, "Orders in");
    expect(await getWebhookInfo(t.db, keys, workspaceId, flow.id)).toMatchObject({
      path: null,
      secret: null,
      listening: false,
    });
    await flows.saveDraft(t.db, workspaceId, flow.id, webhookFlow(), 0);
    await flows.startFlow(t.db, workspaceId, flow.id);
    const first = await getWebhookInfo(t.db, keys, workspaceId, flow.id);
    expect(first).toMatchObject({ path: expect.stringMatching(/^\/api\/hooks\/[A-Za-z0-9_-]{22,}$/), listening: true });
    expect(first.secret).toMatch(/^whsec_/);
    const stored = await t.db.triggerState.findUnique({ where: { flowId: flow.id } });
    expect(stored?.webhookSecret).not.toContain(first.secret?.slice(6));

    await flows.stopFlow(t.db, workspaceId, flow.id);
    expect(await getWebhookInfo(t.db, keys, workspaceId, flow.id)).toMatchObject({
      path: first.path,
      listening: false,
    });
    await flows.startFlow(t.db, workspaceId, flow.id);
    await flows.saveDraft(t.db, workspaceId, flow.id, webhookFlow({ responseTimeoutMs: 5000 }), 1);
    await flows.startFlow(t.db, workspaceId, flow.id);
    const republished = await getWebhookInfo(t.db, keys, workspaceId, flow.id);
    expect(republished).toMatchObject({ path: first.path, secret: first.secret, listening: true });
    expect(await t.db.flowVersion.count({ where: { flowId: flow.id } })).toBe(3);

    const id = first.path?.split("/").pop() ?? "";
    const body = "{}";
    const rotated = await rotateWebhookSecret(t.db, keys, workspaceId, flow.id);
    expect(rotated.path).toBe(first.path);
    expect(rotated.secret).not.toBe(first.secret);
    expect((await post(id, body, signedHeaders(first.secret ?? "", { body, headers: json }))).status).toBe(401);
    expect((await post(id, body, signedHeaders(rotated.secret ?? "", { body, headers: json }))).status).toBe(202);
  });

  it("re-seals secrets under a new current key so the old key can be retired", async () => {
    const hook = await seedHook();
    const oldRing = parseSecretKeyVariable(process.env.CONFLUX_SECRET_KEY ?? "");
    const rotated = withNewestKey(oldRing);
    const report = await resealWebhookSecrets(t.db, rotated);
    expect(report.unreadable).toEqual([]);
    expect(report.resealed).toBeGreaterThanOrEqual(1);
    const newOnly = {
      currentKeyId: rotated.currentKeyId,
      keys: new Map([...rotated.keys].filter(([id]) => id === rotated.currentKeyId)),
    };
    const info = await getWebhookInfo(
      t.db,
      { get: () => newOnly, describe: () => "test" },
      hook.workspaceId,
      hook.flowId,
    );
    expect(info).toMatchObject({ secret: hook.secret, secretProblem: null });
    expect((await resealWebhookSecrets(t.db, rotated)).resealed).toBe(0);
  });
});
