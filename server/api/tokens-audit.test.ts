// API tokens act in their workspace with their role and stop at revocation; every change through the API lands in
// the audit log with who and from where, and the retention pass keeps each workspace's audit days.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callProcedure } from "@/test/api-http";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { callerContext } from "@/test/principal";
import { useDatabaseUrl } from "../boot/config";
import { getDb } from "../db/client";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { createApiToken, revokeApiToken } from "../services/api-tokens.service";
import { auditCsv, deleteExpiredAuditEvents, listAuditEvents } from "../services/audit-log.service";
import { createApiContext } from "./context";

let t: TestDatabase;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  useDatabaseUrl(t.url);
  workspaceId = await ensureDefaultWorkspace(t.db);
});
afterAll(async () => {
  await getDb().$disconnect();
  await t.drop();
});

const viaRequest = (req: Request) => createApiContext({ req });

describe("API tokens", () => {
  it("acts with its role in its workspace, records its last use and stops when revoked", async () => {
    const { id, token } = await createApiToken(
      getDb(),
      workspaceId,
      { name: "ci", role: "viewer" },
      {
        label: "Ada <ada@example.com>",
        role: "admin",
      },
    );
    expect(token).toMatch(/^cfx_/);
    const stored = await t.db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.lastUsedAt).toBeNull();
    const bearer = { authorization: `Bearer ${token}` };

    const list = await callProcedure({ path: "flows.list", type: "query" }, undefined, viaRequest, bearer);
    expect(list.status).toBe(200);
    const create = await callProcedure({ path: "flows.create", type: "mutation" }, { name: "x" }, viaRequest, bearer);
    expect(create.status).toBe(403);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();

    await revokeApiToken(getDb(), workspaceId, id);
    const after = await callProcedure({ path: "flows.list", type: "query" }, undefined, viaRequest, bearer);
    expect(after.status).toBe(401);
    const wrong = await callProcedure({ path: "flows.list", type: "query" }, undefined, viaRequest, {
      authorization: "Bearer cfx_not-a-token",
    });
    expect(wrong.status).toBe(401);
  });

  it("cannot be created with a role above its creator's", async () => {
    await expect(
      createApiToken(getDb(), workspaceId, { name: "too much", role: "owner" }, { label: "Ed", role: "admin" }),
    ).rejects.toThrow(/above your own/);
  });
});

describe("audit log", () => {
  it("records who changed what from where, filters it, exports it and keeps it for the workspace's days", async () => {
    const context = () => callerContext(t.db, workspaceId, { role: "editor" });
    const created = await callProcedure({ path: "flows.create", type: "mutation" }, { name: "Audited flow" }, context);
    expect(created.status).toBe(200);
    const refused = await callProcedure({ path: "flows.create", type: "mutation" }, { name: "" }, context);
    expect(refused.status).toBe(400);
    const read = await callProcedure({ path: "flows.list", type: "query" }, undefined, context);
    expect(read.status).toBe(200);

    const { events } = await listAuditEvents(getDb(), workspaceId, { action: "flows." });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: "Test editor <editor@example.test>",
      action: "flows.create",
      targetType: "flow",
      targetName: "Audited flow",
      ip: "127.0.0.1",
      userAgent: "vitest",
    });
    expect((await listAuditEvents(getDb(), workspaceId, { actor: "nobody" })).events).toHaveLength(0);
    const csv = await auditCsv(getDb(), workspaceId, {});
    expect(csv.split("\n")[0]).toBe("createdAt,actor,action,targetType,targetId,targetName,ip,userAgent");
    expect(csv).toContain("flows.create,flow");

    await t.db.workspace.update({ where: { id: workspaceId }, data: { auditRetentionDays: 10 } });
    await t.db.auditEvent.create({
      data: {
        workspaceId,
        actor: "old",
        action: "flows.delete",
        targetType: "flow",
        createdAt: new Date(Date.now() - 11 * 86_400_000),
      },
    });
    await t.db.auditEvent.create({
      data: {
        workspaceId,
        actor: "recent",
        action: "flows.delete",
        targetType: "flow",
        createdAt: new Date(Date.now() - 9 * 86_400_000),
      },
    });
    expect(await deleteExpiredAuditEvents(getDb())).toBe(1);
    const left = await t.db.auditEvent.findMany({ where: { workspaceId }, select: { actor: true } });
    expect(left.map((event) => event.actor).sort()).toEqual(["Test editor <editor@example.test>", "recent"]);
  });
});
