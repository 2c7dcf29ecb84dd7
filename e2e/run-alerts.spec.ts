// Alerts as an analyst sets them up: a flow that sends orders fails, and an alert flow started by "When a flow fails"
// posts the failure to a chat webhook with the flow, the error, the order number and a link to the run. The failing
// flow's alert rule (2 failures within 10 minutes) makes the second failure, not the first, start it.
// Screenshots go to .tmp/screenshots/alerts-*.png.
import http from "node:http";
import { allowOutbound, createFlow, expect, test } from "./fixtures";

/** An order API that refuses every order (422 fails a step at once, without retries). */
async function startBrokenOrderApi() {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(422, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "order desk closed for stocktaking" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("a failing flow starts its alert flow once per burst, with the failed run's data", async ({
  page,
  request,
  recordingServer,
}) => {
  test.setTimeout(180_000);
  const api = await startBrokenOrderApi();
  await allowOutbound(request, api.url);
  const stamp = String(Date.now()).slice(-6);
  const ordersFlow = `Send orders ${stamp}`;
  const panel = page.getByTestId("node-panel");

  // The flow that fails, with the order number as its business key and an alert rule of 2 failures in 10 minutes.
  await createFlow(page, ordersFlow);
  const ordersUrl = page.url();
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  await panel.getByTestId("field-method").selectOption("POST");
  await panel.getByTestId("field-url").fill(`${api.url}/orders`);
  await page.getByTestId("more-actions-button").click();
  await page.getByTestId("flow-settings-button").click();
  await page.getByTestId("business-key-expression").fill("{{ trigger.orderNo }}");
  await page.getByTestId("business-key-save").click();
  await expect(page.getByText("New runs take their business key from it.")).toBeVisible();
  await page.getByTestId("alert-rule-burst").check();
  await page.getByTestId("alert-rule-failures").fill("0");
  await expect(page.getByTestId("alert-rule-problem")).toHaveText("At least 1 failed run");
  await page.getByTestId("alert-rule-failures").fill("2");
  await page.getByTestId("alert-rule-minutes").fill("10");
  await page.getByTestId("alert-rule-save").click();
  await expect(page.getByText("Alerts start once when 2 runs fail within 10 minutes.")).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/alerts-flow-settings.png" });
  await page.keyboard.press("Escape");
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);

  // The alert flow: When a flow fails (this one flow) → POST to the chat webhook.
  await createFlow(page, `Alert on-call ${stamp}`);
  await page.getByTestId("node-trigger").click();
  await panel.getByTestId("trigger-kind-select").selectOption("core:flowFailed");
  await panel.getByTestId("field-watch").selectOption("chosen");
  await panel.getByTestId("field-flowIds").getByLabel(ordersFlow).check();
  await page.screenshot({ path: ".tmp/screenshots/alerts-trigger.png" });
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  await panel.getByTestId("field-method").selectOption("POST");
  await panel.getByTestId("field-url").fill(`${recordingServer.url}/chat`);
  // The chat message is one body field that Conflux serialises, so quotes in the error message cannot break the JSON.
  await panel.getByTestId("mapping-add-body").click();
  await panel.getByTestId("mapping-key-body-0").fill("text");
  await panel
    .getByTestId("field-body-0")
    .fill(
      '{{ trigger.flow.name & " failed " & $string(trigger.failures.count) & " times in " & ' +
        '$string(trigger.failures.withinMinutes) & " min: " & trigger.error.message & " at " & ' +
        'trigger.error.step.name & " (order " & trigger.businessKey & ") " & trigger.runUrl }}',
    );
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);

  // Two orders fail: the first is under the rule's count, the second sets off the alert.
  await page.goto(ordersUrl);
  for (const orderNo of [`Y7${stamp}01`, `Y7${stamp}02`]) {
    await page.getByTestId("run-with-data-button").click();
    await page.getByTestId("run-payload-input").fill(JSON.stringify({ orderNo }));
    await page.getByTestId("run-payload-submit").click();
    await expect(page.getByTestId("run-payload-input")).toBeHidden();
  }
  await expect.poll(() => recordingServer.received.length, { timeout: 30_000 }).toBe(1);
  const posted: unknown = JSON.parse(recordingServer.received[0]?.body ?? "{}");
  expect(posted).toEqual({
    text: expect.stringMatching(
      new RegExp(
        `^${ordersFlow} failed 2 times in 10 min: .*order desk closed for stocktaking.* at .+ ` +
          `\\(order Y7${stamp}02\\) http://(127\\.0\\.0\\.1|localhost):\\d+/runs/[0-9a-f-]{36}$`,
      ),
    ),
  });

  // The alert run is on Runs under its own trigger, and its data links to the failed run, which opens.
  await page.goto("/runs?trigger=flowFailed&range=1h");
  const alertRow = page.getByTestId("run-row").filter({ hasText: `Alert on-call ${stamp}` });
  await expect(alertRow).toHaveCount(1);
  await expect(alertRow).toContainText("Flow failed");
  await expect(alertRow).toContainText(/succeeded/i);
  await page.screenshot({ path: ".tmp/screenshots/alerts-runs.png", fullPage: true });
  await alertRow.getByTestId("run-link").click();
  await expect(page.getByTestId("step-trigger")).toBeVisible();
  await expect(page.getByText(`Y7${stamp}02`).first()).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/alerts-run.png", fullPage: true });
  const runUrl = /\/runs\/[0-9a-f-]{36}/.exec(String((posted as { text?: string }).text))?.[0] ?? "";
  await page.goto(runUrl);
  await expect(page.getByTestId("run-business-key")).toContainText(`Y7${stamp}02`);
  await expect(page.getByText("order desk closed for stocktaking").first()).toBeVisible();
  await api.close();
});
