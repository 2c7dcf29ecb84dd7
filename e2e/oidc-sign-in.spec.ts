// Company sign-in in Chromium against a real OpenID Provider (oidc-provider on a loopback port): the button on the
// sign-in page, the issuer's own login page, and back in Conflux signed in with the invited role; an address nobody
// invited comes back to the sign-in page with a reason. Runs its own server (fresh data folder, OIDC configured).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { request as playwrightRequest, type Page } from "@playwright/test";
import { startOidcIssuer, type OidcIssuer } from "../test/oidc-issuer";
import { freePort, setUpAndSignIn } from "./auth-helpers";
import { expect, test } from "./fixtures";

const port = await freePort();
const baseURL = `http://127.0.0.1:${port}`;
const owner = { name: "Olga Owner", email: "olga@retail.test", password: "olga-password-1" };

let issuer: OidcIssuer | undefined;
let server: ChildProcess | undefined;
let dataDir = "";

test.use({ baseURL, storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  issuer = await startOidcIssuer({ redirectUris: [`${baseURL}/api/auth/callback/oidc`] });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-oidc-"));
  server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      CONFLUX_DATA_DIR: dataDir,
      DATABASE_URL: "",
      CONFLUX_OIDC_ISSUER: issuer.issuer,
      CONFLUX_OIDC_CLIENT_ID: issuer.clientId,
      CONFLUX_OIDC_CLIENT_SECRET: issuer.clientSecret,
      CONFLUX_OIDC_NAME: "Acme SSO",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await expect
    .poll(async () => (await fetch(`${baseURL}/api/health`).catch(() => undefined))?.status ?? 0, {
      timeout: 240_000,
      intervals: [500],
    })
    .toBe(200);
  // The owner invites Ina as an editor, as an admin would on the Members page.
  const api = await playwrightRequest.newContext({ baseURL });
  await setUpAndSignIn(api, baseURL, owner);
  const invite = await api.post(`${baseURL}/api/trpc/members.invite`, {
    data: { json: { email: "ina@retail.test", role: "editor" } },
    headers: { origin: baseURL },
  });
  expect(invite.status(), await invite.text()).toBe(200);
  await api.dispose();
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGINT");
    await exited;
  }
  await issuer?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** From Conflux's sign-in page through the issuer's login page (its development form takes any password). */
async function signInWithIssuer(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByTestId("sign-in-oidc").click();
  await expect(page).toHaveURL(new RegExp(`^${issuer?.issuer ?? ""}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
}

test("an invited person signs in with the company's issuer and lands in the workspace with the invited role", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/sign-in");
  await expect(page.getByTestId("sign-in-oidc")).toHaveText("Sign in with Acme SSO");
  await page.screenshot({ path: ".tmp/screenshots/oidc-sign-in-button.png", fullPage: true });

  await signInWithIssuer(page, "ina@retail.test");
  await expect(page).toHaveURL(`${baseURL}/flows`);
  const me = await page.request.get(`${baseURL}/api/trpc/auth.me`);
  expect(await me.text()).toContain('"role":"editor"');
  await expect(page.getByText("ina@retail.test").or(page.getByText("Ina")).first()).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/oidc-signed-in.png", fullPage: true });
});

test("an address nobody invited comes back to the sign-in page with the reason", async ({ page }) => {
  test.setTimeout(120_000);
  await signInWithIssuer(page, "mallory@elsewhere.test");
  await expect(page).toHaveURL(/\/sign-in\?error=NOT_INVITED/);
  await expect(page.getByTestId("auth-error")).toContainText("that address has no invite to Conflux");
  await page.screenshot({ path: ".tmp/screenshots/oidc-not-invited.png", fullPage: true });
  const me = await page.request.get(`${baseURL}/api/trpc/auth.me`);
  expect(me.status()).toBe(401);
});
