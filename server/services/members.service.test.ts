// Role changes keep a workspace with an owner, and only owners make or change owners.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { changeMemberRole, listMembers, removeMember } from "./members.service";

let t: TestDatabase;
let workspaceId: string;
const ids = { owner: "", admin: "", editor: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await t.db.workspace.create({ data: { name: "Members" } })).id;
  for (const role of ["owner", "admin", "editor"] as const) {
    const user = await t.db.user.create({ data: { name: role, email: `${role}@example.com` } });
    await t.db.membership.create({ data: { workspaceId, userId: user.id, role } });
    ids[role] = user.id;
  }
});
afterAll(async () => {
  await t.drop();
});

describe("members", () => {
  it("refuses to demote or remove the last owner", async () => {
    await expect(changeMemberRole(t.db, workspaceId, "owner", { userId: ids.owner, role: "admin" })).rejects.toThrow(
      /last owner/,
    );
    await expect(removeMember(t.db, workspaceId, "owner", ids.owner)).rejects.toThrow(/last owner/);
  });

  it("lets only an owner make an owner, after which the first may step down", async () => {
    await expect(changeMemberRole(t.db, workspaceId, "admin", { userId: ids.editor, role: "owner" })).rejects.toThrow(
      /Only an owner/,
    );
    await expect(removeMember(t.db, workspaceId, "admin", ids.owner)).rejects.toThrow(/Only an owner/);
    await changeMemberRole(t.db, workspaceId, "owner", { userId: ids.editor, role: "owner" });
    await changeMemberRole(t.db, workspaceId, "owner", { userId: ids.owner, role: "viewer" });
    const { members } = await listMembers(t.db, workspaceId);
    expect(Object.fromEntries(members.map((member) => [member.email, member.role]))).toEqual({
      "owner@example.com": "viewer",
      "admin@example.com": "admin",
      "editor@example.com": "owner",
    });
  });

  it("removes a member, and says so for one who is not there", async () => {
    await removeMember(t.db, workspaceId, "admin", ids.owner);
    await expect(removeMember(t.db, workspaceId, "admin", ids.owner)).rejects.toThrow(/not found/);
  });
});
