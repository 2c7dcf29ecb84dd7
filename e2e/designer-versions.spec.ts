// Versions, export/import and templates as an analyst uses them: publish twice, compare, restore the first version,
// move the flow through a file, and start a flow from the templates gallery.
import fs from "node:fs";
import path from "node:path";
import { OWNER } from "./auth-helpers";
import { createFlow, expect, test } from "./fixtures";

const downloads = path.join(".tmp", "downloads");

test("versions: compare two published versions and restore the first into the draft", async ({ page }) => {
  const flowName = `Versions ${Date.now()}`;
  await createFlow(page, flowName);

  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-message").fill("First version message");
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);

  await page.getByTestId("stop-button").click();
  await page.getByTestId("stop-confirm").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/stopped/i);
  await page.getByTestId("node-core_log_1").click();
  await panel.getByTestId("field-message").fill("Second version message");
  await page.getByTestId("start-button").click();
  await expect(page.getByText("version 2 published")).toBeVisible();

  await page.getByTestId("more-actions-button").click();
  await page.getByTestId("versions-button").click();
  const dialog = page.getByTestId("versions-dialog");
  await expect(dialog.getByTestId("version-row")).toHaveCount(2);
  // Who published each version: the signed-in owner (e2e/auth-helpers.ts), named, with the address on hover.
  for (const row of await dialog.getByTestId("version-row").all()) {
    await expect(row.getByTestId("version-published-by")).toHaveText(OWNER.name);
    await expect(row.getByTestId("version-published-by")).toHaveAttribute("title", `${OWNER.name} <${OWNER.email}>`);
  }
  await expect(dialog.getByTestId("version-diff-empty")).toBeVisible();
  await dialog.getByTestId("diff-from-select").selectOption("1");
  await dialog.getByTestId("diff-to-select").selectOption("2");
  await expect(dialog.getByTestId("diff-nodes-changed")).toContainText("message");
  await page.screenshot({ path: ".tmp/screenshots/versions-diff.png" });

  await dialog.locator('[data-testid="version-row"][data-version="1"]').getByTestId("restore-version-button").click();
  await expect(dialog.getByTestId("restore-confirm")).toBeVisible();
  await dialog.getByTestId("confirm-restore-button").click();
  await expect(dialog).toBeHidden();

  // The draft is version 1 again: comparing them shows nothing, and version 2 differs by the message.
  await page.getByTestId("more-actions-button").click();
  await page.getByTestId("versions-button").click();
  await dialog.getByTestId("diff-from-select").selectOption("1");
  await dialog.getByTestId("diff-to-select").selectOption("draft");
  await expect(dialog.getByTestId("version-diff-empty")).toBeVisible();
  await dialog.getByTestId("diff-from-select").selectOption("2");
  await expect(dialog.getByTestId("diff-nodes-changed")).toContainText("message");
  await page.screenshot({ path: ".tmp/screenshots/versions-restored.png" });
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.getByTestId("node-core_log_1").click();
  await expect(panel.getByTestId("field-message")).toHaveValue("First version message");
});

test("export a flow to a file and import it back on the flows list", async ({ page }) => {
  const flowName = `Export ${Date.now()}`;
  await createFlow(page, flowName);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  await page.getByTestId("node-panel").getByTestId("field-url").fill("https://example.test/orders");

  await page.getByTestId("more-actions-button").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-flow-button").click()]);
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  const exported: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(exported).toMatchObject({ format: "conflux-flow", version: 1, name: flowName });
  expect(JSON.stringify(exported)).not.toContain("accountId");

  // Saved first, so leaving the designer raises no "unsaved changes" prompt.
  await page.getByTestId("save-button").click();
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.goto("/flows");
  // The file is checked against the connector manifest, which the button waits for.
  await expect(page.getByTestId("import-flow-button")).toBeEnabled();
  await page.getByTestId("import-flow-file-input").setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from("{ not json"),
  });
  await expect(page.getByTestId("import-errors")).toContainText("not JSON");
  await page.getByTestId("import-errors-dialog").getByRole("button", { name: "Close" }).click();

  await page.getByTestId("import-flow-file-input").setInputFiles(file);
  const dialog = page.getByTestId("import-flow-dialog");
  await expect(dialog.getByTestId("import-account-http")).toHaveValue("");
  await dialog.getByTestId("import-flow-name").fill(`${flowName} (imported)`);
  await page.screenshot({ path: ".tmp/screenshots/import-accounts.png" });
  await dialog.getByTestId("import-flow-submit").click();
  await expect(page.getByTestId("flow-name")).toContainText(`${flowName} (imported)`);
  await expect(page.getByTestId("node-http_request_1")).toBeVisible();
});

test("start a flow from a template", async ({ page }) => {
  await page.goto("/flows");
  await page.getByTestId("template-gallery-button").click();
  const gallery = page.getByTestId("template-gallery-dialog");
  await gallery.locator('[data-template-id="core-order-acknowledgement"]').click();
  const name = `From template ${Date.now()}`;
  await gallery.getByTestId("template-flow-name").fill(name);
  await page.screenshot({ path: ".tmp/screenshots/template-gallery.png" });
  await gallery.getByTestId("create-from-template-submit").click();
  await expect(page.getByTestId("flow-name")).toContainText(name);
  await expect(page.getByTestId("node-has_order_no")).toBeVisible();
  await expect(page.getByTestId("node-accept")).toBeVisible();
  await expect(page.getByTestId("node-refuse")).toBeVisible();
});
