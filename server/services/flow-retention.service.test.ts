import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { emptyFlowGraph } from "@/lib/flow-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { setRetentionInput } from "../api/routers/flows.schema";
import { toJsonInput } from "../db/json";
import { getFlowRetention, setFlowRetention } from "./flow-retention.service";

let t: TestDatabase;
let workspaceId: string;
let flowId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await t.db.workspace.create({ data: { name: "Settings" } })).id;
  flowId = (await t.db.flow.create({ data: { workspaceId, name: "Kept", draft: toJsonInput(emptyFlowGraph()) } })).id;
});
afterAll(() => t?.drop());

describe("flow retention", () => {
  it("follows the default until the flow sets its own days, and back again with null", async () => {
    expect(await getFlowRetention(t.db, workspaceId, flowId)).toEqual({ days: null, defaultDays: 30 });
    expect(await setFlowRetention(t.db, workspaceId, flowId, 7)).toEqual({ days: 7, defaultDays: 30 });
    expect((await t.db.flow.findUniqueOrThrow({ where: { id: flowId } })).retentionDays).toBe(7);
    await setFlowRetention(t.db, workspaceId, flowId, null);
    expect(await getFlowRetention(t.db, workspaceId, flowId)).toEqual({ days: null, defaultDays: 30 });
  });

  it("is scoped to the workspace", async () => {
    await expect(setFlowRetention(t.db, "another-workspace", flowId, 5)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getFlowRetention(t.db, "another-workspace", flowId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await t.db.flow.findUniqueOrThrow({ where: { id: flowId } })).retentionDays).toBeNull();
  });

  it("takes whole days from 1 to 3650, or null", () => {
    expect(setRetentionInput.parse({ id: "f", days: null })).toEqual({ id: "f", days: null });
    expect(setRetentionInput.parse({ id: "f", days: 3650 })).toEqual({ id: "f", days: 3650 });
    expect(setRetentionInput.safeParse({ id: "f", days: 0 }).error?.issues[0]?.message).toBe(
      "Keep runs for at least 1 day",
    );
    expect(setRetentionInput.safeParse({ id: "f", days: 1.5 }).error?.issues[0]?.message).toBe(
      "Use a whole number of days",
    );
    expect(setRetentionInput.safeParse({ id: "f", days: 3651 }).success).toBe(false);
  });
});
