// The one run insert on a real Postgres: what becomes of each run of a batch (created, duplicate with the id of the
// run its key made, refused by its webhook guard), for runs of different flows in one statement.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { saveRuns, type RunToInsert, type WebhookListenerGuard } from "./run-insert.repository";

let t: TestDatabase;

beforeAll(async () => {
  process.env.CONFLUX_SECRET_KEY ??= crypto.randomBytes(32).toString("base64");
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const webhookGraph = linearGraph(
  { id: "hook", connectorId: "core", operation: "webhook", inputs: { verifySignature: false } },
  { id: "note", connectorId: "core", operation: "log", inputs: { message: "hi" } },
);

/** A running webhook flow, and the guard a request that found it as it is now would carry. */
async function seedHook() {
  const flow = await seedRunningFlow(t.db, webhookGraph);
  const state = await t.db.triggerState.findUniqueOrThrow({ where: { flowId: flow.flowId } });
  const guard: WebhookListenerGuard = {
    webhookId: state.webhookId ?? "",
    webhookSecret: state.webhookSecret,
    businessKeyExpression: null,
  };
  return { ...flow, guard };
}

type Hook = Awaited<ReturnType<typeof seedHook>>;

function runOf(hook: Hook, extra: Partial<RunToInsert> = {}): RunToInsert {
  return {
    workspaceId: hook.workspaceId,
    flowId: hook.flowId,
    flowVersionId: hook.versionId,
    triggerKind: "webhook",
    triggerData: { n: 1 },
    guard: hook.guard,
    ...extra,
  };
}

describe("saveRuns", () => {
  it("answers each run of a batch of several flows: created, duplicate with its run's id, or refused", async () => {
    const [a, b] = [await seedHook(), await seedHook()];
    const [earlier] = await saveRuns(t.db, [runOf(a, { dedupeKey: "webhook:seen" })]);
    expect(earlier).toMatchObject({ outcome: "created" });
    await t.db.triggerState.update({ where: { flowId: b.flowId }, data: { webhookSecret: "resealed" } });

    const outcomes = await saveRuns(t.db, [
      runOf(a, { dedupeKey: "webhook:new" }),
      runOf(b, { dedupeKey: "webhook:b" }),
      runOf(a, { dedupeKey: "webhook:seen" }),
      runOf(a, { dedupeKey: "webhook:new" }),
      runOf(b, { guard: undefined, triggerKind: "manual" }),
      runOf(a),
    ]);
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual([
      "created",
      "refused",
      "duplicate",
      "duplicate",
      "created",
      "created",
    ]);
    const [created, , seen, sameBatch] = outcomes;
    expect(seen).toEqual({ outcome: "duplicate", id: earlier?.outcome === "created" ? earlier.id : "?" });
    expect(sameBatch).toEqual({ outcome: "duplicate", id: created?.outcome === "created" ? created.id : "?" });
    expect(await t.db.run.count({ where: { flowId: a.flowId } })).toBe(3);
    expect(await t.db.run.findMany({ where: { flowId: b.flowId }, select: { triggerKind: true } })).toEqual([
      { triggerKind: "manual" },
    ]);
    // The refused run left no dedupe key behind: the event is new once the flow listens as the request found it.
    await t.db.triggerState.update({ where: { flowId: b.flowId }, data: { webhookSecret: b.guard.webhookSecret } });
    expect(await saveRuns(t.db, [runOf(b, { dedupeKey: "webhook:b" })])).toEqual([
      expect.objectContaining({ outcome: "created" }),
    ]);
  });

  it("refuses a guarded run once any part of the listener it was checked against has changed", async () => {
    const hook = await seedHook();
    const changes: Array<{ what: string; change: () => Promise<unknown>; undo: () => Promise<unknown> }> = [
      {
        what: "trigger inactive",
        change: () => t.db.triggerState.update({ where: { flowId: hook.flowId }, data: { active: false } }),
        undo: () => t.db.triggerState.update({ where: { flowId: hook.flowId }, data: { active: true } }),
      },
      {
        what: "trigger kind",
        change: () => t.db.triggerState.update({ where: { flowId: hook.flowId }, data: { kind: "poll" } }),
        undo: () => t.db.triggerState.update({ where: { flowId: hook.flowId }, data: { kind: "webhook" } }),
      },
      {
        what: "flow stopped",
        change: () => t.db.flow.update({ where: { id: hook.flowId }, data: { status: "stopped" } }),
        undo: () => t.db.flow.update({ where: { id: hook.flowId }, data: { status: "running" } }),
      },
      {
        what: "secret",
        change: () => t.db.triggerState.update({ where: { flowId: hook.flowId }, data: { webhookSecret: null } }),
        undo: () =>
          t.db.triggerState.update({
            where: { flowId: hook.flowId },
            data: { webhookSecret: hook.guard.webhookSecret },
          }),
      },
      {
        what: "business key",
        change: () =>
          t.db.flow.update({ where: { id: hook.flowId }, data: { businessKeyExpression: "{{ trigger.body.n }}" } }),
        undo: () => t.db.flow.update({ where: { id: hook.flowId }, data: { businessKeyExpression: null } }),
      },
    ];
    for (const { what, change, undo } of changes) {
      await change();
      expect((await saveRuns(t.db, [runOf(hook)]))[0], what).toEqual({ outcome: "refused" });
      await undo();
      expect((await saveRuns(t.db, [runOf(hook)]))[0], `${what} undone`).toMatchObject({ outcome: "created" });
    }
    const other = await seedHook();
    const refused = await saveRuns(t.db, [
      runOf(hook, { guard: { ...hook.guard, webhookId: other.guard.webhookId } }),
      runOf(hook, { flowVersionId: other.versionId }),
    ]);
    expect(refused).toEqual([{ outcome: "refused" }, { outcome: "refused" }]);
  });
});
