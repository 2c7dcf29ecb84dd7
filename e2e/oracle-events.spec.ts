// An Oracle Order Management user without a Fusion pod: connect the built-in Oracle simulator from the Connect form,
// start the "Oracle order status updated → log it" template, enter the flow's address and secret on the simulator's
// page as Oracle's event connector, ship an order there, and find the run the Order Status Updated event started.
import { connectBuiltInSimulator, expect, test, waitForRunRow } from "./fixtures";

test("connect the Oracle simulator, start the status template, ship an order and see the event's run", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const accountName = `Oracle simulator ${Date.now()}`;
  await connectBuiltInSimulator(page, {
    connector: "oracle",
    accountName,
    urlField: { testId: "account-field-baseUrl", value: /\/api\/simulators\/oracle$/ },
    screenshot: ".tmp/screenshots/oracle-connect.png",
  });

  await page.goto("/flows");
  await page.getByTestId("template-gallery-button").click();
  const gallery = page.getByTestId("template-gallery-dialog");
  await gallery.locator('[data-template-id="oracle-status-updated-to-log"]').click();
  const flowName = `Oracle status ${Date.now()}`;
  await gallery.getByTestId("template-flow-name").fill(flowName);
  await gallery.getByTestId("create-from-template-submit").click();
  await expect(page.getByTestId("flow-name")).toContainText(flowName);

  await page.getByTestId("node-trigger").click();
  const panel = page.getByTestId("node-panel");
  // Oracle calls the flow, signing in with the flow's secret: the event trigger asks for no Oracle account.
  await expect(panel.getByTestId("account-not-needed")).toContainText("No account needed: Oracle");
  await expect(panel.getByTestId("account-select")).toHaveCount(0);
  await panel.getByTestId("field-businessUnits").fill("Vision Operations");
  await expect(page.getByTestId("problem-count")).toHaveCount(0);
  await page.screenshot({ path: ".tmp/screenshots/oracle-trigger-no-account.png" });
  // A webhook trigger has nothing to catch up on, so Start asks no "process items from" question.
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("node-trigger").click();
  await expect(panel.getByTestId("webhook-listening")).toContainText("Listening");
  await panel.getByTestId("webhook-show-secret").click();
  const url = (await panel.getByTestId("webhook-url").textContent()) ?? "";
  const secret = (await panel.getByTestId("webhook-secret").textContent()) ?? "";
  expect(url).toMatch(/\/api\/hooks\//);
  await expect(panel.getByTestId("webhook-connector-note")).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/oracle-trigger.png" });

  const simulator = await page.context().newPage();
  await simulator.goto("/simulators/oracle");
  await simulator.getByTestId("oracle-endpoint-url").fill(url);
  await simulator.getByTestId("oracle-endpoint-password").fill(secret);
  await simulator.getByTestId("oracle-endpoint-save").click();
  await expect(simulator.getByTestId("oracle-endpoints")).toContainText("Order Status Updated");
  await simulator.getByTestId("oracle-customer").fill("Computer Service and Rentals");
  await simulator.getByTestId("oracle-create").click();
  const notice = simulator.getByTestId("oracle-notice");
  await expect(notice).toContainText(/Created sales order \d+/);
  const orderNumber = /Created sales order (\d+)/.exec((await notice.textContent()) ?? "")?.[1] ?? "";
  const order = simulator.locator('[data-testid="oracle-order"]').filter({ hasText: orderNumber });
  await expect(order.getByTestId("oracle-order-status")).toHaveText("OPEN");
  await order.getByTestId("oracle-ship").click();
  await expect(notice).toContainText("Sent Order Status Updated (202)");
  await expect(simulator.getByTestId("oracle-delivery").first()).toContainText("202");
  await simulator.screenshot({ path: ".tmp/screenshots/oracle-simulator.png", fullPage: true });

  const row = await waitForRunRow(page, { flowName });
  await expect(row).toContainText(orderNumber);
  await row.getByTestId("run-link").click();
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i);
  await expect(page.getByTestId("step-log_status").getByTestId("step-output")).toContainText(
    `Order ${orderNumber} (LEG:`,
  );
  await expect(page.getByTestId("step-log_status").getByTestId("step-output")).toContainText("AS92888 SHIPPED");
  await page.screenshot({ path: ".tmp/screenshots/oracle-run.png", fullPage: true });
});
