// The thinnest complete path through every layer, driven through the UI only: build a flow in the browser, save it
// through tRPC into Postgres, start it, run it on the server, and read the run in run history.
import { createFlow, expect, test } from "./fixtures";

test("a flow built in the browser calls a local server and its run shows the reply", async ({
  page,
  recordingServer,
}) => {
  const flowName = `Order sync ${Date.now()}`;
  await page.goto("/flows");
  await page.getByTestId("new-flow-button").click();
  await page.getByTestId("new-flow-name-input").fill(flowName);
  await page.getByTestId("create-flow-submit").click();
  await expect(page).toHaveURL(/\/flows\/[^/]+$/);
  await expect(page.getByTestId("flow-name")).toContainText(flowName);
  await expect(page.getByTestId("flow-status")).toHaveText(/draft/i);
  await expect(page.getByTestId("node-trigger")).toBeVisible();

  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const httpNode = page.locator('[data-testid^="node-http_request"]');
  await expect(httpNode).toBeVisible();
  await httpNode.click();
  const panel = page.getByTestId("node-panel");
  await expect(panel).toBeVisible();
  await panel.getByTestId("field-method").selectOption("POST");
  await panel.getByTestId("field-url").fill(`${recordingServer.url}/orders`);
  await panel.getByTestId("mapped-mode-text-body").click();
  await panel.getByTestId("field-body").fill('{"order":"A-1001"}');
  await page.screenshot({ path: ".tmp/screenshots/designer-http-step.png" });

  await page.getByTestId("save-button").click();
  await expect(page.getByTestId("save-state")).toContainText("Saved");
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);

  await page.getByTestId("run-now-button").click();
  await page.getByTestId("run-link").click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i, { timeout: 30_000 });
  const step = page.locator('[data-testid^="step-http_request"]');
  await expect(step.getByTestId("step-status")).toHaveText(/succeeded/i);
  await expect(step.getByTestId("step-output")).toContainText("IOM-4711");
  await page.screenshot({ path: ".tmp/screenshots/run-succeeded.png", fullPage: true });

  expect(recordingServer.received).toHaveLength(1);
  expect(recordingServer.received[0]).toMatchObject({ method: "POST", url: "/orders", body: '{"order":"A-1001"}' });

  await page.getByTestId("nav-runs").click();
  const row = page.getByTestId("run-row").filter({ hasText: flowName });
  await expect(row).toHaveAttribute("data-status", "succeeded");
});

test("flows can be renamed and deleted from the list", async ({ page }) => {
  const flowName = `Rename me ${Date.now()}`;
  await createFlow(page, flowName);

  await page.getByTestId("nav-flows").click();
  const row = page.locator(`[data-testid="flow-row"][data-flow-name="${flowName}"]`);
  await row.getByTestId("rename-flow-button").click();
  await page.getByTestId("rename-flow-input").fill(`${flowName} (renamed)`);
  await page.getByTestId("rename-flow-submit").click();
  const renamed = page.locator(`[data-testid="flow-row"][data-flow-name="${flowName} (renamed)"]`);
  await expect(renamed).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/flows-list.png" });

  await renamed.getByTestId("delete-flow-button").click();
  await page.getByTestId("confirm-delete-button").click();
  await expect(renamed).toHaveCount(0);
});

test("an HTTP step to an unreachable host fails its run with a readable error", async ({ page, unreachableUrl }) => {
  const flowName = `Unreachable ${Date.now()}`;
  await createFlow(page, flowName);

  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  await page.getByTestId("node-panel").getByTestId("field-url").fill(`${unreachableUrl}/orders`);
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("run-now-button").click();
  await page.getByTestId("run-link").click();

  await expect(page.getByTestId("run-status")).toHaveText(/failed/i, { timeout: 30_000 });
  const step = page.getByTestId("step-http_request_1");
  await expect(step.getByTestId("step-status")).toHaveText(/failed/i);
  await expect(step.getByTestId("step-error")).toContainText(`Could not connect to ${new URL(unreachableUrl).host}`);
  await page.screenshot({ path: ".tmp/screenshots/run-failed.png", fullPage: true });

  await page.getByTestId("nav-runs").click();
  await expect(page.getByTestId("run-row").filter({ hasText: flowName })).toHaveAttribute("data-status", "failed");
  await page.screenshot({ path: ".tmp/screenshots/runs-list.png" });
  await page.getByTestId("nav-applications").click();
  await expect(page.getByTestId("application-http")).toBeVisible();
  await page.getByTestId("application-toggle-http").click();
  await page.screenshot({ path: ".tmp/screenshots/applications.png" });
});
