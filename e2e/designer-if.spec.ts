// An If as an analyst edits it after one run with sample data: rows whose field and value come from the data tree,
// each showing what it gives on the sample; a hand-written expression read back into rows; the advanced editor's
// Insert data and its warning when the condition is not true or false; and an HTTP header mapped the same way.
import { createFlow, expect, test } from "./fixtures";

// Tall enough for the whole condition to fit in the side panel's screenshots.
test.use({ viewport: { width: 1280, height: 1000 } });

test("an If's condition goes between rows and JSONata with the data tree and the sample preview on both sides", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await createFlow(page, `If ${Date.now()}`);

  // One run gives the sample data the tree and the previews show.
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-message").fill("Order {{ trigger.orderNo }}");
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("run-with-data-button").click();
  await page
    .getByTestId("run-payload-input")
    .fill('{"orderNo": "Y100042", "total": 250, "limit": 100, "country": "DE"}');
  await page.getByTestId("run-payload-submit").click();
  await page.getByTestId("run-link").last().click();
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i, { timeout: 30_000 });
  await page.goBack();
  await expect(page.getByTestId("node-core_log_1")).toBeVisible();

  await page.getByTestId("node-core_log_1").click();
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-if").click();
  const builder = panel.getByTestId("condition-builder");
  await expect(builder).toBeVisible();

  // The field and the value are picked from the tree: "total greater than limit", true on the sample.
  await builder.getByTestId("condition-pick-field-0-0").click();
  await builder.getByTestId("data-tree-item-trigger.total").click();
  await expect(builder.getByTestId("condition-field-0-0")).toHaveValue("trigger.total");
  await expect(builder.getByTestId("data-tree")).toHaveCount(0);
  await builder.getByTestId("condition-operator-0-0").selectOption("greaterThan");
  await builder.getByTestId("condition-pick-value-0-0").click();
  await builder.getByTestId("data-tree-item-trigger.limit").click();
  await expect(builder.getByTestId("condition-value-0-0")).toHaveValue("{{ trigger.limit }}");
  const condition = builder.getByTestId("field-condition");
  await expect(condition).toHaveValue("{{ ($exists(trigger.total) and trigger.total > trigger.limit) }}");
  await expect(builder.getByTestId("condition-row-preview-0-0")).toContainText("250");
  await expect(builder.getByTestId("condition-row-holds-0-0")).toBeVisible();
  await expect(builder.getByTestId("expression-preview-condition")).toContainText("true");
  await builder.getByTestId("condition-add-rule-0").click();
  await builder.getByTestId("condition-field-0-1").fill("trigger.country");
  await builder.getByTestId("condition-value-0-1").fill("FR");
  await expect(builder.getByTestId("condition-row-fails-0-1")).toBeVisible();
  await expect(builder.getByTestId("expression-preview-condition")).toContainText("false");
  await builder.screenshot({ path: ".tmp/screenshots/designer-if-builder.png" });

  // Advanced shows what the rows compile to; a hand-written expression comes back as rows, groups and all.
  const toggle = builder.getByTestId("condition-advanced-toggle");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(condition).toHaveValue(
    '{{ ($exists(trigger.total) and trigger.total > trigger.limit) and trigger.country = "FR" }}',
  );
  await condition.fill('{{ trigger.country = "DE" or trigger.total < 10 }}');
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(builder.getByTestId("condition-field-0-0")).toHaveValue("trigger.country");
  await expect(builder.getByTestId("condition-value-0-0")).toHaveValue("DE");
  await expect(builder.getByTestId("condition-field-0-1")).toHaveValue("trigger.total");
  await expect(builder.getByTestId("condition-operator-0-1")).toHaveValue("lessThan");
  await expect(builder.getByTestId("condition-group-join-0-1")).toHaveValue("or");
  await expect(condition).toHaveValue(
    '{{ trigger.country = "DE" or ($exists(trigger.total) and trigger.total < 10) }}',
  );
  await expect(builder.getByTestId("condition-builder-notes")).toHaveCount(0);

  // A bare comparison means the same as the row only while the field is there: the builder says what differs.
  await toggle.click();
  await condition.fill("{{ trigger.total > 100 }}");
  await toggle.click();
  await expect(builder.getByTestId("condition-operator-0-0")).toHaveValue("greaterThan");
  await expect(builder.getByTestId("condition-builder-notes")).toContainText("gives false instead of stopping the run");
  await expect(builder.getByTestId("condition-row-holds-0-0")).toBeVisible();
  await builder.screenshot({ path: ".tmp/screenshots/designer-if-read-back.png" });

  // Undo takes the read into rows back: the condition as written, in the editor, not stale rows under its text.
  // Redo brings the rows back with their note. An edit after the undo starts from the condition as written.
  await page.keyboard.press("ControlOrMeta+z");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(condition).toHaveValue("{{ trigger.total > 100 }}");
  await expect(builder.getByText("Condition as a JSONata expression")).toBeVisible();
  await expect(builder.getByTestId("condition-field-0-0")).toHaveCount(0);
  await expect(builder.getByTestId("condition-builder-notes")).toHaveCount(0);
  await builder.screenshot({ path: ".tmp/screenshots/designer-if-undo-read-back.png" });
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(builder.getByTestId("condition-field-0-0")).toHaveValue("trigger.total");
  await expect(builder.getByTestId("condition-operator-0-0")).toHaveValue("greaterThan");
  await expect(condition).toHaveValue("{{ ($exists(trigger.total) and trigger.total > 100) }}");
  await expect(builder.getByTestId("condition-builder-notes")).toContainText("gives false instead of stopping the run");
  await page.getByTestId("undo-button").click();
  await expect(condition).toHaveValue("{{ trigger.total > 100 }}");
  await condition.fill("{{ trigger.total > 200 }}");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(condition).toHaveValue("{{ trigger.total > 200 }}");
  await toggle.click();
  await expect(builder.getByTestId("condition-value-0-0")).toHaveValue("200");
  await expect(condition).toHaveValue("{{ ($exists(trigger.total) and trigger.total > 200) }}");

  // A reference from the tree lands at the cursor inside the expression, as a bare path.
  await toggle.click();
  await condition.fill("{{ trigger.total >  }}");
  await builder.getByTestId("insert-data-condition").click();
  await condition.press("End");
  await condition.press("ArrowLeft");
  await condition.press("ArrowLeft");
  await condition.press("ArrowLeft");
  await builder.getByTestId("data-tree-item-trigger.limit").click();
  await expect(condition).toHaveValue("{{ trigger.total > trigger.limit }}");
  await expect(builder.getByTestId("expression-preview-condition")).toContainText("true");

  // Text where true or false belongs is the silent trap: the preview says so.
  await condition.fill("{{ trigger.orderNo }}");
  await expect(builder.getByTestId("expression-warning-condition")).toContainText("expects true/false");
  await builder.screenshot({ path: ".tmp/screenshots/designer-if-advanced.png" });

  // JSONata beyond the rows stays in the editor; the builder will not take it over.
  await condition.fill("{{ $count(trigger.lines) > 2 }}");
  await expect(builder.getByTestId("condition-not-rows")).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-disabled", "true");
  // aria-disabled keeps it focusable (so its reason is read out); clicking it anyway changes nothing.
  await toggle.click({ force: true });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(condition).toHaveValue("{{ $count(trigger.lines) > 2 }}");

  // A header value maps like a text field.
  await page.getByTestId("node-core_log_1").click();
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  await panel.getByTestId("field-headers-add").click();
  await panel.getByTestId("field-headers-key-0").fill("X-Order");
  await panel.getByTestId("insert-data-headers-0").click();
  await panel.getByTestId("data-tree-item-trigger.orderNo").click();
  await expect(panel.getByTestId("field-headers-value-0")).toHaveValue("{{ trigger.orderNo }}");
  await expect(panel.getByTestId("expression-preview-headers-0")).toContainText('"Y100042"');
  await panel.getByTestId("field-headers-value-0").fill("{{ trigger.total }}");
  await expect(panel.getByTestId("expression-warning-headers-0")).toContainText("expects text");
  await panel.getByTestId("field-headers").screenshot({ path: ".tmp/screenshots/designer-key-value-mapping.png" });
});
