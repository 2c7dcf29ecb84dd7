// Publishing changes while a webhook flow runs and requests keep arriving: the trigger moves to the new version in
// one transaction, so no request is answered 404 or lost, each run is pinned to the version it was saved for, and
// every request after the publish runs the new version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/hooks/[id]/route";
import { type TestDatabase } from "@/test/database";
import { closeProcessDatabase, openProcessDatabase } from "@/test/runtime/process-database";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { toJsonInput } from "../db/json";
import type { RunQueue } from "../runtime";
import { defaultKeyRing } from "../security/keyring";
import * as flows from "./flows.service";
import { getWebhookInfo } from "./webhooks.service";
import { getLiveGraph } from "./versions.service";

let t: TestDatabase;
let queue: RunQueue;

beforeAll(async () => {
  ({ t, queue } = await openProcessDatabase());
});
afterAll(() => closeProcessDatabase(t, queue));

const graphSaying = (message: string) =>
  linearGraph(
    { id: "hook", connectorId: "core", operation: "webhook", inputs: { verifySignature: false } },
    { id: "note", connectorId: "core", operation: "log", inputs: { message } },
  );

function post(id: string, n: number): Promise<Response> {
  const request = new Request(`http://localhost/api/hooks/${id}`, {
    method: "POST",
    body: JSON.stringify({ n }),
    headers: { "content-type": "application/json" },
  });
  return POST(request, { params: Promise.resolve({ id }) });
}

describe("Publish changes on a running webhook flow", () => {
  it("switches the version under a load of requests: none answered 404 or lost, later ones on the new version", async () => {
    const flow = await seedRunningFlow(t.db, graphSaying("v1 {{ trigger.body.n }}"));
    const info = await getWebhookInfo(t.db, defaultKeyRing(), flow.workspaceId, flow.flowId);
    const id = info.path?.split("/").pop() ?? "";
    await t.db.flow.update({
      where: { id: flow.flowId },
      data: { draft: toJsonInput(graphSaying("v2 {{ trigger.body.n }}")) },
    });

    const statuses: number[] = [];
    let sent = 0;
    let published = false;
    let afterPublish = 0;
    const sentAfterPublish = new Set<number>();
    // Four callers, each sending one request after another, until each has sent 15 after the publish committed.
    const caller = async () => {
      let mine = 0;
      while (mine < 15) {
        const n = sent++;
        if (published) sentAfterPublish.add(n);
        const response = await post(id, n);
        statuses.push(response.status);
        if (published) mine += 1;
      }
    };
    const load = Promise.all([caller(), caller(), caller(), caller()]);
    // Let the load build up, then publish in the middle of it.
    while (sent < 40) await new Promise((resolve) => setTimeout(resolve, 5));
    const { versionNumber } = await flows.startFlow(t.db, flow.workspaceId, flow.flowId);
    published = true;
    await load;
    afterPublish = statuses.length;

    expect(versionNumber).toBe(2);
    expect(statuses.filter((status) => status !== 202)).toEqual([]);
    const runs = await t.db.run.findMany({ where: { flowId: flow.flowId }, include: { flowVersion: true } });
    expect(runs).toHaveLength(afterPublish);
    const numbers = new Set(runs.map((run) => run.flowVersion.number));
    expect(numbers).toEqual(new Set([1, 2]));
    // A request sent after the publish committed runs the new version; the webhook kept its address.
    const numberOf = (run: (typeof runs)[number]) => Number(JSON.stringify(run.triggerData).match(/"n":(\d+)/)?.[1]);
    const late = runs.filter((run) => sentAfterPublish.has(numberOf(run)));
    expect(late).toHaveLength(sentAfterPublish.size);
    expect(late.length).toBeGreaterThanOrEqual(40);
    expect(late.filter((run) => run.flowVersion.number !== 2)).toEqual([]);
    const after = await getWebhookInfo(t.db, defaultKeyRing(), flow.workspaceId, flow.flowId);
    expect(after.path).toBe(info.path);
    expect((await getLiveGraph(t.db, flow.workspaceId, flow.flowId))?.number).toBe(2);
  });
});
