// Signing in and out, set-up, invites accepted and password resets land in the audit log with who, from which
// address and browser, through the same HTTP handlers the browser calls; a failed sign-in names the address tried,
// never the password.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callProcedure } from "@/test/api-http";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { useDatabaseUrl } from "../boot/config";
import { getDb } from "../db/client";
import { createApiContext } from "../api/context";
import { listAuditEvents } from "../services/audit-log.service";
import { invitePerson } from "../services/people.service";
import { getAuth } from "./auth";
import { CLIENT_IP_HEADER } from "./client-ip";

const APP = "http://localhost";
const BROWSER = { [CLIENT_IP_HEADER]: "203.0.113.7", "user-agent": "AuditTest/1.0" };
const PASSWORD = "owner password 1";
let t: TestDatabase;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  useDatabaseUrl(t.url);
});
afterAll(async () => {
  await getDb().$disconnect();
  await t.drop();
});

const viaRequest = (req: Request) => createApiContext({ req });

function authCall(path: string, body: unknown, headers: Record<string, string> = {}) {
  return getAuth().handler(
    new Request(`${APP}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP, ...BROWSER, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

function sessionCookie(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

async function eventsOf(action: string, where = workspaceId) {
  return (await listAuditEvents(getDb(), where, { action })).events.filter((event) => event.action === action);
}

describe("audit events of signing in", () => {
  it("records set-up, sign-in, a failed sign-in without its password, and sign-out, with address and browser", async () => {
    const setup = await callProcedure(
      { path: "auth.setup", type: "mutation" },
      { name: "Olga Owner", email: "olga@example.com", password: PASSWORD },
      viaRequest,
      BROWSER,
    );
    expect(setup.status, setup.body).toBe(200);
    workspaceId = (await getDb().workspace.findFirstOrThrow()).id;
    expect(await eventsOf("auth.setup")).toMatchObject([
      { actor: "Olga Owner <olga@example.com>", targetType: "person", ip: "203.0.113.7", userAgent: "AuditTest/1.0" },
    ]);

    const signedIn = await authCall("/sign-in/email", { email: "olga@example.com", password: PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(await eventsOf("auth.signIn")).toMatchObject([
      {
        actor: "Olga Owner <olga@example.com>",
        targetName: "olga@example.com (password)",
        ip: "203.0.113.7",
        userAgent: "AuditTest/1.0",
      },
    ]);

    const wrong = await authCall("/sign-in/email", { email: "olga@example.com", password: "guessed secret 42" });
    expect(wrong.status).toBe(401);
    // An address nobody has, with control characters (NUL included), is still recorded, and nothing fails.
    const stranger = await authCall("/sign-in/email", { email: "eve\u0000\u001b[2J@example.com", password: "x" });
    expect(stranger.ok).toBe(false);
    const failed = await eventsOf("auth.signInFailed");
    expect(failed.map((event) => event.actor).sort()).toEqual(["eve\uFFFD\uFFFD[2J@example.com", "olga@example.com"]);
    expect(failed.every((event) => event.actorUserId === null && event.ip === "203.0.113.7")).toBe(true);
    const everything = JSON.stringify(await getDb().auditEvent.findMany());
    expect(everything).not.toContain("guessed secret 42");
    expect(everything).not.toContain(PASSWORD);

    const signOut = await authCall("/sign-out", {}, { cookie: sessionCookie(signedIn) });
    expect(signOut.status).toBe(200);
    expect(await eventsOf("auth.signOut")).toMatchObject([{ actor: "Olga Owner <olga@example.com>" }]);
  });

  it("records an invite accepted in its workspace, and a sign-in in every workspace of the person", async () => {
    const invite = await invitePerson(
      getDb(),
      workspaceId,
      { email: "vic@example.com", role: "viewer" },
      {
        userId: null,
        origin: APP,
      },
    );
    const token = invite.link.split("/invite/")[1] ?? "";
    const accepted = await callProcedure(
      { path: "auth.acceptInvite", type: "mutation" },
      { token, name: "Vic Viewer", password: "viewer password 1" },
      viaRequest,
      BROWSER,
    );
    expect(accepted.status, accepted.body).toBe(200);
    expect(await eventsOf("auth.acceptInvite")).toMatchObject([
      { actor: "Vic Viewer <vic@example.com>", targetType: "person", ip: "203.0.113.7" },
    ]);

    const vic = await getDb().user.findUniqueOrThrow({ where: { email: "vic@example.com" } });
    const other = await getDb().workspace.create({ data: { name: "Other" } });
    await getDb().membership.create({ data: { workspaceId: other.id, userId: vic.id, role: "editor" } });
    expect((await authCall("/sign-in/email", { email: "vic@example.com", password: "viewer password 1" })).status).toBe(
      200,
    );
    for (const where of [workspaceId, other.id]) {
      expect((await eventsOf("auth.signIn", where)).map((event) => event.actor)).toContain(
        "Vic Viewer <vic@example.com>",
      );
    }
    // The page's filter by kind of target finds them.
    const people = await listAuditEvents(getDb(), other.id, { targetType: "person" });
    expect(people.events.map((event) => event.action)).toEqual(["auth.signIn"]);
  });

  it("refuses a password sign-in of someone removed from every workspace, with the reason, and audits it", async () => {
    const other = await getDb().workspace.findFirstOrThrow({ where: { name: "Other" } });
    const vic = await getDb().user.findUniqueOrThrow({ where: { email: "vic@example.com" } });
    await getDb().membership.deleteMany({ where: { userId: vic.id } });
    const refused = await authCall("/sign-in/email", { email: "vic@example.com", password: "viewer password 1" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("no longer a member of any workspace");
    expect(refused.headers.getSetCookie().join()).not.toContain("conflux.session_token=");
    expect((await eventsOf("auth.signInFailed")).map((event) => event.actor)).toContain("vic@example.com");
    expect(await eventsOf("auth.signInFailed", other.id)).toEqual([]);
  });

  it("records a password reset asked for and done", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const asked = await authCall("/request-password-reset", {
      email: "olga@example.com",
      redirectTo: "/reset-password",
    });
    expect(asked.status).toBe(200);
    const line = log.mock.calls.map((call) => String(call[0])).find((text) => text.includes("Password reset for"));
    log.mockRestore();
    const resetToken = /\/reset-password\/([^?\s]+)/.exec(line ?? "")?.[1];
    expect(resetToken, line).toBeTruthy();
    expect(await eventsOf("auth.passwordResetRequested")).toMatchObject([{ actor: "Olga Owner <olga@example.com>" }]);

    const done = await authCall("/reset-password", { token: resetToken, newPassword: "a brand new password" });
    expect(done.status).toBe(200);
    expect(await eventsOf("auth.passwordReset")).toMatchObject([
      { actor: "Olga Owner <olga@example.com>", ip: "203.0.113.7", userAgent: "AuditTest/1.0" },
    ]);
  });
});
