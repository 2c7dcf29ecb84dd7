// Samples follow the trigger: after switching Run now to Webhook, Test, Insert data and Run now with data use the
// webhook's shape at once, not the data the old trigger's test left behind.
import { createFlow, expect, test } from "./fixtures";

test("after switching the trigger, Test, Insert data and Run now with data use the new trigger's sample", async ({
  page,
}) => {
  await createFlow(page, `Trigger samples ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-message").fill("Order {{ trigger.orderNo }}");

  await page.getByTestId("test-flow-button").click();
  const dialog = page.getByTestId("test-flow-dialog");
  await dialog.getByTestId("test-sample-pasted").check();
  await dialog.getByTestId("test-payload-input").fill('{"orderNo": "MANUAL-1"}');
  await dialog.getByTestId("test-run-submit").click();
  await expect(page.getByTestId("test-run-banner")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await page.getByTestId("node-core_log_1").click();
  await panel.getByTestId("insert-data-message").click();
  await expect(panel.getByTestId("data-tree-item-trigger.orderNo")).toContainText("MANUAL-1");

  await page.getByTestId("node-trigger").click();
  await panel.getByTestId("trigger-kind-select").selectOption("core:webhook");

  // Insert data no longer offers the manual test's fields: the webhook's are body, headers, query…
  await page.getByTestId("node-core_log_1").click();
  await panel.getByTestId("insert-data-message").click();
  await expect(panel.getByTestId("data-tree-item-trigger.body")).toBeVisible();
  await expect(panel.getByTestId("data-tree-item-trigger.orderNo")).toHaveCount(0);
  await page.screenshot({ path: ".tmp/screenshots/trigger-samples-insert-data.png" });

  // Test offers the webhook's sample, unsaved switch or not.
  await page.getByTestId("test-flow-button").click();
  await expect(dialog.getByTestId("test-sample-declared")).toBeChecked();
  await expect(dialog.getByTestId("test-payload-input")).toHaveValue(/"eventId": "evt-1001"/);
  await page.screenshot({ path: ".tmp/screenshots/trigger-samples-test-dialog.png" });
  await dialog.getByTestId("test-cancel-button").click();

  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("run-with-data-button").click();
  await expect(page.getByTestId("run-payload-input")).toHaveValue(/"x-event-id": "evt-1001"/);
});
