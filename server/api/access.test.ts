// Who may call what: every procedure of the router (listed from the router itself, so a new one cannot be left
// out) declares its access; unauthenticated callers get 401, each role gets exactly what the table allows, and a
// real session cookie from sign-in is what the API reads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, ROLES, roleAllows } from "@/lib/roles";
import { callProcedure, listProcedures } from "@/test/api-http";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { callerContext } from "@/test/principal";
import { useDatabaseUrl } from "../boot/config";
import { getAuth } from "../auth/auth";
import { getDb } from "../db/client";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { invitePerson, acceptInvite, setUpOwner } from "../services/people.service";
import { createApiContext } from "./context";

let t: TestDatabase;
let workspaceId: string;
const procedures = listProcedures();
/** Reached without signing in: set-up on a fresh install and the invite pages. */
const PUBLIC = ["auth.acceptInvite", "auth.invite", "auth.setup", "auth.status"];

beforeAll(async () => {
  t = await createTestDatabase();
  // Sign-in (better-auth) and the REST routes use the process's database.
  useDatabaseUrl(t.url);
  workspaceId = await ensureDefaultWorkspace(t.db);
});
afterAll(async () => {
  await getDb().$disconnect();
  await t.drop();
});

describe("access declarations", () => {
  it("lists the router's procedures and each declares an access level", () => {
    expect(procedures.length).toBeGreaterThan(50);
    for (const procedure of procedures) {
      expect([...ACCESS_LEVELS, "public"], procedure.path).toContain(procedure.access);
    }
    expect(procedures.filter((item) => item.access === "public").map((item) => item.path)).toEqual(PUBLIC);
  });
});

describe("unauthenticated calls", () => {
  it.each(procedures.filter((item) => item.access !== "public"))("$path answers 401", async (procedure) => {
    const answer = await callProcedure(procedure, {}, () => ({
      db: t.db,
      keys: callerContext(t.db, "").keys,
      principal: null,
    }));
    expect(answer.status).toBe(401);
    expect(answer.body).toContain("Sign in");
  });
});

describe("role matrix", () => {
  const cases = ROLES.flatMap((role) =>
    procedures.filter((item) => item.access !== "public").map((procedure) => ({ role, ...procedure })),
  );
  it.each(cases)("$role calling $path ($access)", async ({ role, access, ...procedure }) => {
    const answer = await callProcedure(procedure, {}, () => callerContext(t.db, workspaceId, { role }));
    if (access !== "public" && access !== undefined && roleAllows(role, access)) {
      // Allowed: it gets past the access check (and usually fails on the empty input, which is not our concern).
      expect([401, 403], answer.body).not.toContain(answer.status);
    } else {
      expect(answer.status, answer.body).toBe(403);
    }
  });
});

describe("sessions", () => {
  it("signs in with the password set up, reads the cookie on each call and scopes by the member's workspace", async () => {
    const db = getDb();
    await setUpOwner(db, { name: "Ada Owner", email: "Ada@Example.com", password: "correct horse battery" });
    const signIn = await getAuth().handler(
      new Request("http://localhost/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost" },
        body: JSON.stringify({ email: "ada@example.com", password: "correct horse battery" }),
      }),
    );
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.getSetCookie().join("; ");
    expect(setCookie).toMatch(/conflux\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");

    const me = await callProcedure({ path: "auth.me", type: "query" }, undefined, (req) => createApiContext({ req }), {
      cookie,
    });
    expect(me.status).toBe(200);
    expect(me.body).toContain("Ada Owner <ada@example.com>");
    expect(me.body).toContain('"role":"owner"');

    const wrongPassword = await getAuth().handler(
      new Request("http://localhost/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost" },
        body: JSON.stringify({ email: "ada@example.com", password: "wrong password!" }),
      }),
    );
    expect(wrongPassword.status).toBe(401);
    const forged = await callProcedure(
      { path: "auth.me", type: "query" },
      undefined,
      (req) => createApiContext({ req }),
      {
        cookie: "conflux.session_token=forged.value",
      },
    );
    expect(forged.status).toBe(401);
  });

  it("closes sign-up and a second set-up, and lets an invited person in with the invite's role", async () => {
    const db = getDb();
    const signUp = await getAuth().handler(
      new Request("http://localhost/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost" },
        body: JSON.stringify({ email: "eve@example.com", password: "let me in please", name: "Eve" }),
      }),
    );
    expect(signUp.ok).toBe(false);
    await expect(
      setUpOwner(db, { name: "Eve", email: "eve@example.com", password: "let me in please" }),
    ).rejects.toThrow(/already set up/);
    const invite = await invitePerson(
      db,
      workspaceId,
      { email: "vic@example.com", role: "viewer" },
      {
        userId: null,
        origin: "http://localhost",
      },
    );
    const token = invite.link.split("/invite/")[1] ?? "";
    await acceptInvite(db, { token, name: "Vic Viewer", password: "viewer password 1" }, null);
    await expect(acceptInvite(db, { token, name: "Vic Again", password: "viewer password 2" }, null)).rejects.toThrow(
      /expired or been used/,
    );
    const membership = await db.membership.findFirst({ where: { workspaceId, user: { email: "vic@example.com" } } });
    expect(membership?.role).toBe("viewer");
  });
});
