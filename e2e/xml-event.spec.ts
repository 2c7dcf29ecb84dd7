// An XML event (Sterling's style: attributes, a list of lines) arrives at a webhook and is mapped like JSON: the data
// tree offers its fields with their values, and a mapping of them previews and runs.
import { expect, startUnsignedWebhookLogFlow, test } from "./fixtures";

test("an XML webhook event is read as data and mapped field by field", async ({ page, request }) => {
  const url = await startUnsignedWebhookLogFlow(
    page,
    `XML event ${Date.now()}`,
    "Order {{ trigger.body.Order.OrderNo }}",
  );
  const panel = page.getByTestId("node-panel");

  const xml =
    '<?xml version="1.0"?><Order OrderNo="Y100042" EnterpriseCode="DEFAULT"><OrderLines>' +
    '<OrderLine PrimeLineNo="1" OrderedQty="2"><Item ItemID="SKU-1"/></OrderLine></OrderLines></Order>';
  const answer = await request.post(url, { data: xml, headers: { "content-type": "application/xml" } });
  expect(answer.status()).toBe(202);
  const { runId } = (await answer.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i, { timeout: 30_000 });
  await expect(page.getByText("Order Y100042").first()).toBeVisible();
  await page.goBack();

  await page.getByTestId("node-core_log_1").click();
  await panel.getByTestId("insert-data-message").click();
  await panel.getByTestId("data-tree-search").fill("ItemID");
  await expect(panel.getByTestId("data-tree-item-trigger.body.Order.OrderLines.OrderLine.Item.ItemID")).toContainText(
    "SKU-1",
  );
  await panel.getByTestId("field-message").fill("{{ trigger.body.Order.OrderLines.OrderLine.Item.ItemID }}");
  await expect(panel.getByTestId("expression-preview-message")).toContainText("SKU-1");
  await page.screenshot({ path: ".tmp/screenshots/xml-event-mapped.png" });
});
