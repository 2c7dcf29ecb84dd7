// Business keys at run creation: the flow's template wins, a polled item's own key is the fallback, replays keep
// theirs, and a template that fails or gives nothing leaves the key empty instead of failing the run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { createRuns } from "../db/runs.repository";
import { evaluateBusinessKey } from "./business-key";

let t: TestDatabase;
let flow: { workspaceId: string; flowId: string; versionId: string };

beforeAll(async () => {
  t = await createTestDatabase();
  flow = await seedRunningFlow(t.db, linearGraph({ id: "trigger", connectorId: "core", operation: "manual" }));
});
afterAll(async () => {
  await t.drop();
});

describe("evaluateBusinessKey", () => {
  it("gives text, trimmed and capped, or null", async () => {
    expect(await evaluateBusinessKey("{{ trigger.body.orderNo }}", { body: { orderNo: " Y100001007 " } })).toBe(
      "Y100001007",
    );
    expect(await evaluateBusinessKey("{{ trigger.n }}", { n: 42 })).toBe("42");
    expect(await evaluateBusinessKey("Order {{ trigger.n }}-{{ trigger.line }}", { n: 7, line: 2 })).toBe("Order 7-2");
    expect(await evaluateBusinessKey("{{ trigger.missing }}", {})).toBeNull();
    expect(await evaluateBusinessKey("{{ $error('no') }}", {})).toBeNull();
    expect((await evaluateBusinessKey("{{ $pad('', 500, 'x') }}", {}))?.length).toBe(200);
  });
});

describe("createRuns", () => {
  it("sets the key from the flow's template, falling back to the caller's, and keeps a replay's", async () => {
    const base = { workspaceId: flow.workspaceId, flowId: flow.flowId, flowVersionId: flow.versionId };
    const keyOf = async (id: string | undefined) =>
      (await t.db.run.findUniqueOrThrow({ where: { id: id ?? "" } })).businessKey;

    const [plain] = await createRuns(t.db, [{ ...base, triggerKind: "poll", triggerData: {}, businessKey: "P-1" }]);
    expect(await keyOf(plain?.id)).toBe("P-1");

    await t.db.flow.update({ where: { id: flow.flowId }, data: { businessKeyExpression: "{{ trigger.orderNo }}" } });
    const [keyed, fallback] = await createRuns(t.db, [
      { ...base, triggerKind: "manual", triggerData: { orderNo: "Y1" } },
      { ...base, triggerKind: "poll", triggerData: {}, businessKey: "P-2" },
    ]);
    expect(await keyOf(keyed?.id)).toBe("Y1");
    expect(await keyOf(fallback?.id)).toBe("P-2");

    const [replay] = await createRuns(t.db, [
      { ...base, triggerKind: "manual", triggerData: { orderNo: "Y2" }, businessKey: "Y1", replayOfRunId: keyed?.id },
    ]);
    expect(await keyOf(replay?.id)).toBe("Y1");
  });

  it("takes the trigger's suggestion while the flow names none: a Sterling order's number", async () => {
    const sterling = await seedRunningFlow(
      t.db,
      linearGraph({ id: "trigger", connectorId: "sterling", operation: "newOrder" }),
      { workspaceId: flow.workspaceId, status: "draft" },
    );
    const [run] = await createRuns(t.db, [
      {
        workspaceId: sterling.workspaceId,
        flowId: sterling.flowId,
        flowVersionId: sterling.versionId,
        triggerKind: "poll",
        triggerData: { OrderNo: "Y100001007", OrderHeaderKey: "20261206" },
        businessKey: "20261206",
      },
    ]);
    const saved = await t.db.run.findUniqueOrThrow({ where: { id: run?.id ?? "" } });
    expect(saved.businessKey).toBe("Y100001007");
  });
});
