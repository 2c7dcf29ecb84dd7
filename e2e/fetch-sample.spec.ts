// "Fetch a sample" for a polling trigger, as an analyst would use it before Start: connect Sterling to the built-in
// simulator, create an order there, fetch a sample on the New order trigger, and map from the order's real fields.
import { connectBuiltInSimulator, expect, test } from "./fixtures";

test("a Sterling New order trigger fetches a recent order from the simulator as its sample", async ({ page }) => {
  test.setTimeout(120_000);
  const accountName = `Sterling sample ${Date.now()}`;
  await connectBuiltInSimulator(page, {
    connector: "sterling",
    accountName,
    urlField: { testId: "account-field-endpointUrl", value: /\/api\/simulators\/sterling\/smcfs\/restapi$/ },
  });

  const simulator = await page.context().newPage();
  await simulator.goto("/simulators/sterling");
  await simulator.getByTestId("simulator-email").fill("sample@example.com");
  await simulator.getByTestId("simulator-create").click();
  await expect(simulator.getByTestId("simulator-notice")).toContainText(/Order Y\d+ created/);
  await simulator.close();

  await page.goto("/flows");
  await page.getByTestId("template-gallery-button").click();
  const gallery = page.getByTestId("template-gallery-dialog");
  await gallery.locator('[data-template-id="sterling-log-new-orders"]').click();
  await gallery.getByTestId("template-flow-name").fill(`Sterling sample ${Date.now()}`);
  await gallery.getByTestId("create-from-template-submit").click();

  await page.getByTestId("node-trigger").click();
  const panel = page.getByTestId("node-panel");
  const fetchSample = panel.getByTestId("fetch-sample");
  // Without an account there is nothing to ask.
  await fetchSample.getByTestId("fetch-sample-button").click();
  await expect(fetchSample.getByTestId("fetch-sample-status")).toContainText("account first");
  await panel.getByTestId("account-select").selectOption({ label: accountName });
  await fetchSample.getByTestId("fetch-sample-button").click();
  await expect(fetchSample.getByTestId("fetch-sample-status")).toContainText(/Fetched the first of \d+ items?/);
  await expect(fetchSample.getByTestId("fetch-sample-data")).toContainText(/"OrderNo": "Y\d+"/);
  const orderNo = /"OrderNo": "(Y\d+)"/.exec((await fetchSample.getByTestId("fetch-sample-data").textContent()) ?? "");
  await fetchSample.scrollIntoViewIfNeeded();
  await page.screenshot({ path: ".tmp/screenshots/fetch-sample-sterling.png" });

  // The log step maps from the fetched order; nothing ran and the flow is still a draft.
  await page.getByTestId("node-log_order").click();
  await panel.getByTestId("insert-data-message").click();
  await expect(panel.getByTestId("data-tree-item-trigger.OrderNo")).toContainText(orderNo?.[1] ?? "?");
  await page.screenshot({ path: ".tmp/screenshots/fetch-sample-insert-data.png" });
  await expect(page.getByTestId("flow-status")).toHaveText(/draft/i);
});
