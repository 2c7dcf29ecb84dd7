// The designer without the mouse and without JSONata: the node picker from the keyboard, an If built with the
// condition builder, and the problems list taking the user to the step that needs fixing.
import { createFlow, expect, test } from "./fixtures";

test("steps are picked from the keyboard, an If is built without code and a problem leads to its step", async ({
  page,
}) => {
  const flowName = `Picker ${Date.now()}`;
  await createFlow(page, flowName);
  await expect(page.getByTestId("node-trigger")).toBeVisible();

  // "/" opens the picker; typing filters; Enter adds the first match.
  await page.getByTestId("designer-canvas").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("/");
  const picker = page.getByTestId("node-picker");
  await expect(picker).toBeVisible();
  await expect(page.getByTestId("node-picker-search")).toBeFocused();
  await page.keyboard.type("send request");
  await expect(picker.getByTestId("add-step-option-http-request")).toBeVisible();
  await expect(picker.getByTestId("add-step-option-core-log")).toHaveCount(0);
  await page.screenshot({ path: ".tmp/screenshots/designer-node-picker.png" });
  await page.keyboard.press("Enter");
  await expect(picker).toBeHidden();
  await expect(page.getByTestId("node-http_request_1")).toBeVisible();

  // Escape closes without adding anything; Ctrl+K opens it again, arrows move through the matches.
  await page.getByTestId("designer-canvas").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("Control+k");
  await expect(picker).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(picker).toBeHidden();
  await page.getByTestId("designer-canvas").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("Control+k");
  await page.keyboard.type("logic");
  await expect(picker.getByTestId("add-step-option-core-if")).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(picker.getByTestId("add-step-option-core-if")).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("node-if_1")).toBeVisible();

  // The If opens with the builder: "total greater than 100" compiles to a JSONata template (false, not an error,
  // when the run's data has no total).
  const panel = page.getByTestId("node-panel");
  const builder = panel.getByTestId("condition-builder");
  await expect(builder).toBeVisible();
  await builder.getByTestId("condition-field-0-0").fill("trigger.total");
  await builder.getByTestId("condition-operator-0-0").selectOption("greaterThan");
  await builder.getByTestId("condition-value-0-0").fill("100");
  await expect(builder.getByTestId("field-condition")).toHaveValue(
    "{{ ($exists(trigger.total) and trigger.total > 100) }}",
  );
  await builder.getByTestId("condition-add-rule-0").click();
  await builder.getByTestId("condition-field-0-1").fill("trigger.country");
  await builder.getByTestId("condition-value-0-1").fill('D"E');
  await expect(builder.getByTestId("field-condition")).toHaveValue(
    '{{ ($exists(trigger.total) and trigger.total > 100) and trigger.country = "D\\"E" }}',
  );
  await page.screenshot({ path: ".tmp/screenshots/designer-condition-builder.png" });

  // Reopening the If shows the builder again, with its rows.
  await page.getByTestId("node-trigger").click();
  await page.getByTestId("node-if_1").click();
  await expect(builder.getByTestId("condition-field-0-1")).toHaveValue("trigger.country");

  // The HTTP step has no URL: the problems list names it, and picking the problem selects that step.
  const count = page.getByTestId("problem-count");
  await expect(count).toBeVisible();
  await count.click();
  const problems = page.getByTestId("problems-panel");
  await expect(problems).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/designer-problems-panel.png" });
  await problems
    .locator('[data-testid="problem-item"][data-node-id="http_request_1"]')
    .filter({ hasText: "URL is required" })
    .click();
  await expect(problems).toBeHidden();
  await expect(page.locator('.react-flow__node[data-id="http_request_1"]')).toHaveClass(/selected/);
  await expect(panel.getByTestId("field-url")).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/designer-problem-selected.png" });

  // A hand-written expression the builder cannot show stays as written, and opens in advanced mode.
  await page.getByTestId("node-if_1").click();
  await builder.getByTestId("field-condition").fill("{{ $count(trigger.lines) > 2 }}");
  await expect(builder.getByTestId("condition-field-0-0")).toHaveCount(0);
  await page.getByTestId("node-trigger").click();
  await page.getByTestId("node-if_1").click();
  await expect(builder.getByTestId("field-condition")).toHaveValue("{{ $count(trigger.lines) > 2 }}");
  await expect(builder.getByTestId("condition-advanced-toggle")).toHaveAttribute("aria-pressed", "true");
  await expect(builder.getByTestId("condition-field-0-0")).toHaveCount(0);
});
