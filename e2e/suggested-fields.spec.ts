// A free-form object whose target documents its keys (Sterling createOrder's additional attributes): the Fields editor
// offers them, and one click adds a row with that key, ready for its value.
import { createFlow, expect, test } from "./fixtures";

test("Sterling's Create order offers createOrder's documented attributes as fields to add", async ({ page }) => {
  await createFlow(page, `Suggested fields ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-sterling-createOrder").click();
  const panel = page.getByTestId("node-panel");
  const suggestions = panel.getByTestId("mapping-suggestions-additionalAttributes");
  await suggestions.scrollIntoViewIfNeeded();
  await expect(suggestions).toContainText("EntryType");
  await panel.getByTestId("mapping-suggest-additionalAttributes-EntryType").click();
  await expect(panel.getByTestId("mapping-key-additionalAttributes-0")).toHaveValue("EntryType");
  // Once used, a key is no longer offered.
  await expect(panel.getByTestId("mapping-suggest-additionalAttributes-EntryType")).toHaveCount(0);
  await suggestions.scrollIntoViewIfNeeded();
  await page.screenshot({ path: ".tmp/screenshots/suggested-fields.png" });
});
