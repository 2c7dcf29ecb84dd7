// Run history as an analyst uses it when a partner's API goes down: runs fail on purpose, the dashboard shows them
// by error and they are found by order number, they are replayed in bulk once the API is back, and the list is
// exported as CSV and read back. Screenshots of each state go to .tmp/screenshots/runs-*.png.
import http from "node:http";
import { allowOutbound, createFlow, expect, test } from "./fixtures";

/** An order API that refuses orders while `down` is set (422, which fails a step at once) and accepts them after. */
async function startOrderApi() {
  const state = { down: true, received: 0 };
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      state.received += 1;
      response.writeHead(state.down ? 422 : 200, { "content-type": "application/json" });
      response.end(JSON.stringify(state.down ? { error: "order system closed for maintenance" } : { accepted: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { state, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("failed runs are found by error and business key, replayed in bulk, and exported", async ({ page, request }) => {
  const api = await startOrderApi();
  await allowOutbound(request, api.url);
  const stamp = String(Date.now()).slice(-6);
  const orders = [`Y9${stamp}01`, `Y9${stamp}02`, `Y9${stamp}03`];

  // Empty and error states first, while this flow has no runs.
  await page.goto(`/runs?businessKey=NOPE-${stamp}`);
  await expect(page.getByTestId("runs-empty")).toContainText("No runs match these filters");
  await page.screenshot({ path: ".tmp/screenshots/runs-empty.png", fullPage: true });
  // tRPC batches calls into one request (runs.list,runs.dashboard,…): fail every batch that holds the dashboard.
  const dashboardCall = /\/api\/trpc\/[^?]*runs\.dashboard/;
  await page.route(dashboardCall, (route) => route.fulfill({ status: 500, body: "{}" }));
  await page.goto(`/runs?range=7d&error=${stamp}`);
  await expect(page.getByTestId("dashboard-error")).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/runs-dashboard-error.png", fullPage: true });
  await page.unroute(dashboardCall);

  // A flow that posts each order to the API, with the order number as its business key.
  await createFlow(page, `Send orders ${stamp}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-method").selectOption("POST");
  await panel.getByTestId("field-url").fill(`${api.url}/orders`);
  await page.getByTestId("more-actions-button").click();
  await page.getByTestId("flow-settings-button").click();
  await page.getByTestId("business-key-expression").fill("{{ trigger.orderNo }}");
  await page.getByTestId("business-key-save").click();
  await expect(page.getByTestId("business-key-problem")).toHaveCount(0);
  await expect(page.getByText("New runs take their business key from it.")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  for (const orderNo of orders) {
    await page.getByTestId("run-with-data-button").click();
    await page.getByTestId("run-payload-input").fill(JSON.stringify({ orderNo }));
    await page.getByTestId("run-payload-submit").click();
    await expect(page.getByTestId("run-payload-input")).toBeHidden();
  }
  await expect.poll(() => api.state.received, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);

  // The dashboard counts them and names the error; the error is one click from its runs.
  await page.goto("/runs?range=1h");
  const topError = page.getByTestId("top-error").filter({ hasText: "order system closed for maintenance" });
  await expect(topError).toContainText("422", { timeout: 30_000 });
  await expect(page.getByTestId("stat-failed")).not.toHaveText("0");
  await expect(page.getByTestId("runs-chart")).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/runs-dashboard.png", fullPage: true });
  await topError.click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page).toHaveURL(/error=/);
  await expect(page.getByTestId("run-row").filter({ hasText: `Send orders ${stamp}` })).toHaveCount(3);

  // Any order number finds its run; the back button returns to the error filter.
  await page.getByTestId("filter-business-key").fill(orders[1]!);
  await page.getByTestId("filter-search").click();
  await expect(page).toHaveURL(new RegExp(`businessKey=${orders[1]}`));
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await expect(page.getByTestId("run-business-key")).toHaveText(orders[1]!);
  await page.screenshot({ path: ".tmp/screenshots/runs-business-key.png", fullPage: true });
  await page.goBack();
  await expect(page.getByTestId("filter-business-key")).toHaveValue("");
  await expect(page.getByTestId("run-row").filter({ hasText: `Send orders ${stamp}` })).toHaveCount(3);

  // The API is back: replay the three from their failed step, in one go.
  api.state.down = false;
  await page.goto(`/runs?range=1h&status=failed&error=${encodeURIComponent("closed for maintenance")}`);
  await expect(page.getByTestId("run-row")).toHaveCount(3);
  await page.getByTestId("select-page").check();
  await expect(page.getByTestId("bulk-count")).toHaveText("3 runs selected");
  await page.getByTestId("bulk-replay").click();
  await expect(page.getByTestId("bulk-summary-text")).toHaveText("Replayed 3 of 3 runs.");
  await page.screenshot({ path: ".tmp/screenshots/runs-bulk-summary.png", fullPage: true });
  await page.keyboard.press("Escape");
  // A second replay of the same runs is refused, run by run, with the reason.
  await page.getByTestId("select-page").check();
  await page.getByTestId("bulk-replay").click();
  await expect(page.getByTestId("bulk-summary-text")).toHaveText("Replayed 0 of 3 runs; 3 refused.");
  await expect(page.getByTestId("bulk-refusals")).toContainText("Already replayed by run");
  await page.keyboard.press("Escape");

  // The replays succeed and appear in the live list without a reload.
  await page.goto(`/runs?range=1h&flowId=`);
  await page.getByTestId("filter-business-key").fill(orders[0]!);
  await page.getByTestId("filter-search").click();
  await expect(page.getByTestId("run-row").filter({ has: page.locator('[data-status="succeeded"]') })).toHaveCount(1, {
    timeout: 30_000,
  });
  await expect(page.getByTestId("run-row")).toHaveCount(2);

  // The replay's page: its business key, a timeline of its steps, and the run it replays.
  await page
    .getByTestId("run-row")
    .filter({ has: page.locator('[data-status="succeeded"]') })
    .getByTestId("run-link")
    .click();
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i);
  await expect(page.getByTestId("run-business-key")).toHaveText(orders[0]!);
  await expect(page.getByTestId("step-timing").first()).toBeVisible();
  await expect(page.getByTestId("replay-of")).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/runs-run-page.png", fullPage: true });

  // The export holds every run of these orders with its business key and error.
  const download = page.waitForEvent("download");
  await page.goto(`/runs?range=1h&error=${encodeURIComponent("closed for maintenance")}`);
  await page.getByTestId("export-csv").click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(csv).toString("utf8").trim().split("\r\n");
  expect(lines[0]).toBe(
    "run_id,flow,status,trigger,business_key,created_at,started_at,finished_at,duration_ms,error_code,error_message,replay_of",
  );
  const rows = lines.slice(1).filter((line) => line.includes(`Send orders ${stamp}`));
  expect(rows).toHaveLength(3);
  for (const orderNo of orders) expect(rows.some((line) => line.includes(`,${orderNo},`))).toBe(true);
  expect(rows.every((line) => line.includes("REMOTE") && line.includes("closed for maintenance"))).toBe(true);
  await api.close();
});
