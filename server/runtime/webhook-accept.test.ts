// The webhook's accept path on a real Postgres, with the statements it sends counted: concurrent requests share the
// run insert, the listener is remembered per address, and the insert's guard catches a listener that changed since
// (stopped, published again, secret rotated) so the request is answered from the flow as it is now.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type TestDatabase } from "@/test/database";
import { closeProcessDatabase, openProcessDatabase } from "@/test/runtime/process-database";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { signedHeaders } from "@/test/runtime/webhook-signing";
import { createSqlPool, preparedStatements, type Sql } from "../db/sql";
import { defaultKeyRing } from "../security/keyring";
import * as flows from "../services/flows.service";
import { getWebhookInfo, rotateWebhookSecret } from "../services/webhooks.service";
import type { RunQueue } from "./queue";
import { handleWebhookRequest } from "./webhook";

let t: TestDatabase;
let queue: RunQueue;
let pool: ReturnType<typeof createSqlPool>;

/** The webhook pool's statements, counted; the inserts can be made slow (a busy database), the run insert fail. */
const counted = { inserts: 0, lookups: 0, signatures: 0 };
const database: { insertDelayMs: number; insertError?: Error; afterLookup?: () => Promise<void> } = {
  insertDelayMs: 0,
};
let sql: Sql;

beforeAll(async () => {
  ({ t, queue } = await openProcessDatabase());
  pool = createSqlPool(t.url, { max: 8, applicationName: "webhook-accept-test" });
  const target = preparedStatements(pool, false);
  sql = {
    async query<Row extends object>(text: string, values?: readonly unknown[]) {
      if (text.includes('INSERT INTO "WebhookSignature"')) {
        counted.signatures += 1;
        if (database.insertDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, database.insertDelayMs));
      }
      if (text.includes('INSERT INTO "Run"')) {
        counted.inserts += 1;
        if (database.insertError) throw database.insertError;
        if (database.insertDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, database.insertDelayMs));
      }
      if (!text.trimStart().startsWith('SELECT t."flowId"')) return target.query<Row>(text, values);
      counted.lookups += 1;
      const answer = await target.query<Row>(text, values);
      await database.afterLookup?.();
      return answer;
    },
  };
});
afterAll(async () => {
  await pool?.end();
  await closeProcessDatabase(t, queue);
});

function countFrom() {
  const start = { ...counted };
  return () => ({ inserts: counted.inserts - start.inserts, lookups: counted.lookups - start.lookups });
}

const json = { "content-type": "application/json" };
const webhookGraph = (inputs: Record<string, unknown>) =>
  linearGraph(
    { id: "hook", connectorId: "core", operation: "webhook", inputs },
    { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ trigger.body.n }}" } },
  );

async function seedHook(inputs: Record<string, unknown> = { verifySignature: false }) {
  const flow = await seedRunningFlow(t.db, webhookGraph(inputs));
  const info = await getWebhookInfo(t.db, defaultKeyRing(), flow.workspaceId, flow.flowId);
  return { ...flow, id: info.path?.split("/").pop() ?? "", secret: info.secret ?? "" };
}

async function post(id: string, body: string, headers: Record<string, string> = json) {
  const request = new Request(`http://localhost/api/hooks/${id}`, { method: "POST", body, headers });
  const response = await handleWebhookRequest(request, id, {
    db: t.db,
    sql,
    queue: async () => queue,
    keys: defaultKeyRing(),
  });
  const answer: unknown = await response.json();
  return { status: response.status, answer };
}

const signedPost = (hook: { id: string }, secret: string, payload: unknown) => {
  const body = JSON.stringify(payload);
  return post(hook.id, body, signedHeaders(secret, { body, headers: json }));
};

const runsOf = (flowId: string) => t.db.run.findMany({ where: { flowId }, orderBy: { createdAt: "asc" } });

describe("grouped run inserts", () => {
  it("saves concurrent requests' runs in fewer statements than requests, each answered with its own run", async () => {
    const hook = await seedHook();
    expect((await post(hook.id, JSON.stringify({ n: 0 }))).status).toBe(202);
    const count = countFrom();
    database.insertDelayMs = 30;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) => post(hook.id, JSON.stringify({ n: n + 1 }))),
    ).finally(() => (database.insertDelayMs = 0));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 40 }, () => 202));
    // Remembered: no request looked its listener up, and the inserts were shared (one each would be 40; the bound
    // leaves room for a slow machine spreading the requests out).
    expect(count().lookups).toBe(0);
    expect(count().inserts).toBeLessThan(20);
    const runs = new Map((await runsOf(hook.flowId)).map((run) => [run.id, run.triggerData]));
    expect(runs.size).toBe(41);
    answers.forEach((answer, n) => {
      const { runId } = z.object({ runId: z.string() }).parse(answer.answer);
      expect(runs.get(runId)).toMatchObject({ body: { n: n + 1 } });
    });
  });

  it("makes one run for an event id sent many times into one shared insert; the others are duplicates of it", async () => {
    const hook = await seedHook({ verifySignature: false, eventIdHeader: "x-event-id" });
    expect((await post(hook.id, "{}", { ...json, "x-event-id": "warm" })).status).toBe(202);
    const count = countFrom();
    database.insertDelayMs = 30;
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => post(hook.id, "{}", { ...json, "x-event-id": "evt-7" })),
    ).finally(() => (database.insertDelayMs = 0));
    expect(count().inserts).toBeLessThan(12);
    const runs = await t.db.run.findMany({ where: { flowId: hook.flowId, dedupeKey: "webhook:evt-7" } });
    expect(runs).toHaveLength(1);
    const runId = runs[0]?.id;
    expect(answers.filter((answer) => answer.status === 202)).toEqual([{ status: 202, answer: { runId } }]);
    expect(answers.filter((answer) => answer.status === 200)).toEqual(
      Array.from({ length: 11 }, () => ({ status: 200, answer: { runId, duplicate: true } })),
    );
  });

  it("remembers concurrent requests' signatures in shared statements, and still refuses a replay among them", async () => {
    const hook = await seedHook({ verifySignature: true });
    expect((await signedPost(hook, hook.secret, { n: 0 })).status).toBe(202);
    const bodies = Array.from({ length: 20 }, (_, n) => JSON.stringify({ n: n + 1 }));
    const headers = bodies.map((body) => signedHeaders(hook.secret, { body, headers: json }));
    const before = counted.signatures;
    database.insertDelayMs = 30;
    // One request replays another's signature in the same burst (so, most likely, in the same statement).
    const order = [...bodies.keys()];
    order.splice(10, 0, 5);
    const answers = await Promise.all(order.map((n) => post(hook.id, bodies[n] ?? "", headers[n]))).finally(
      () => (database.insertDelayMs = 0),
    );
    expect(counted.signatures - before).toBeLessThan(10);
    expect(answers.map((answer) => answer.status).sort()).toEqual([...bodies.map(() => 202), 401]);
    expect(answers.find((answer) => answer.status === 401)).toMatchObject({
      answer: { error: { code: "SIGNATURE_REPLAYED" } },
    });
    expect(await runsOf(hook.flowId)).toHaveLength(21);
    expect(await t.db.webhookSignature.count({ where: { flowId: hook.flowId } })).toBe(21);
  });

  it("answers every request of a failed insert 500 and saves nothing; their signatures are not taken for replays", async () => {
    const hook = await seedHook({ verifySignature: true });
    expect((await signedPost(hook, hook.secret, { n: 0 })).status).toBe(202);
    const bodies = [1, 2, 3, 4, 5].map((n) => JSON.stringify({ n }));
    const headers = bodies.map((body) => signedHeaders(hook.secret, { body, headers: json }));
    database.insertError = new Error("connection lost (test)");
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args) => logged.push(args.map(String).join(" ")));
    const failed = await Promise.all(bodies.map((body, n) => post(hook.id, body, headers[n]))).finally(() => {
      database.insertError = undefined;
      spy.mockRestore();
    });
    expect(logged).toEqual(bodies.map(() => expect.stringMatching(/failed: Error: connection lost \(test\)$/)));
    expect(failed).toEqual(
      bodies.map(() => ({
        status: 500,
        answer: { error: { code: "INTERNAL", message: "The webhook could not be processed; try again later" } },
      })),
    );
    expect(await runsOf(hook.flowId)).toHaveLength(1);
    // The senders retry with the same signatures: accepted, as no run was made the first time.
    const retried = await Promise.all(bodies.map((body, n) => post(hook.id, body, headers[n])));
    expect(retried.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
  });
});

describe("the remembered listener", () => {
  it("answers 404 on the first request after the flow stopped, and makes no run", async () => {
    const hook = await seedHook();
    expect((await post(hook.id, "{}")).status).toBe(202);
    await flows.stopFlow(t.db, hook.workspaceId, hook.flowId);
    const count = countFrom();
    expect(await post(hook.id, "{}")).toEqual({
      status: 404,
      answer: { error: { code: "NOT_FOUND", message: "No running flow listens at this address" } },
    });
    expect(count()).toEqual({ inserts: 1, lookups: 1 });
    expect(await runsOf(hook.flowId)).toHaveLength(1);
    // Forgotten: the next request looks again, and is not let through by a remembered listener.
    expect((await post(hook.id, "{}")).status).toBe(404);
    expect(count()).toEqual({ inserts: 1, lookups: 2 });
  });

  it("runs the new version once the flow was started again with another, even for a signed request", async () => {
    const hook = await seedHook({ verifySignature: true });
    expect((await signedPost(hook, hook.secret, { n: 1 })).status).toBe(202);
    await flows.stopFlow(t.db, hook.workspaceId, hook.flowId);
    await flows.saveDraft(t.db, hook.workspaceId, hook.flowId, webhookGraph({ responseTimeoutMs: 5000 }), 0);
    await flows.startFlow(t.db, hook.workspaceId, hook.flowId);
    const published = await t.db.flow.findUniqueOrThrow({ where: { id: hook.flowId } });
    expect(published.publishedVersionId).not.toBe(hook.versionId);
    // Its signature (no event id) is remembered against replays before the refused insert, and forgotten again
    // before the request is handled anew: it is accepted, not refused as a replay of itself.
    const answer = await signedPost(hook, hook.secret, { n: 2 });
    expect(answer.status).toBe(202);
    const runs = await runsOf(hook.flowId);
    expect(runs.map((run) => run.flowVersionId)).toEqual([hook.versionId, published.publishedVersionId]);
    expect(await t.db.webhookSignature.count({ where: { flowId: hook.flowId } })).toBe(2);
  });

  it("checks a rotated secret: the old one is refused at once, the new one accepted at once", async () => {
    const hook = await seedHook({ verifySignature: true });
    expect((await signedPost(hook, hook.secret, { n: 1 })).status).toBe(202);
    const rotated = await rotateWebhookSecret(t.db, defaultKeyRing(), hook.workspaceId, hook.flowId);
    expect(rotated.secret).not.toBe(hook.secret);
    const old = await signedPost(hook, hook.secret, { n: 2 });
    expect(old).toMatchObject({ status: 401, answer: { error: { code: "SIGNATURE_INVALID" } } });
    expect(await runsOf(hook.flowId)).toHaveLength(1);

    // That refusal looked the listener up again, so this process now remembers the rotated secret: rotate once more
    // to check the other way round, a request signed with a secret newer than the remembered one.
    await t.db.triggerState.update({ where: { flowId: hook.flowId }, data: { lastError: null } });
    const newest = await rotateWebhookSecret(t.db, defaultKeyRing(), hook.workspaceId, hook.flowId);
    expect((await signedPost(hook, newest.secret ?? "", { n: 3 })).status).toBe(202);
    expect(await runsOf(hook.flowId)).toHaveLength(2);
    // The refusal worked out against the outdated secret was not noted for the designer.
    const state = await t.db.triggerState.findUniqueOrThrow({ where: { flowId: hook.flowId } });
    expect(state.lastError).toBeNull();
  });

  it("answers 503 when the flow changed again while the request was handled anew, and saves nothing", async () => {
    const hook = await seedHook();
    expect((await post(hook.id, "{}")).status).toBe(202);
    const resealed = (secret: string) =>
      t.db.triggerState.update({ where: { flowId: hook.flowId }, data: { webhookSecret: secret } });
    await resealed("sealed-1");
    // The first insert is refused (the remembered secret is outdated); between the fresh look-up and the second
    // insert the secret changes once more.
    database.afterLookup = async () => {
      database.afterLookup = undefined;
      await resealed("sealed-2");
    };
    expect(await post(hook.id, "{}")).toEqual({
      status: 503,
      answer: {
        error: { code: "UNAVAILABLE", message: "The flow changed while the request was handled; send it again" },
      },
    });
    expect(await runsOf(hook.flowId)).toHaveLength(1);
    expect((await post(hook.id, "{}")).status).toBe(202);
  });
});
