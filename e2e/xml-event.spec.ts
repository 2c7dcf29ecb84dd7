// An XML event (Sterling's style: attributes, a list of lines) arrives at a webhook and is mapped like JSON: the data
// tree offers its fields with their values, and a mapping of them previews and runs.
import { createFlow, expect, test } from "./fixtures";

test("an XML webhook event is read as data and mapped field by field", async ({ page, request }) => {
  await createFlow(page, `XML event ${Date.now()}`);
  const panel = page.getByTestId("node-panel");
  await page.getByTestId("node-trigger").click();
  await panel.getByTestId("trigger-kind-select").selectOption("core:webhook");
  await panel.getByTestId("field-verifySignature").uncheck();
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  await panel.getByTestId("field-message").fill("Order {{ trigger.body.Order.OrderNo }}");
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("node-trigger").click();
  const url = (await panel.getByTestId("webhook-url").textContent()) ?? "";

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
