// Mapping as an analyst meets it: after one run with sample data, a Log step's data tree offers the trigger's fields
// with their values, clicking one inserts its reference, and the preview shows what it gives, warns when a path
// yields nothing or gives the wrong type, and points at a syntax error.
import { createFlow, expect, test } from "./fixtures";

test("the data tree inserts a reference and the preview checks what a template gives", async ({ page }) => {
  const flowName = `Mapping ${Date.now()}`;
  await createFlow(page, flowName);

  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-message").fill("Order {{ trigger.orderNo }}");
  // Before any run there is nothing to preview with, only the syntax to check.
  await expect(panel.getByTestId("expression-no-sample-message")).toBeVisible();

  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("run-with-data-button").click();
  await page
    .getByTestId("run-payload-input")
    .fill('{"orderNo": "Y100042", "total": 250, "customer": {"name": "Ada"}, "lines": [{"sku": "A"}, {"sku": "B"}]}');
  await page.getByTestId("run-payload-submit").click();
  await page.getByTestId("run-link").last().click();
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i, { timeout: 30_000 });
  await page.goBack();
  await expect(page.getByTestId("flow-name")).toContainText(flowName);

  await page.getByTestId("node-core_log_1").click();
  const message = panel.getByTestId("field-message");
  await expect(panel.getByTestId("expression-preview-message")).toContainText("Order Y100042");

  await message.fill("");
  await panel.getByTestId("insert-data-message").click();
  await expect(panel.getByTestId("data-tree")).toBeVisible();
  const orderNo = panel.getByTestId("data-tree-item-trigger.orderNo");
  await expect(orderNo).toContainText("Y100042");
  await orderNo.click();
  await expect(message).toHaveValue("{{ trigger.orderNo }}");
  await expect(panel.getByTestId("expression-preview-message")).toContainText('"Y100042"');
  await expect(panel.getByTestId("expression-warning-message")).toHaveCount(0);

  // The search finds nested fields; clicking inserts at the caret, after what is already there.
  await message.fill("Hello ");
  await panel.getByTestId("data-tree-search").fill("name");
  await panel.getByTestId("data-tree-item-trigger.customer.name").click();
  await expect(message).toHaveValue("Hello {{ trigger.customer.name }}");
  await expect(panel.getByTestId("expression-preview-message")).toContainText("Hello Ada");
  await panel.getByTestId("data-tree-search").fill("");
  await panel.getByTestId("data-tree").scrollIntoViewIfNeeded();
  await panel.screenshot({ path: ".tmp/screenshots/designer-mapping-tree.png" });

  await message.fill("{{ trigger.orderNumber }}");
  await expect(panel.getByTestId("expression-warning-message")).toContainText(/yields nothing/i);
  await page.screenshot({ path: ".tmp/screenshots/designer-mapping-nothing.png" });

  await message.fill("{{ trigger.orderNo & }}");
  await expect(panel.getByTestId("expression-error-message")).toContainText(/at character \d+/);
  await page.screenshot({ path: ".tmp/screenshots/designer-mapping-error.png" });

  // A For each's items field is a text box for a list: text there is the wrong type.
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-forEach").click();
  const items = panel.getByTestId("field-items");
  await items.fill("{{ trigger.orderNo }}");
  await expect(panel.getByTestId("expression-warning-items")).toContainText("expects a list");
  await items.fill("{{ trigger.lines }}");
  // A list shows as indented JSON, not as one escaped line.
  await expect(panel.getByTestId("expression-json-items")).toContainText('"sku": "A"');
  await expect(panel.getByTestId("expression-warning-items")).toHaveCount(0);

  // A JSON request body shows its mapped JSON readably, and says when the mapping leaves it invalid.
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  await panel.getByTestId("field-method").selectOption("POST");
  await panel.getByTestId("mapped-mode-text-body").click();
  const body = panel.getByTestId("field-body");
  await body.fill('{"orderNo": "{{ trigger.orderNo }}", "customer": "{{ trigger.customer.name }}"}');
  await expect(panel.getByTestId("expression-json-body")).toContainText('"orderNo": "Y100042"');
  await expect(panel.getByTestId("expression-json-warning-body")).toHaveCount(0);
  await body.fill('{"orderNo": {{ trigger.orderNo }}}');
  await expect(panel.getByTestId("expression-json-warning-body")).toContainText(
    "This body is not valid JSON after mapping",
  );
  await panel.screenshot({ path: ".tmp/screenshots/designer-mapping-json-body.png" });
});

test("undo and redo reach header rows while the step's panel stays open", async ({ page }) => {
  await createFlow(page, `Headers undo ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-headers-add").click();
  await panel.getByTestId("field-headers-key-0").fill("X-Order");
  await panel.getByTestId("field-headers-value-0").fill("A-1");

  // The toolbar's buttons leave the panel open, so the rows must follow the stored headers, not their own copy.
  await page.getByTestId("undo-button").click();
  await expect(panel.getByTestId("field-headers-key-0")).toHaveCount(0);
  await page.getByTestId("redo-button").click();
  await expect(panel.getByTestId("field-headers-key-0")).toHaveValue("X-Order");
  await expect(panel.getByTestId("field-headers-value-0")).toHaveValue("A-1");
  // A new row has no name yet, so it is not stored; it stays on screen while the others are edited.
  await panel.getByTestId("field-headers-add").click();
  await panel.getByTestId("field-headers-value-0").fill("A-2");
  await expect(panel.getByTestId("field-headers-key-1")).toHaveValue("");
});
