// Company sign-in (OIDC) end to end over real HTTP: better-auth's own handler on Conflux's side, a real OpenID
// Provider (oidc-provider) on a loopback port on the other, its login page filled in as a browser would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callProcedure } from "@/test/api-http";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startOidcIssuer, type OidcIssuer } from "@/test/oidc-issuer";
import { readConfig, useDatabaseUrl } from "../boot/config";
import { getDb } from "../db/client";
import { createApiContext } from "../api/context";
import { invitePerson, setUpOwner } from "../services/people.service";
import { NO_WORKSPACE, NOT_INVITED } from "@/lib/sign-in-errors";
import { getAuth, oidcSettings } from "./auth";

const APP = "http://localhost";
const CALLBACK = `${APP}/api/auth/callback/oidc`;
let t: TestDatabase;
let issuer: OidcIssuer;
let workspaceId: string;

beforeAll(async () => {
  issuer = await startOidcIssuer({ redirectUris: [CALLBACK] });
  process.env.CONFLUX_OIDC_ISSUER = issuer.issuer;
  process.env.CONFLUX_OIDC_CLIENT_ID = issuer.clientId;
  process.env.CONFLUX_OIDC_CLIENT_SECRET = issuer.clientSecret;
  process.env.CONFLUX_OIDC_NAME = "Acme SSO";
  t = await createTestDatabase();
  // Also drops the cached configuration, so that sign-in is built with the issuer above.
  useDatabaseUrl(t.url);
  const owner = await setUpOwner(getDb(), {
    name: "Olga Owner",
    email: "olga@example.com",
    password: "owner password 1",
  });
  workspaceId = owner.workspaceId;
});
afterAll(async () => {
  await getDb().$disconnect();
  await t.drop();
  await issuer.close();
});

/** The cookies a response sets, as a Cookie header (name=value pairs only). */
function cookiesOf(response: Response, jar = new Map<string, string>()): Map<string, string> {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
  }
  return jar;
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** Presses "Sign in with …": better-auth answers the issuer's authorization URL and sets its state cookie. */
async function startSignIn() {
  const response = await getAuth().handler(
    new Request(`${APP}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/flows", errorCallbackURL: "/sign-in" }),
    }),
  );
  expect(response.status).toBe(200);
  const { url } = (await response.json()) as { url: string };
  return { authorizationUrl: new URL(url), appCookies: cookiesOf(response) };
}

/** At the issuer: follows its redirects, fills in its login page, and returns the callback address it sends back. */
async function logInAtIssuer(authorizationUrl: URL, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let next = authorizationUrl;
  let form: URLSearchParams | null = null;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(next, {
      redirect: "manual",
      headers: { cookie: cookieHeader(jar), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(form ? { method: "POST", body: form.toString() } : {}),
    });
    cookiesOf(response, jar);
    form = null;
    const location = response.headers.get("location");
    if (location) {
      next = new URL(location, next);
      if (next.href.startsWith(CALLBACK)) return next;
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    expect(action, page).toBeDefined();
    next = new URL(action ?? "", next);
    form = new URLSearchParams({ prompt: "login", login, password: "any password" });
  }
  throw new Error("The issuer never sent the browser back to Conflux.");
}

/** Back at Conflux: its callback answers a redirect, and a session cookie when the sign-in worked. */
async function finishSignIn(callback: URL, appCookies: Map<string, string>) {
  const response = await getAuth().handler(new Request(callback, { headers: { cookie: cookieHeader(appCookies) } }));
  const location = new URL(response.headers.get("location") ?? "/", APP);
  const jar = cookiesOf(response, new Map(appCookies));
  return { status: response.status, location, session: jar.get("conflux.session_token"), cookie: cookieHeader(jar) };
}

async function signInAs(login: string) {
  const { authorizationUrl, appCookies } = await startSignIn();
  return finishSignIn(await logInAtIssuer(authorizationUrl, login), appCookies);
}

async function me(cookie: string) {
  return callProcedure({ path: "auth.me", type: "query" }, undefined, (req) => createApiContext({ req }), { cookie });
}

describe("company sign-in (OIDC) against a real issuer", () => {
  it("offers the button only when issuer, client id and secret are all set", async () => {
    const status = await callProcedure({ path: "auth.status", type: "query" }, undefined, () => createApiContext());
    expect(status.body).toContain('"oidcName":"Acme SSO"');
    expect(oidcSettings(readConfig({}))).toBeNull();
    expect(oidcSettings(readConfig({ CONFLUX_OIDC_ISSUER: issuer.issuer, CONFLUX_OIDC_CLIENT_ID: "x" }))).toBeNull();
  });

  it("sends the browser to the issuer with state, a nonce and a PKCE challenge (S256)", async () => {
    const { authorizationUrl } = await startSignIn();
    expect(authorizationUrl.origin).toBe(issuer.issuer);
    expect(authorizationUrl.searchParams.get("client_id")).toBe(issuer.clientId);
    expect(authorizationUrl.searchParams.get("redirect_uri")).toBe(CALLBACK);
    expect(authorizationUrl.searchParams.get("state")).toBeTruthy();
    expect(authorizationUrl.searchParams.get("nonce")).toBeTruthy();
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
  });

  it("lets an invited address in, into the inviting workspace with the invited role, and reuses the person", async () => {
    await invitePerson(
      getDb(),
      workspaceId,
      { email: "Ina@Example.com", role: "operator" },
      {
        userId: null,
        origin: APP,
      },
    );
    const first = await signInAs("ina@example.com");
    expect(first.status).toBe(302);
    expect(first.location.pathname).toBe("/flows");
    expect(first.session).toBeTruthy();
    const answer = await me(first.cookie);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("<ina@example.com>");
    expect(answer.body).toContain('"role":"operator"');
    expect(answer.body).toContain(`"workspaceId":"${workspaceId}"`);

    const second = await signInAs("ina@example.com");
    expect(second.location.pathname).toBe("/flows");
    expect(second.session).toBeTruthy();
    expect(second.session).not.toBe(first.session);
    const people = await getDb().user.findMany({
      where: { email: "ina@example.com" },
      include: { authAccounts: true },
    });
    expect(people).toHaveLength(1);
    expect(people[0]?.authAccounts.map((account) => account.providerId)).toEqual(["oidc"]);
    expect(await getDb().membership.count({ where: { userId: people[0]?.id } })).toBe(1);
    expect(await getDb().invite.count({ where: { email: "ina@example.com", acceptedAt: null } })).toBe(0);
    const signIns = await getDb().auditEvent.findMany({ where: { workspaceId, action: "auth.signIn" } });
    expect(signIns.map((event) => event.targetName)).toEqual([
      "ina@example.com (Acme SSO)",
      "ina@example.com (Acme SSO)",
    ]);
  });

  it("refuses a person removed from every workspace, saying so, and gives no session", async () => {
    await invitePerson(
      getDb(),
      workspaceId,
      { email: "rex@example.com", role: "viewer" },
      { userId: null, origin: APP },
    );
    expect((await signInAs("rex@example.com")).session).toBeTruthy();
    const rex = await getDb().user.findUniqueOrThrow({ where: { email: "rex@example.com" } });
    await getDb().membership.deleteMany({ where: { userId: rex.id } });
    const refused = await signInAs("rex@example.com");
    expect(refused.location.pathname).toBe("/sign-in");
    expect(refused.location.searchParams.get("error")).toBe(NO_WORKSPACE);
    expect(refused.session).toBeUndefined();
  });

  it("refuses an address nobody invited, with a clear reason, and creates nobody", async () => {
    const before = await getDb().user.count();
    const answer = await signInAs("mallory@example.com");
    expect(answer.status).toBe(302);
    expect(answer.location.pathname).toBe("/sign-in");
    expect(answer.location.searchParams.get("error")).toBe(NOT_INVITED);
    expect(answer.session).toBeUndefined();
    expect(await getDb().user.count()).toBe(before);
    expect(await getDb().user.count({ where: { email: "mallory@example.com" } })).toBe(0);
    expect(
      await getDb().auditEvent.findMany({
        where: { workspaceId, action: "auth.signInFailed" },
        select: { actor: true, targetName: true },
      }),
    ).toEqual([{ actor: "mallory@example.com", targetName: "mallory@example.com (Acme SSO, not invited)" }]);
  });

  it("refuses a callback whose state was tampered with, or that comes back to another browser", async () => {
    await invitePerson(
      getDb(),
      workspaceId,
      { email: "tom@example.com", role: "viewer" },
      { userId: null, origin: APP },
    );
    const { authorizationUrl, appCookies } = await startSignIn();
    const callback = await logInAtIssuer(authorizationUrl, "tom@example.com");

    const tampered = new URL(callback);
    tampered.searchParams.set("state", `${callback.searchParams.get("state") ?? ""}x`);
    const refused = await finishSignIn(tampered, appCookies);
    expect(refused.location.pathname).toBe("/sign-in");
    expect(refused.location.searchParams.get("error")).toBeTruthy();
    expect(refused.session).toBeUndefined();

    // The right state and code, but without the state cookie of the browser that started: a login CSRF.
    const otherBrowser = await finishSignIn(callback, new Map());
    expect(otherBrowser.location.pathname).toBe("/sign-in");
    expect(otherBrowser.session).toBeUndefined();
    expect(await getDb().user.count({ where: { email: "tom@example.com" } })).toBe(0);
  });
});
