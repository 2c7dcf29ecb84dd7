// A newcomer without a Sterling licence, as they would try Conflux: connect IBM Sterling OMS to the built-in
// simulator from the Connect form, start the "New order → log it" template, create an order on the simulator's page
// and find the run that the order started, with the order's data.
import { connectBuiltInSimulator, expect, test, waitForFirstCheck, waitForRunRow } from "./fixtures";

test("connect to the built-in simulator, start New order → log it, create an order and see its run", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const accountName = `Sterling simulator ${Date.now()}`;
  await connectBuiltInSimulator(page, {
    connector: "sterling",
    accountName,
    urlField: { testId: "account-field-endpointUrl", value: /\/api\/simulators\/sterling\/smcfs\/restapi$/ },
    screenshot: ".tmp/screenshots/sterling-newcomer-connect.png",
  });

  await page.goto("/flows");
  await page.getByTestId("template-gallery-button").click();
  const gallery = page.getByTestId("template-gallery-dialog");
  await gallery.locator('[data-template-id="sterling-log-new-orders"]').click();
  const flowName = `New Sterling orders ${Date.now()}`;
  await gallery.getByTestId("template-flow-name").fill(flowName);
  await gallery.getByTestId("create-from-template-submit").click();
  await expect(page.getByTestId("flow-name")).toContainText(flowName);

  await page.getByTestId("node-trigger").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("account-select").selectOption({ label: accountName });
  await expect(panel.getByTestId("account-status")).toHaveText("Connected");
  // A newcomer does not want to wait a minute for the first check.
  await panel.getByTestId("field-intervalSeconds").fill("10");
  await page.screenshot({ path: ".tmp/screenshots/sterling-newcomer-trigger.png" });
  await page.getByTestId("start-button").click();
  await page.getByTestId("confirm-start").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  // Once the flow has looked at Sterling ("from now": what exists then is not new), create the order.
  await waitForFirstCheck(page);
  await page.screenshot({ path: ".tmp/screenshots/sterling-newcomer-checked.png" });

  // The simulator's page shows the calls it receives.
  const simulator = await page.context().newPage();
  await simulator.goto("/simulators/sterling");
  await expect(simulator.getByTestId("simulator-calls")).toContainText("getPage", { timeout: 30_000 });
  await simulator.getByTestId("simulator-email").fill("newcomer@example.com");
  await simulator.getByTestId("simulator-quantity").fill("2");
  await simulator.getByTestId("simulator-create").click();
  const notice = simulator.getByTestId("simulator-notice");
  await expect(notice).toContainText(/Order Y\d+ created/);
  const orderNo = /Order (Y\d+) created/.exec((await notice.textContent()) ?? "")?.[1] ?? "";
  await expect(simulator.locator(`[data-testid="simulator-order"][data-order-no="${orderNo}"]`)).toContainText(
    "Created",
  );
  await simulator.screenshot({ path: ".tmp/screenshots/sterling-newcomer-simulator.png", fullPage: true });

  const row = await waitForRunRow(page, { flowName, timeout: 90_000 });
  // The order number is the run's business key, so the newcomer finds the run by it.
  await expect(row).toContainText(orderNo);
  await row.getByTestId("run-link").click();
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i);
  await expect(page.getByTestId("step-log_order").getByTestId("step-output")).toContainText(
    `New order ${orderNo} for DEFAULT: 39.98 USD`,
  );
  await page.screenshot({ path: ".tmp/screenshots/sterling-newcomer-run.png", fullPage: true });
});

test("connect to the built-in simulator over IBM MQ and see a new order wait on its event queue", async ({ page }) => {
  test.setTimeout(120_000);
  const accountName = `Sterling simulator MQ ${Date.now()}`;
  await page.goto("/applications");
  const toggle = page.getByTestId("application-toggle-sterling");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.getByTestId("connect-sterling").click();
  const dialog = page.getByTestId("account-dialog");
  await dialog.getByTestId("account-preset-built-in-simulator-mq").click();
  await expect(dialog.getByTestId("account-field-restUrl")).toHaveValue(/\/api\/simulators\/sterling$/);
  await dialog.getByTestId("account-name-input").fill(accountName);
  await page.screenshot({ path: ".tmp/screenshots/sterling-newcomer-connect-mq.png", fullPage: true });
  await dialog.getByTestId("account-submit").click();
  await expect(dialog).toBeHidden();
  // Test connection browsed the simulator's queue through its messaging REST API.
  const row = page.locator(`[data-testid="account-row"][data-account-name="${accountName}"]`);
  await expect(row.getByTestId("account-status")).toHaveText("Connected");

  await page.goto("/simulators/sterling");
  const created = page.getByTestId("simulator-event-queues").locator("tr").filter({ hasText: "SMCFS.ORDER.CREATED" });
  const before = Number(await created.locator("td").last().textContent());
  await page.getByTestId("simulator-create").click();
  await expect(page.getByTestId("simulator-notice")).toContainText(/Order Y\d+ created/);
  await expect(created.locator("td").last()).toHaveText(String(before + 1), { timeout: 15_000 });
  await page.screenshot({ path: ".tmp/screenshots/sterling-simulator-mq.png", fullPage: true });
});
