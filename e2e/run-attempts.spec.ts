// A step that fails once and succeeds when tried again: the flow's Runs link leads to its own dashboard, and the run
// page shows both attempts on the step's time bar and in a list, with the wait the runtime chose between them.
// Screenshot: .tmp/screenshots/run-attempts.png.
import http from "node:http";
import { allowOutbound, createFlow, expect, test } from "./fixtures";

/** An API that is busy (503, retried) on each order's first call and accepts the second. */
async function startFlakyApi() {
  const calls = new Map<string, number>();
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const seen = (calls.get(request.url ?? "") ?? 0) + 1;
      calls.set(request.url ?? "", seen);
      response.writeHead(seen === 1 ? 503 : 200, { "content-type": "application/json" });
      response.end(JSON.stringify(seen === 1 ? { error: "busy, try again" } : { accepted: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("the run page shows each attempt of a retried step and the wait between them", async ({ page, request }) => {
  const api = await startFlakyApi();
  await allowOutbound(request, api.url);
  const stamp = String(Date.now()).slice(-6);
  await createFlow(page, `Flaky partner ${stamp}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-method").selectOption("POST");
  await panel.getByTestId("field-url").fill(`${api.url}/orders/${stamp}`);
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("run-now-button").click();

  // The flow's own dashboard is one click from the designer.
  await page.getByTestId("flow-runs-link").click();
  await expect(page).toHaveURL(/\/runs\?flowId=/);
  const row = page.getByTestId("run-row").filter({ hasText: `Flaky partner ${stamp}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/succeeded/i, { timeout: 30_000 });
  await row.getByTestId("run-link").click();

  const step = page.getByTestId("step-http_request_1");
  const attempts = step.getByTestId("step-attempt");
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText("Attempt 1");
  await expect(attempts.nth(0)).toContainText("503");
  await expect(attempts.nth(1)).toContainText("Attempt 2");
  await expect(attempts.nth(1)).toContainText("succeeded");
  await expect(step.getByTestId("attempt-wait")).toHaveCount(1);
  await expect(step.getByTestId("attempt-wait")).toContainText(/waited \d/);
  await step.scrollIntoViewIfNeeded();
  await page.screenshot({ path: ".tmp/screenshots/run-attempts.png", fullPage: true });
  await api.close();
});
