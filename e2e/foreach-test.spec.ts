// A test of a flow with a For each, as an analyst reads it: the step inside the loop shows its result item by item
// (item 1 of 3, then another), its preview uses the first item, and nothing says it did not run or yields nothing.
import { createFlow, expect, test } from "./fixtures";

test("a step inside a For each shows each item's test result, and previews from the first item", async ({ page }) => {
  await createFlow(page, `For each test ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-forEach").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-items").fill("{{ trigger.lines }}");
  // The next step goes into the loop's body.
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  await panel.getByTestId("field-message").fill("SKU {{ item.sku }} x {{ item.qty }}");

  await page.getByTestId("test-flow-button").click();
  const dialog = page.getByTestId("test-flow-dialog");
  await dialog.getByTestId("test-sample-pasted").check();
  await dialog
    .getByTestId("test-payload-input")
    .fill('{"lines": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}, {"sku": "C", "qty": 3}]}');
  await dialog.getByTestId("test-run-submit").click();
  await expect(page.getByTestId("test-run-banner")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });

  await page.getByTestId("node-core_log_1").click();
  await expect(panel.getByTestId("test-step-status")).toHaveText(/succeeded/i);
  await expect(panel.getByTestId("test-step-not-run")).toHaveCount(0);
  const picker = panel.getByTestId("test-item-picker");
  await expect(picker.locator("option")).toHaveText(["1 of 3", "2 of 3", "3 of 3"]);
  await expect(panel.getByTestId("test-step-output")).toContainText("SKU A x 1");
  await picker.selectOption({ label: "2 of 3" });
  await expect(panel.getByTestId("test-step-output")).toContainText("SKU B x 2");
  // The preview inside the loop reads the first item, with no "yields nothing" warning.
  await expect(panel.getByTestId("expression-preview-message")).toContainText("SKU A x 1");
  await expect(panel.getByTestId("expression-warning-message")).toHaveCount(0);
  await panel.getByTestId("test-results").scrollIntoViewIfNeeded();
  await page.screenshot({ path: ".tmp/screenshots/foreach-test-items.png" });
  // The canvas marks the loop's step as run.
  await expect(page.getByTestId("node-core_log_1")).toHaveAttribute("data-test-status", "succeeded");
});
