// Saved accounts as an analyst manages them on Applications and APIs: connect against a local API that checks
// credentials (a wrong password first), test, rename, use the account in a flow, and try to delete it while that
// flow runs.
import type { Page } from "@playwright/test";
import { createFlow, expect, test } from "./fixtures";

async function openApplication(page: Page, connectorId: string) {
  await page.goto("/applications");
  const toggle = page.getByTestId(`application-toggle-${connectorId}`);
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(page.getByTestId(`accounts-${connectorId}`)).toBeVisible();
}

function accountRow(page: Page, name: string) {
  return page.locator(`[data-testid="account-row"][data-account-name="${name}"]`);
}

test("connect, test, rename, use in a flow and delete an account", async ({ page, protectedServer }) => {
  const name = `Order API ${Date.now()}`;
  await openApplication(page, "http");
  await page.getByTestId("connect-http").click();
  const dialog = page.getByTestId("account-dialog");
  await dialog.getByTestId("account-name-input").fill(name);
  await dialog.getByTestId("account-mode-basic").check();
  await dialog.getByTestId("account-field-baseUrl").fill(protectedServer.url);
  await dialog.getByTestId("account-field-username").fill(protectedServer.username);
  await dialog.getByTestId("account-field-password").fill("not-the-password");
  await dialog.getByTestId("account-submit").click();

  // A wrong password: the account is saved, the test's failure is shown in plain words, and the form stays open.
  await expect(dialog.getByTestId("account-test-failure")).toContainText("refused the credentials (401");
  await page.screenshot({ path: ".tmp/screenshots/account-connect-failed.png" });
  await expect(dialog.getByTestId("account-field-password")).toHaveAttribute("placeholder", /Saved/);
  await dialog.getByTestId("account-field-password").fill(protectedServer.password);
  await dialog.getByTestId("account-submit").click();
  await expect(dialog).toBeHidden();
  const row = accountRow(page, name);
  await expect(row.getByTestId("account-status")).toHaveText("Connected");
  await expect(page.getByTestId("application-http").getByTestId("account-count")).toContainText("account");

  // Test again on demand, from the options menu.
  const requestsBefore = protectedServer.received.length;
  await row.getByTestId("account-options").click();
  await row.getByTestId("account-test").click();
  await expect(page.getByText(`${name}: connected.`)).toBeVisible();
  expect(protectedServer.received.length).toBeGreaterThan(requestsBefore);
  expect(protectedServer.received.at(-1)?.headers.authorization).toMatch(/^Basic /);

  // Rename, and a duplicate name is refused with a sentence.
  const renamed = `${name} (prod)`;
  await row.getByTestId("account-options").click();
  await row.getByTestId("account-rename").click();
  await page.getByTestId("rename-account-input").fill(renamed);
  await page.getByTestId("rename-account-submit").click();
  const renamedRow = accountRow(page, renamed);
  await expect(renamedRow).toBeVisible();
  await page.getByTestId("connect-http").click();
  await dialog.getByTestId("account-name-input").fill(renamed);
  await dialog.getByTestId("account-field-baseUrl").fill(protectedServer.url);
  await dialog.getByTestId("account-submit").click();
  await expect(dialog.getByTestId("account-form-error")).toContainText(`An account named "${renamed}" already exists`);
  await expect(dialog.getByTestId("account-name-input")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await page.screenshot({ path: ".tmp/screenshots/accounts-list.png", fullPage: true });

  // A flow whose HTTP step uses the account: only a path, the account supplies the base URL and the credentials.
  const flowName = `Uses ${renamed}`;
  await createFlow(page, flowName);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("account-select").selectOption({ label: renamed });
  await expect(panel.getByTestId("account-status")).toHaveText("Connected");
  await panel.getByTestId("field-url").fill("/orders");
  await page.screenshot({ path: ".tmp/screenshots/designer-account-picker.png" });
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("run-now-button").click();
  await page.getByTestId("run-link").click();
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i, { timeout: 30_000 });
  await expect(page.getByTestId("step-http_request_1").getByTestId("step-output")).toContainText("Y100042");
  await expect(page.locator("body")).not.toContainText(protectedServer.password);

  // Delete is refused while the running flow uses it, naming the flow; after Stop it goes.
  await openApplication(page, "http");
  await expect(renamedRow.getByTestId("account-used-by")).toHaveText("Used by 1 flow");
  await renamedRow.getByTestId("account-options").click();
  await renamedRow.getByTestId("account-delete").click();
  const confirm = page.getByTestId("delete-account-dialog");
  await confirm.getByTestId("confirm-delete-account").click();
  await expect(confirm.getByTestId("delete-account-error")).toContainText(`used by the running flow "${flowName}"`);
  await page.screenshot({ path: ".tmp/screenshots/account-delete-refused.png" });
  await confirm.getByRole("link", { name: flowName }).click();
  await page.getByTestId("stop-button").click();
  await page.getByTestId("stop-confirm").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/stopped/i);

  await openApplication(page, "http");
  await renamedRow.getByTestId("account-options").click();
  await renamedRow.getByTestId("account-delete").click();
  await expect(confirm).toContainText("will need another account");
  await confirm.getByTestId("confirm-delete-account").click();
  await expect(renamedRow).toHaveCount(0);
});

test("a malformed certificate is refused on save, naming the field", async ({ page }) => {
  await openApplication(page, "http");
  await page.getByTestId("connect-http").click();
  const dialog = page.getByTestId("account-dialog");
  await dialog.getByTestId("account-mode-clientCertificate").check();
  await dialog.getByTestId("account-field-baseUrl").fill("https://127.0.0.1:9");
  await dialog
    .getByTestId("account-field-certificate")
    .fill("-----BEGIN CERTIFICATE-----\\nnot base64 at all\\n-----END CERTIFICATE-----");
  await dialog.getByTestId("account-field-privateKey").fill("garbage");
  await dialog.getByTestId("account-submit").click();
  await expect(dialog.getByTestId("account-field-error")).toContainText(
    "Client certificate is not a readable PEM certificate",
  );
  await expect(dialog.getByTestId("account-field-certificate")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: ".tmp/screenshots/account-bad-pem.png" });
});
