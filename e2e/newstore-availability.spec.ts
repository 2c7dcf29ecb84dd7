// NewStore beside an external OMS, tried without a tenant: connect NewStore to the built-in simulator, start the
// "answer from a stock service" template (it registers its webhook with NewStore on Start), have the simulator ask for
// availability as NewStore does on a basket, see the answer NewStore got and the run that made it.
import http from "node:http";
import type { Page } from "@playwright/test";
import { allowOutbound, connectBuiltInSimulator, expect, test, waitForRunRow } from "./fixtures";

const shots = ".tmp/screenshots";

/** A stock service as the template expects one: {"stock": [{product_id, fulfillment_location, atp}]}. */
async function startStockService(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const products = new URL(request.url ?? "/", "http://stock.invalid").searchParams.get("products") ?? "";
    const stock = products
      .split(",")
      .filter((id) => id === "1000061")
      .map((id) => ({ product_id: id, fulfillment_location: "US01", atp: 12 }));
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ stock }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function typeInto(page: Page, testId: string, text: string) {
  const field = page.getByTestId("node-panel").getByTestId(testId);
  await field.click();
  await field.press("Control+a");
  await field.pressSequentially(text);
}

test("connect the NewStore simulator, start the availability template, ask for availability and see the answer", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const stock = await startStockService();
  await allowOutbound(request, stock.url);
  try {
    const accountName = `NewStore simulator ${Date.now()}`;
    await connectBuiltInSimulator(page, {
      connector: "newstore",
      accountName,
      urlField: { testId: "account-field-tenantUrl", value: /\/api\/simulators\/newstore$/ },
      screenshot: `${shots}/newstore-connect.png`,
    });

    await page.goto("/flows");
    await page.getByTestId("template-gallery-button").click();
    const gallery = page.getByTestId("template-gallery-dialog");
    await gallery.locator('[data-template-id="newstore-availability-from-http"]').click();
    const flowName = `NewStore availability ${Date.now()}`;
    await gallery.getByTestId("template-flow-name").fill(flowName);
    await gallery.getByTestId("create-from-template-submit").click();
    await expect(page.getByTestId("flow-name")).toContainText(flowName);

    await page.getByTestId("node-stock").click();
    await typeInto(page, "field-url", `${stock.url}/stock?products={{ $join(trigger.products.product_id, ',') }}`);
    await page.getByTestId("node-trigger").click();
    const panel = page.getByTestId("node-panel");
    // The account only registers the flow with NewStore on Start: asked for while that is on, optional without it.
    await expect(panel.getByTestId("account-select")).toHaveAttribute("aria-required", "true");
    await panel.getByTestId("field-register").uncheck();
    await expect(panel.getByTestId("account-optional-note")).toContainText("No NewStore account needed");
    await expect(panel.getByTestId("account-select")).not.toHaveAttribute("aria-required", "true");
    await panel.getByTestId("field-register").check();
    await panel.getByTestId("account-select").selectOption({ label: accountName });
    await expect(panel.getByTestId("account-status")).toHaveText("Connected");
    await page.getByTestId("start-button").click();
    await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
    // Started, the trigger's panel shows the address and secret NewStore was given.
    await page.getByTestId("node-trigger").click();
    await expect(panel.getByTestId("webhook-url")).toContainText("/api/hooks/");
    await panel.getByTestId("webhook-show-secret").click();
    await expect(panel.getByTestId("webhook-secret")).toContainText("whsec_");
    await page.screenshot({ path: `${shots}/newstore-trigger.png` });

    const simulator = await page.context().newPage();
    await simulator.goto("/simulators/newstore");
    await expect(simulator.getByTestId("newstore-webhook-url")).toContainText("/api/hooks/");
    await expect(simulator.getByTestId("newstore-external-atp")).toHaveText("on");
    await simulator.getByTestId("newstore-products").fill("1000061, 1000099");
    await simulator.getByTestId("newstore-locations").fill("US01, DC01");
    await simulator.getByTestId("newstore-ask").click();
    await expect(simulator.getByTestId("newstore-outcome")).toContainText("Answered");
    await expect(simulator.getByTestId("newstore-atp")).toHaveText(["12", "0", "0", "0"]);
    await simulator.getByTestId("newstore-answer").locator("summary").click();
    await expect(simulator.getByTestId("newstore-raw")).toContainText('"fulfillment_location":"US01","atp":12');
    await simulator.screenshot({ path: `${shots}/newstore-simulator.png`, fullPage: true });

    const row = await waitForRunRow(page, { flowName });
    await row.getByTestId("run-link").click();
    await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i);
    await expect(page.getByTestId("step-answer").getByTestId("step-output")).toContainText("1000099");
    await page.screenshot({ path: `${shots}/newstore-run.png`, fullPage: true });
  } finally {
    await stock.close();
  }
});
