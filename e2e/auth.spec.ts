// Sign-in on a fresh install, as a newcomer meets it: the first person sets up the owner account, invites a
// colleague as viewer, and the viewer sees runs but no credentials and cannot start or run a flow. Runs its own
// server on a fresh data folder (the suite's server already has its owner), beside the suite's, on its own port.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { freePort } from "./auth-helpers";
import { expect, test, waitForRunRow } from "./fixtures";

// Chosen at load, so that test.use below knows it: a free port, not an offset that may be another suite's.
const port = await freePort();
const baseURL = `http://127.0.0.1:${port}`;
const owner = { name: "Olga Owner", email: "olga@retail.test", password: "olga-password-1" };
const viewer = { name: "Victor Viewer", email: "victor@retail.test", password: "victor-password-1" };
const SECRET = "s3cret-basic-password";

let server: ChildProcess | undefined;
let dataDir = "";
let output = "";

test.use({ baseURL, storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-auth-"));
  server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", CONFLUX_DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await expect
    .poll(async () => (await fetch(`${baseURL}/api/health`).catch(() => undefined))?.status ?? 0, {
      timeout: 240_000,
      intervals: [500],
    })
    .toBe(200);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGINT");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("the first person sets up the owner, invites a viewer, and the viewer reads but cannot change or run", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ownerContext = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await ownerContext.newPage();

  // A fresh install opens on the set-up page, whatever address the newcomer typed.
  await page.goto("/runs");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Conflux" })).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/auth-setup.png" });
  await page.getByTestId("setup-name").fill(owner.name);
  await page.getByTestId("setup-email").fill(owner.email);
  await page.getByTestId("setup-password").fill(owner.password);
  await page.getByTestId("setup-workspace").fill("Retail ops");
  await page.getByTestId("setup-submit").click();
  await expect(page).toHaveURL(/\/flows$/);
  await expect(page.getByTestId("user-label")).toHaveText(owner.name);
  await expect(page.getByTestId("user-role")).toHaveText("Owner");

  // Once set up, set-up is closed and sign-up with it.
  const again = await page.request.post("/api/trpc/auth.setup", {
    data: { json: { name: "Mallory", email: "mallory@evil.test", password: "mallory-password" } },
  });
  expect(again.status()).toBe(409);

  // A flow with a run, a draft flow, and an account whose password the viewer must never see.
  const flowName = `Orders to log ${Date.now()}`;
  await page.getByTestId("new-flow-button").click();
  await page.getByTestId("new-flow-name-input").fill(flowName);
  await page.getByTestId("create-flow-submit").click();
  await expect(page.getByTestId("flow-name")).toContainText(flowName);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  await page.getByTestId("node-panel").getByTestId("field-message").fill("Order received");
  await page.getByTestId("save-button").click();
  await expect(page.getByTestId("save-state")).toContainText("Saved");
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("run-now-button").click();
  await waitForRunRow(page, { flowName, status: "succeeded" });
  const draft = await page.request.post("/api/trpc/flows.create", { data: { json: { name: "Draft flow" } } });
  expect(draft.ok()).toBe(true);
  const account = await page.request.post("/api/trpc/accounts.create", {
    data: {
      json: {
        connectorId: "http",
        name: "Order API",
        mode: "basic",
        values: { baseUrl: "https://orders.retail.test", username: "svc-orders", password: SECRET },
        test: false,
      },
    },
  });
  expect(account.ok(), await account.text()).toBe(true);

  // An API token for automation, shown once, acts with its role.
  await page.getByTestId("nav-tokens").click();
  await page.getByTestId("token-name").fill("nightly-report");
  await page.getByTestId("token-role").selectOption("viewer");
  await page.getByTestId("token-create").click();
  const token = (await page.getByTestId("token-value").textContent()) ?? "";
  expect(token).toMatch(/^cfx_/);
  const anonymous = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] } });
  const withToken = await anonymous.get(`${baseURL}/api/trpc/flows.list`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(await withToken.text()).toContain(flowName);
  expect((await anonymous.get(`${baseURL}/api/trpc/flows.list`)).status()).toBe(401);
  await anonymous.dispose();
  await page.reload();
  await expect(page.getByTestId("token-nightly-report").getByTestId("token-last-used")).not.toHaveText("never");
  await page.screenshot({ path: ".tmp/screenshots/auth-tokens.png", fullPage: true });

  // The audit log shows what the owner did, and from where.
  await page.getByTestId("nav-audit").click();
  await expect(page.getByTestId("audit-row").filter({ hasText: "flows.start" })).toContainText(owner.email);
  await expect(page.getByTestId("audit-row").filter({ hasText: "tokens.create" })).toContainText("127.0.0.1");
  await page.screenshot({ path: ".tmp/screenshots/auth-audit.png", fullPage: true });
  // Signing in is audited too: the set-up, the sign-in that followed it, and a wrong password (by address only).
  const wrong = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] } });
  const refused = await wrong.post(`${baseURL}/api/auth/sign-in/email`, {
    data: { email: owner.email, password: "not-the-password-9" },
    headers: { origin: baseURL },
  });
  expect(refused.status()).toBe(401);
  await wrong.dispose();
  await page.getByTestId("audit-target").selectOption("person");
  await expect(page.getByTestId("audit-row").filter({ hasText: "auth.setup" })).toContainText(owner.email);
  await expect(
    page
      .getByTestId("audit-row")
      .filter({ hasText: /auth\.signIn(?!Failed)/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByTestId("audit-row").filter({ hasText: "auth.signInFailed" })).toContainText("127.0.0.1");
  await expect(page.getByTestId("audit-row").filter({ hasText: "flows.start" })).toHaveCount(0);
  await expect(page.getByTestId("audit-table")).not.toContainText("not-the-password-9");
  await page.screenshot({ path: ".tmp/screenshots/auth-audit-sign-ins.png", fullPage: true });

  // Invite the viewer: the link is shown once and printed to the server log.
  await page.getByTestId("nav-members").click();
  await page.getByTestId("invite-email").fill(viewer.email);
  await page.getByTestId("invite-role").selectOption("viewer");
  await page.getByTestId("invite-send").click();
  const link = (await page.getByTestId("invite-link").textContent()) ?? "";
  expect(link).toMatch(new RegExp(`^${baseURL}/invite/`));
  expect(output).toContain(`Invite for ${viewer.email} (viewer): ${link}`);
  await expect(page.getByTestId(`invite-${viewer.email}`)).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/auth-members-invite.png", fullPage: true });

  // The viewer accepts in a browser of their own.
  const viewerContext = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const viewerPage = await viewerContext.newPage();
  await viewerPage.goto(link);
  await expect(viewerPage.getByRole("heading", { name: "Join Retail ops" })).toBeVisible();
  await viewerPage.getByTestId("invite-name").fill(viewer.name);
  await viewerPage.getByTestId("invite-password").fill(viewer.password);
  await viewerPage.screenshot({ path: ".tmp/screenshots/auth-accept-invite.png" });
  await viewerPage.getByTestId("invite-submit").click();
  await expect(viewerPage).toHaveURL(/\/flows$/);
  await expect(viewerPage.getByTestId("user-role")).toHaveText("Viewer");
  await expect(viewerPage.getByTestId("nav-members")).toHaveCount(0);

  // Sees runs, and who started them.
  const runRow = await waitForRunRow(viewerPage, { flowName, status: "succeeded" });
  await viewerPage.screenshot({ path: ".tmp/screenshots/auth-viewer-runs.png" });
  await runRow.getByTestId("run-link").click();
  await expect(viewerPage.getByTestId("run-started-by")).toHaveText(`${owner.name} <${owner.email}>`);

  // Cannot run or stop the running flow, nor start the draft: the buttons are disabled and say why.
  await viewerPage.goto("/flows");
  await viewerPage.locator(`[data-testid="flow-row"][data-flow-name="${flowName}"]`).getByRole("link").first().click();
  await expect(viewerPage.getByTestId("flow-status")).toHaveText(/running/i);
  await expect(viewerPage.getByTestId("run-now-button")).toBeDisabled();
  await expect(viewerPage.getByTestId("run-now-button")).toHaveAttribute("title", /Your role cannot do this/);
  await expect(viewerPage.getByTestId("stop-button")).toBeDisabled();
  await viewerPage.goto("/flows");
  await viewerPage.locator(`[data-testid="flow-row"][data-flow-name="Draft flow"]`).getByRole("link").first().click();
  await expect(viewerPage.getByTestId("start-button")).toBeDisabled();
  await expect(viewerPage.getByTestId("start-button")).toHaveAttribute("title", /needs Operator or above/);
  await viewerPage.screenshot({ path: ".tmp/screenshots/auth-viewer-designer.png" });
  // The API refuses it as well, whatever the page shows.
  const flows = await viewerPage.request.get("/api/trpc/flows.list");
  const draftId = /"id":"([^"]+)","name":"Draft flow"/.exec(await flows.text())?.[1] ?? "";
  const start = await viewerPage.request.post("/api/trpc/flows.start", { data: { json: { id: draftId } } });
  expect(start.status()).toBe(403);

  // Sees the account exists, read-only, and never its password.
  await viewerPage.goto("/applications");
  await viewerPage.getByTestId("application-toggle-http").click();
  const row = viewerPage.locator('[data-testid="account-row"][data-account-name="Order API"]');
  await row.getByTestId("account-options").click();
  await row.getByTestId("account-edit").click();
  const dialog = viewerPage.getByTestId("account-dialog");
  await expect(dialog.getByTestId("account-read-only")).toBeVisible();
  await expect(dialog.getByTestId("account-field-username")).toBeDisabled();
  await expect(dialog.getByTestId("account-submit")).toHaveCount(0);
  await viewerPage.screenshot({ path: ".tmp/screenshots/auth-viewer-account.png" });
  expect(await viewerPage.content()).not.toContain(SECRET);
  const accounts = await viewerPage.request.get("/api/trpc/accounts.list");
  expect(accounts.ok()).toBe(true);
  expect(await accounts.text()).not.toContain(SECRET);

  // Signing out ends the session: pages go back to sign-in.
  await viewerPage.keyboard.press("Escape");
  await viewerPage.getByTestId("sign-out").click();
  await expect(viewerPage).toHaveURL(/\/sign-in/);
  expect((await viewerPage.request.get("/api/trpc/flows.list")).status()).toBe(401);
  // No company sign-in is configured on this server, so its button is not offered (e2e/oidc-sign-in.spec.ts: it is).
  await expect(viewerPage.getByTestId("sign-in-submit")).toBeVisible();
  await expect(viewerPage.getByTestId("sign-in-oidc")).toHaveCount(0);
  await viewerPage.screenshot({ path: ".tmp/screenshots/auth-sign-in.png" });

  await viewerContext.close();
  await ownerContext.close();
});
