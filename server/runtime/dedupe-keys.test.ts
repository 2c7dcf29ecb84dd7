// Dedupe keys outlive run retention: an event seen before stays a duplicate after retention deleted its run, until the
// key's own expiry (CONFLUX_DEDUPE_KEY_DAYS). Real Postgres, the real webhook route and the real retention pass.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/hooks/[id]/route";
import { type TestDatabase } from "@/test/database";
import { closeProcessDatabase, openProcessDatabase } from "@/test/runtime/process-database";
import { createRuns } from "../db/runs.repository";
import { defaultKeyRing } from "../security/keyring";
import { getWebhookInfo } from "../services/webhooks.service";
import type { RunQueue } from ".";
import { deleteExpiredRuns } from "./retention";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";

let t: TestDatabase;
let queue: RunQueue;

beforeAll(async () => {
  ({ t, queue } = await openProcessDatabase());
});
afterAll(() => closeProcessDatabase(t, queue));

async function seedHook() {
  const flow = await seedRunningFlow(
    t.db,
    linearGraph(
      { id: "hook", connectorId: "core", operation: "webhook", inputs: { verifySignature: false } },
      { id: "note", connectorId: "core", operation: "log", inputs: { message: "hello" } },
    ),
  );
  const info = await getWebhookInfo(t.db, defaultKeyRing(), flow.workspaceId, flow.flowId);
  return { ...flow, id: info.path?.split("/").pop() ?? "" };
}

async function send(id: string, eventId: string) {
  const request = new Request(`http://localhost/api/hooks/${id}`, {
    method: "POST",
    body: JSON.stringify({ orderNo: "A-1" }),
    headers: { "content-type": "application/json", "X-Event-Id": eventId },
  });
  const response = await POST(request, { params: Promise.resolve({ id }) });
  return { status: response.status, body: (await response.json()) as { runId?: string; duplicate?: boolean } };
}

/** Finishes the flow's runs long ago, so that the retention pass deletes them. */
async function ageRuns(flowId: string, days: number) {
  await t.db.$executeRaw`UPDATE "Run" SET status = 'succeeded',
    "finishedAt" = (now() AT TIME ZONE 'UTC') - make_interval(days => ${days}::int) WHERE "flowId" = ${flowId}`;
}

async function ageKeys(flowId: string, days: number) {
  await t.db.$executeRaw`UPDATE "RunDedupeKey"
    SET "createdAt" = (now() AT TIME ZONE 'UTC') - make_interval(days => ${days}::int) WHERE "flowId" = ${flowId}`;
}

describe("dedupe keys", () => {
  it("refuse an event id seen before after retention deleted its run, until the key expires", async () => {
    const hook = await seedHook();
    const first = await send(hook.id, "evt-kept");
    expect(first.status).toBe(202);

    // The run is past its retention (30 days by default) and deleted; its key (30 days by default) is younger.
    await ageRuns(hook.flowId, 40);
    await ageKeys(hook.flowId, 20);
    expect(await deleteExpiredRuns(t.db, { defaultDays: 30, dedupeKeyDays: 30 })).toBe(1);
    expect(await t.db.run.count({ where: { flowId: hook.flowId } })).toBe(0);

    const again = await send(hook.id, "evt-kept");
    expect(again).toEqual({ status: 200, body: { runId: first.body.runId, duplicate: true } });
    expect(await t.db.run.count({ where: { flowId: hook.flowId } })).toBe(0);

    // Past the key's own expiry the event id is new again.
    await ageKeys(hook.flowId, 31);
    await deleteExpiredRuns(t.db, { defaultDays: 30, dedupeKeyDays: 30 });
    expect(await t.db.runDedupeKey.count({ where: { flowId: hook.flowId } })).toBe(0);
    const later = await send(hook.id, "evt-kept");
    expect(later.status).toBe(202);
    expect(later.body.runId).not.toBe(first.body.runId);
  });

  it("keep a polled item from running twice after its run was deleted, and one key in a batch makes one run", async () => {
    const flow = await seedRunningFlow(
      t.db,
      linearGraph(
        { id: "hook", connectorId: "core", operation: "webhook", inputs: {} },
        { id: "note", connectorId: "core", operation: "log", inputs: { message: "hello" } },
      ),
    );
    const item = (key: string) => ({
      workspaceId: flow.workspaceId,
      flowId: flow.flowId,
      flowVersionId: flow.versionId,
      triggerKind: "poll",
      dedupeKey: key,
      triggerData: { key },
    });
    const created = await createRuns(t.db, [item("poll:a"), item("poll:b"), item("poll:a"), item("poll:c")]);
    expect(created).toHaveLength(3);
    expect(created.map((run) => run.status)).toEqual(["queued", "queued", "queued"]);
    await ageRuns(flow.flowId, 40);
    await deleteExpiredRuns(t.db, { defaultDays: 30, dedupeKeyDays: 30 });
    expect(await createRuns(t.db, [item("poll:a"), item("poll:b"), item("poll:d")])).toHaveLength(1);
    const runs = await t.db.run.findMany({ where: { flowId: flow.flowId } });
    expect(runs.map((run) => run.dedupeKey)).toEqual(["poll:d"]);
  });
});
