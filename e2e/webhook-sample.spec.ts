// "Listen for a test event": before the flow is ever started, a webhook trigger's test address takes one signed
// request, which becomes the trigger's sample (shown in the panel, offered by Insert data and Test) and starts no run;
// a second request, or one after Cancel, is told the address is gone.
import { signedHeaders } from "../test/runtime/webhook-signing";
import { createFlow, expect, test } from "./fixtures";

test("a webhook trigger captures a real request as its sample before Start", async ({ page, request }) => {
  await createFlow(page, `Webhook sample ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-message").fill("Order {{ trigger.body.orderNo }}");

  await page.getByTestId("node-trigger").click();
  await panel.getByTestId("trigger-kind-select").selectOption("core:webhook");
  const listener = panel.getByTestId("sample-listener");
  await listener.getByTestId("sample-listen-start").click();
  await expect(listener.getByTestId("sample-listen-status")).toHaveText(/Waiting for the request/);
  await expect(listener.getByTestId("sample-listen-countdown")).toHaveText(/^(10:00|9:\d\d)$/);
  const url = (await listener.getByTestId("sample-listen-url").textContent()) ?? "";
  expect(url).toMatch(/\/api\/hooks\/listen\/[\w-]{16,}$/);
  // The test request is signed with the flow's secret, as its real requests will be.
  await panel.getByTestId("webhook-show-secret").click();
  const secret = (await panel.getByTestId("webhook-secret").textContent()) ?? "";
  await page.screenshot({ path: ".tmp/screenshots/webhook-sample-listening.png" });

  const unsigned = await request.post(url, { data: { orderNo: "Y-UNSIGNED" } });
  expect(unsigned.status()).toBe(401);
  await expect(listener.getByTestId("sample-listen-error")).toContainText("x-conflux-signature");

  const body = JSON.stringify({ orderNo: "Y-CAPTURED", lines: [{ sku: "SKU-1", qty: 2 }] });
  const signed = (text: string) => ({
    data: text,
    headers: signedHeaders(secret, { body: text, headers: { "content-type": "application/json" } }),
  });
  const first = await request.post(url, signed(body));
  expect(first.status(), await first.text()).toBe(200);
  await expect(listener.getByTestId("sample-listen-status")).toContainText("Captured");
  await expect(listener.getByTestId("sample-listen-data")).toContainText('"orderNo": "Y-CAPTURED"');
  await page.screenshot({ path: ".tmp/screenshots/webhook-sample-captured.png" });
  const second = await request.post(url, signed(JSON.stringify({ orderNo: "Y-SECOND" })));
  expect(second.status()).toBe(410);
  expect(await second.text()).toContain("already taken its event");

  // Insert data and Test start from the captured request.
  await page.getByTestId("node-core_log_1").click();
  await panel.getByTestId("insert-data-message").click();
  await panel.getByTestId("data-tree-toggle-trigger.body").click();
  await expect(panel.getByTestId("data-tree-item-trigger.body.orderNo")).toContainText("Y-CAPTURED");
  await page.screenshot({ path: ".tmp/screenshots/webhook-sample-insert-data.png" });
  await page.getByTestId("test-flow-button").click();
  const dialog = page.getByTestId("test-flow-dialog");
  await expect(dialog.getByTestId("test-sample-captured")).toBeChecked();
  await expect(dialog.getByTestId("test-payload-input")).toHaveValue(/"orderNo": "Y-CAPTURED"/);
  await dialog.getByTestId("test-run-submit").click();
  await expect(page.getByTestId("test-run-banner")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(panel.getByTestId("test-step-output")).toContainText("Order Y-CAPTURED");

  // The captured request started no run: the flow's run list (test runs aside) is empty.
  const flowId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const input = encodeURIComponent(JSON.stringify({ json: { flowId, limit: 10 } }));
  const runs = await request.get(`/api/trpc/runs.list?input=${input}`);
  expect(runs.ok(), await runs.text()).toBe(true);
  expect(((await runs.json()) as { result: { data: { json: { items: unknown[] } } } }).result.data.json.items).toEqual(
    [],
  );

  // Listening again and cancelling closes the new address.
  await page.getByTestId("node-trigger").click();
  await listener.getByTestId("sample-listen-start").click();
  const next = (await listener.getByTestId("sample-listen-url").textContent()) ?? "";
  expect(next).not.toBe(url);
  await listener.getByTestId("sample-listen-cancel").click();
  await expect(listener.getByTestId("sample-listen-start")).toBeVisible();
  const cancelled = await request.post(next, signed(body));
  expect(cancelled.status()).toBe(410);

  // Once started, Run now with data starts from the captured request too.
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("run-with-data-button").click();
  await expect(page.getByTestId("run-payload-input")).toHaveValue(/"orderNo": "Y-CAPTURED"/);
});
