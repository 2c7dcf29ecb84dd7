// "Test flow" as an analyst meets it: test a draft that was never started on pasted JSON, see every node succeed on
// the canvas and the Log's output in the panel, pin it as sample data, and find it again after a reload. The test
// run stays out of the run history.
import { createFlow, expect, test } from "./fixtures";

test("tests the draft on pasted JSON, shows each node's result and pins an output as sample", async ({ page }) => {
  const flowName = `Test flow ${Date.now()}`;
  await createFlow(page, flowName);

  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-message").fill("Order {{ trigger.orderNo }} for {{ trigger.customer.name }}");

  // Bad JSON is refused in the dialog, before anything runs.
  await page.getByTestId("test-flow-button").click();
  const dialog = page.getByTestId("test-flow-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("test-sample-pasted").check();
  await dialog.getByTestId("test-payload-input").fill("{ orderNo: ");
  await dialog.getByTestId("test-run-submit").click();
  await expect(dialog.getByTestId("test-payload-error")).toContainText("Not valid JSON");

  await dialog.getByTestId("test-payload-input").fill('{"orderNo": "T-100", "customer": {"name": "Ada"}}');
  await page.screenshot({ path: ".tmp/screenshots/test-flow-dialog.png" });
  await dialog.getByTestId("test-run-submit").click();
  await expect(dialog).toBeHidden();

  // Each node shows the test's result on the canvas; the flow itself was never started.
  await expect(page.getByTestId("test-run-banner")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("node-test-status-trigger")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("node-test-status-core_log_1")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("flow-status")).toHaveText(/draft/i);

  await page.getByTestId("node-core_log_1").click();
  const results = panel.getByTestId("test-results");
  await expect(results.getByTestId("test-step-status")).toHaveText(/succeeded/i);
  await expect(results.getByTestId("test-step-output")).toContainText("Order T-100 for Ada");
  await page.screenshot({ path: ".tmp/screenshots/test-flow-results.png" });

  await results.getByTestId("pin-sample-button").click();
  await expect(results.getByTestId("pinned-sample")).toContainText("This output is pinned");
  await expect(results.getByTestId("pin-sample-button")).toHaveText(/pinned as sample/i);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.screenshot({ path: ".tmp/screenshots/test-flow-pinned.png" });

  // The pinned sample is part of the saved draft, and the latest test is shown again on opening the flow.
  await page.reload();
  await expect(page.getByTestId("node-test-status-core_log_1")).toHaveAttribute("data-status", "succeeded");
  await page.getByTestId("node-core_log_1").click();
  await expect(panel.getByTestId("pin-sample-button")).toHaveText(/pinned as sample/i);

  // Once the results are hidden, the pinned sample is still shown on its own, and can be unpinned.
  await page.getByTestId("test-run-dismiss").click();
  await expect(page.getByTestId("node-test-status-core_log_1")).toHaveCount(0);
  await expect(panel.getByTestId("pinned-sample-json")).toContainText("Order T-100 for Ada");
  await panel.getByTestId("unpin-sample-button").click();
  await expect(panel.getByTestId("pinned-sample")).toHaveCount(0);

  // A test run is not a real run: the run history leaves it out.
  await page.goto("/runs");
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  await expect(page.getByText("Loading runs…")).toBeHidden();
  await expect(page.getByTestId("run-row").filter({ hasText: flowName })).toHaveCount(0);
});

test("a test on the trigger's sample shows a failing step and its error, and the steps after it not run", async ({
  page,
  unreachableUrl,
}) => {
  const flowName = `Test flow failing ${Date.now()}`;
  await createFlow(page, flowName);

  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-url").fill(`${unreachableUrl}/orders/{{ trigger.orderNo }}`);
  await panel.getByTestId("setting-max-attempts").selectOption("1");
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  await panel.getByTestId("field-message").fill("Fetched {{ steps.http_request_1.body }}");

  // A flow that never ran offers the trigger's declared sample first.
  await page.getByTestId("test-flow-button").click();
  const dialog = page.getByTestId("test-flow-dialog");
  await expect(dialog.getByTestId("test-sample-declared")).toBeChecked();
  await expect(dialog.getByTestId("test-sample-lastEvent")).toBeDisabled();
  await expect(dialog.getByTestId("test-payload-input")).toHaveValue(/A-1001/);
  await dialog.getByTestId("test-run-submit").click();

  await expect(page.getByTestId("test-run-banner")).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await expect(page.getByTestId("node-test-status-trigger")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("node-test-status-http_request_1")).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("node-test-status-core_log_1")).toHaveCount(0);

  await page.getByTestId("node-http_request_1").click();
  await expect(panel.getByTestId("test-step-status")).toHaveText(/failed/i);
  await expect(panel.getByTestId("test-step-error")).toBeVisible();
  await expect(panel.getByTestId("pin-sample-button")).toHaveCount(0);
  await page.getByTestId("node-core_log_1").click();
  await expect(panel.getByTestId("test-step-not-run")).toContainText("did not run");
  await page.screenshot({ path: ".tmp/screenshots/test-flow-failed.png" });
});
