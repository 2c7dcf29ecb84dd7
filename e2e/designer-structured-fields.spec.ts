// Order lines and a ship-to address as an analyst edits them: lines as cards added with the mouse and the keyboard,
// a line's item mapped from the trigger through Insert data, the address as labelled fields, and the whole list
// switched to one expression. Everything is kept in the autosaved draft, and an empty required sub-field is listed
// as a problem that names the line.
import { createFlow, expect, test } from "./fixtures";

test("order lines and the ship-to address are edited as fields, kept, and mapped as one expression", async ({
  page,
}) => {
  // Tall enough for the whole side panel, so the screenshots show every line and the address whole.
  await page.setViewportSize({ width: 1280, height: 2400 });
  await createFlow(page, `Structured fields ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-sterling-createOrder").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-enterpriseCode").fill("DEFAULT");

  // A new step has no lines, and says so in the problems.
  await expect(panel.getByTestId("field-lines")).toContainText("No lines yet.");
  await page.getByTestId("problem-count").click();
  await expect(page.getByTestId("problems-panel")).toContainText("Order lines is required");
  await page.getByTestId("problem-count").click();

  // Line 1 with the mouse; its item mapped from the trigger through the data tree.
  await panel.getByTestId("add-item-lines").click();
  await expect(panel.getByTestId("field-lines-0-itemId")).toBeFocused();
  await panel.getByTestId("insert-data-lines-0-itemId").click();
  await panel.getByTestId("data-tree-item-trigger").click();
  const itemId = panel.getByTestId("field-lines-0-itemId");
  await expect(itemId).toHaveValue("{{ trigger }}");
  await itemId.press("ArrowLeft");
  await itemId.press("ArrowLeft");
  await itemId.press("ArrowLeft");
  await itemId.pressSequentially(".orderNo");
  await expect(itemId).toHaveValue("{{ trigger.orderNo }}");
  await panel.getByTestId("list-item-lines-0").screenshot({ path: ".tmp/screenshots/structured-fields-line-data.png" });
  await panel.getByTestId("insert-data-lines-0-itemId").click();
  await panel.getByTestId("field-lines-0-quantity").fill("2");

  // Line 2 and line 3 with the keyboard: Add line is a button reached by Tab, and focus lands in the new line.
  await panel.getByTestId("add-item-lines").focus();
  await page.keyboard.press("Enter");
  await expect(panel.getByTestId("field-lines-1-itemId")).toBeFocused();
  await page.keyboard.type("SKU-2");
  await panel.getByTestId("field-lines-1-quantity").fill("1.5");
  await panel.getByTestId("add-item-lines").focus();
  await page.keyboard.press("Enter");
  await page.keyboard.type("SKU-3");
  await panel.getByTestId("field-lines-2-quantity").fill("3");
  await expect(panel.getByRole("button", { name: "Remove line 2" })).toBeVisible();
  await panel.getByTestId("field-lines").screenshot({ path: ".tmp/screenshots/structured-fields-lines.png" });

  // Line 3 moves up and back down with the keyboard; focus stays on the moving line's buttons.
  await panel.getByRole("button", { name: "Move line 3 up" }).focus();
  await page.keyboard.press("Enter");
  await expect(panel.getByTestId("field-lines-1-itemId")).toHaveValue("SKU-3");
  await expect(panel.getByTestId("move-up-lines-1")).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(panel.getByTestId("field-lines-2-itemId")).toHaveValue("SKU-3");
  await expect(panel.getByTestId("move-up-lines-2")).toBeFocused();

  // Line 2 goes; what was line 3 takes its place and keeps its values.
  await panel.getByRole("button", { name: "Remove line 2" }).click();
  await expect(panel.getByTestId("list-item-lines-2")).toHaveCount(0);
  await expect(panel.getByTestId("field-lines-1-itemId")).toHaveValue("SKU-3");
  await expect(panel.getByTestId("remove-item-lines-1")).toBeFocused();

  // The optional ship-to group starts folded while empty, and opens from its summary line.
  await expect(panel.getByTestId("summary-shipTo")).toHaveText("Not set (10 fields)");
  await expect(panel.getByTestId("field-shipTo-firstName")).toHaveCount(0);
  await panel.getByTestId("toggle-shipTo").click();
  await panel.getByTestId("field-shipTo-firstName").fill("Ada");
  await panel.getByTestId("field-shipTo-city").fill("London");
  await panel.getByTestId("field-shipTo-zipCode").fill("NW1 6XE");
  await panel.getByTestId("field-shipTo").screenshot({ path: ".tmp/screenshots/structured-fields-ship-to.png" });

  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.reload();
  await page.getByTestId("node-sterling_createOrder_1").click();
  await expect(panel.getByTestId("list-item-lines-0")).toBeVisible();
  await expect(panel.getByTestId("list-item-lines-2")).toHaveCount(0);
  await expect(panel.getByTestId("field-lines-0-itemId")).toHaveValue("{{ trigger.orderNo }}");
  await expect(panel.getByTestId("field-lines-0-quantity")).toHaveValue("2");
  await expect(panel.getByTestId("field-lines-1-itemId")).toHaveValue("SKU-3");
  // Filled in, it opens by itself; folded, its summary names what is set.
  await expect(panel.getByTestId("field-shipTo-city")).toHaveValue("London");
  await panel.getByTestId("toggle-shipTo").click();
  await expect(panel.getByTestId("summary-shipTo")).toHaveText("3 of 10 set: Ada, London, NW1 6XE");
  await panel.getByTestId("toggle-shipTo").click();

  // An empty required sub-field is named, line and all, in the problems and marked in the form.
  await panel.getByTestId("field-lines-1-itemId").fill("");
  await expect(panel.getByTestId("list-item-lines-1")).toContainText("Item ID is required.");
  await panel.getByTestId("field-lines").screenshot({ path: ".tmp/screenshots/structured-fields-missing.png" });
  await page.getByTestId("problem-count").click();
  await expect(page.getByTestId("problems-panel")).toContainText("Order lines › line 2 › Item ID is required");
  await page.getByTestId("problem-count").click();
  await panel.getByTestId("field-lines-1-itemId").fill("SKU-3");

  // The whole list mapped from data as one expression: the stored value is the template, kept over a reload.
  await panel.getByTestId("mode-expression-lines").click();
  const lines = panel.getByTestId("field-lines");
  await expect(lines).toHaveValue(/"itemId": "SKU-3"/);
  await lines.fill('{{ trigger.items.{ "itemId": sku, "quantity": qty } }}');
  await expect(panel.getByTestId("mode-expression-lines")).toHaveAttribute("aria-pressed", "true");
  await panel.screenshot({ path: ".tmp/screenshots/structured-fields-expression.png" });
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.reload();
  await page.getByTestId("node-sterling_createOrder_1").click();
  await expect(panel.getByTestId("field-lines")).toHaveValue('{{ trigger.items.{ "itemId": sku, "quantity": qty } }}');
  await expect(panel.getByTestId("mode-expression-lines")).toHaveAttribute("aria-pressed", "true");

  // Back to items: the expression is set aside (and given back by switching again), the list starts empty.
  await panel.getByTestId("mode-items-lines").click();
  await expect(panel.getByTestId("field-lines")).toContainText("No lines yet.");
  await page.getByTestId("problem-count").click();
  await expect(page.getByTestId("problems-panel")).toContainText("Order lines is required");
  await page.getByTestId("problem-count").click();
  await panel.getByTestId("mode-expression-lines").click();
  await expect(panel.getByTestId("field-lines")).toHaveValue('{{ trigger.items.{ "itemId": sku, "quantity": qty } }}');
});
