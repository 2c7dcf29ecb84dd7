// A JSON request body built field by field, as an analyst meets it: map each key from the test data with Insert data,
// see the JSON the step would send, send it, and see a run fail readably (naming the field and its expression) when
// a required value is missing, with no request reaching the target.
import { createFlow, expect, test } from "./fixtures";

test("maps a body field by field and fails readably, sending nothing, when a value is missing", async ({
  page,
  recordingServer,
}) => {
  await createFlow(page, `Mapped body ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-method").selectOption("POST");
  await panel.getByTestId("field-url").fill(`${recordingServer.url}/orders`);
  await expect(panel.getByTestId("mapped-mode-fields-body")).toHaveAttribute("aria-pressed", "true");

  // One test on sample data, so that Insert data and the previews have values to show.
  const test = async (payload: string) => {
    await page.getByTestId("test-flow-button").click();
    const dialog = page.getByTestId("test-flow-dialog");
    await dialog.getByTestId("test-sample-pasted").check();
    await dialog.getByTestId("test-payload-input").fill(payload);
    await dialog.getByTestId("test-run-submit").click();
    await expect(dialog).toBeHidden();
  };
  await test('{"orderNo": "A-1001", "amount": "249.90", "customer": {"name": "Ada"}}');
  await expect(page.getByTestId("test-run-banner")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await page.getByTestId("node-http_request_1").click();

  await panel.getByTestId("mapping-add-body").click();
  await panel.getByTestId("mapping-key-body-0").fill("orderNo");
  await panel.getByTestId("insert-data-body-0").click();
  await panel.getByTestId("data-tree-item-trigger.orderNo").click();
  await expect(panel.getByTestId("field-body-0")).toHaveValue("{{ trigger.orderNo }}");
  await expect(panel.getByTestId("expression-preview-body-0")).toContainText("A-1001");

  await panel.getByTestId("mapping-add-body").click();
  await panel.getByTestId("mapping-key-body-1").fill("amount");
  await panel.getByTestId("mapping-kind-body-1").selectOption("number");
  await panel.getByTestId("field-body-1").fill("{{ trigger.amount }}");

  await panel.getByTestId("mapping-add-body").click();
  await panel.getByTestId("mapping-key-body-2").fill("customer");
  await panel.getByTestId("mapping-kind-body-2").selectOption("object");
  await panel.getByTestId("mapping-add-body-2").click();
  await panel.getByTestId("mapping-key-body-2-0").fill("name");
  await panel.getByTestId("field-body-2-0").fill("{{ trigger.customer.name }}");

  await panel.getByTestId("mapping-add-body").click();
  await panel.getByTestId("mapping-key-body-3").fill("coupon");
  await panel.getByTestId("field-body-3").fill("{{ trigger.coupon }}");
  await panel.getByTestId("mapping-missing-body-3").selectOption("omit");

  const preview = panel.getByTestId("mapping-preview-body");
  await expect(preview).toContainText('"amount": 249.9');
  await expect(preview).toContainText('"name": "Ada"');
  await expect(preview).not.toContainText("coupon");
  await panel.getByTestId("mapping-row-body-0").scrollIntoViewIfNeeded();
  await page.screenshot({ path: ".tmp/screenshots/mapped-body-fields.png" });
  await preview.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: ".tmp/screenshots/mapped-body-preview.png" });

  await test('{"orderNo": "A-1002", "amount": 12, "customer": {"name": "Grace"}}');
  await expect(page.getByTestId("test-run-banner")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  const sent = recordingServer.received.at(-1);
  expect(sent?.headers["content-type"]).toBe("application/json");
  expect(JSON.parse(sent?.body ?? "")).toEqual({ orderNo: "A-1002", amount: 12, customer: { name: "Grace" } });

  // The amount is missing: the step fails, saying which field and which expression, and nothing is sent.
  const before = recordingServer.received.length;
  await test('{"orderNo": "A-1003", "customer": {"name": "Alan"}}');
  await expect(page.getByTestId("test-run-banner")).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await page.getByTestId("node-http_request_1").click();
  const error = panel.getByTestId("test-step-error");
  await expect(error).toContainText('"body.amount" has no value: {{ trigger.amount }} found nothing');
  expect(recordingServer.received.length).toBe(before);
  // The preview now uses this test's data and says the same before any further run.
  await expect(panel.getByTestId("mapping-preview-error-body")).toContainText('"body.amount" has no value');
  await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: ".tmp/screenshots/mapped-body-missing.png" });

  // "Use a default" lets the run go on without it.
  await panel.getByTestId("mapping-missing-body-1").selectOption("default");
  await panel.getByTestId("mapping-default-body-1").fill("0");
  await expect(panel.getByTestId("mapping-preview-body")).toContainText('"amount": 0');
});

test("an older text body stays as text and converts to fields", async ({ page }) => {
  await createFlow(page, `Text body ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-method").selectOption("POST");
  await panel.getByTestId("mapped-mode-text-body").click();
  await panel.getByTestId("field-body").fill('{"orderNo": "{{ trigger.orderNo }}", "qty": {{ trigger.qty }}}');
  await panel.getByTestId("mapped-mode-fields-body").click();
  await expect(panel.getByTestId("mapped-notice-body")).toContainText("Made fields from the text");
  await expect(panel.getByTestId("mapping-key-body-0")).toHaveValue("orderNo");
  await expect(panel.getByTestId("field-body-0")).toHaveValue("{{ trigger.orderNo }}");
  await expect(panel.getByTestId("mapping-kind-body-0")).toHaveValue("text");
  await expect(panel.getByTestId("mapping-key-body-1")).toHaveValue("qty");
  await expect(panel.getByTestId("mapping-kind-body-1")).toHaveValue("auto");
  await panel.screenshot({ path: ".tmp/screenshots/mapped-body-converted.png" });
});
