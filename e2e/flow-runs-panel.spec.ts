// A flow's own runs dashboard, under its canvas: empty while the flow has never run, then its figures, chart and
// error once a run fails, each error one click from its runs on /runs. Screenshots go to
// .tmp/screenshots/flow-runs-*.png.
import http from "node:http";
import { allowOutbound, createFlow, expect, test } from "./fixtures";

/** An order API that refuses every order with 422 (which fails the step at once, without retries). */
async function startRefusingApi() {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(422, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "credit limit exceeded for this customer" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("the flow's page shows its runs dashboard, with its failed run and error", async ({ page, request }) => {
  const api = await startRefusingApi();
  await allowOutbound(request, api.url);
  const name = `Credit check ${String(Date.now()).slice(-6)}`;
  await createFlow(page, name);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-method").selectOption("POST");
  await panel.getByTestId("field-url").fill(`${api.url}/orders`);

  // Collapsed until asked for; a new flow has no runs.
  const runs = page.getByTestId("flow-runs-panel");
  await expect(runs.getByTestId("dashboard")).toHaveCount(0);
  await runs.getByTestId("flow-runs-toggle").click();
  await expect(runs.getByTestId("flow-runs-toggle")).toHaveAttribute("aria-expanded", "true");
  await expect(runs.getByTestId("dashboard-empty")).toContainText("This flow has no runs in this range.");
  await expect(runs.getByTestId("stat-total")).toHaveText("0");
  await page.screenshot({ path: ".tmp/screenshots/flow-runs-empty.png" });

  // The dashboard's errors state, while its query fails (tRPC batches: fail any batch holding the dashboard).
  const dashboardCall = /\/api\/trpc\/[^?]*runs\.dashboard/;
  await page.route(dashboardCall, (route) => route.fulfill({ status: 500, body: "{}" }));
  await runs.getByTestId("flow-runs-range").selectOption("7d");
  await expect(runs.getByTestId("dashboard-error")).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/flow-runs-error.png" });
  await page.unroute(dashboardCall);
  await runs.getByRole("button", { name: "Try again" }).click();
  await expect(runs.getByTestId("dashboard-empty")).toBeVisible();

  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("run-now-button").click();

  // The failed run shows up in this flow's figures (the dashboard refreshes itself) and its error is listed.
  const topError = runs.getByTestId("top-error").filter({ hasText: "credit limit exceeded" });
  await expect(topError).toContainText("422", { timeout: 45_000 });
  await expect(runs.getByTestId("stat-total")).toHaveText("1");
  await expect(runs.getByTestId("stat-failed")).toHaveText("1");
  await expect(runs.getByTestId("stat-succeeded")).toHaveText("0");
  await expect(runs.getByTestId("stat-failure-rate")).toHaveText("100 %");
  await expect(runs.getByTestId("stat-p50")).not.toHaveText("—");
  await expect(runs.getByTestId("runs-chart")).toBeVisible();
  // This flow alone: no list of the flows that fail most.
  await expect(runs.getByTestId("failing-flows")).toHaveCount(0);
  await expect(runs.getByTestId("flow-runs-open-all")).toHaveAttribute("href", /flowId=.*range=7d|range=7d.*flowId=/);
  await page.screenshot({ path: ".tmp/screenshots/flow-runs-dashboard.png" });

  // The error leads to this flow's failed runs with that error.
  await topError.click();
  await expect(page).toHaveURL(/\/runs\?/);
  await expect(page).toHaveURL(/flowId=/);
  await expect(page).toHaveURL(/status=failed/);
  await expect(page).toHaveURL(/error=/);
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await expect(page.getByTestId("run-row")).toContainText(name);
  await api.close();
});
