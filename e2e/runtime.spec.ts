// The runtime as an analyst meets it: an If decides per run, Run now takes sample data, and the run page shows the
// path not taken as skipped.
import { createFlow, expect, test } from "./fixtures";

test("an If follows the data a run was given, and the run page shows the skipped path", async ({ page }) => {
  const flowName = `Big orders ${Date.now()}`;
  await createFlow(page, flowName);

  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-if").click();
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("field-condition").fill("{{ trigger.total > 100 }}");
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  await panel.getByTestId("field-message").fill("Big order {{ trigger.orderNo }}");
  await expect(page.getByTestId("handle-if_1-true")).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/designer-if.png" });
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);

  const opened = new Set<string>();
  const runWith = async (payload: string) => {
    await page.getByTestId("run-with-data-button").click();
    await page.getByTestId("run-payload-input").fill(payload);
    await page.getByTestId("run-payload-submit").click();
    // An earlier run's toast may still be showing: open the link to the run this click made.
    const fresh = page.getByTestId("run-link").filter({ visible: true });
    await expect
      .poll(async () =>
        (await fresh.evaluateAll((links) => links.map((link) => link.getAttribute("href")))).some(
          (href) => href !== null && !opened.has(href),
        ),
      )
      .toBe(true);
    const hrefs = await fresh.evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    const href = hrefs.find((candidate) => candidate !== "" && !opened.has(candidate)) ?? "";
    opened.add(href);
    await page.locator(`[data-testid="run-link"][href="${href}"]`).click();
    await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i, { timeout: 30_000 });
  };

  // Bad JSON is refused before anything is sent.
  await page.getByTestId("run-with-data-button").click();
  await page.getByTestId("run-payload-input").fill("{ total: 1");
  await page.getByTestId("run-payload-submit").click();
  await expect(page.getByTestId("run-payload-error")).toContainText("Not valid JSON");
  await page.getByRole("button", { name: "Cancel" }).click();

  await runWith('{"orderNo": "Y100042", "total": 250}');
  await expect(page.getByTestId("step-core_log_1").getByTestId("step-status")).toHaveText(/succeeded/i);
  await expect(page.getByTestId("step-core_log_1").getByTestId("step-output")).toContainText("Big order Y100042");
  await page.screenshot({ path: ".tmp/screenshots/run-if-true.png", fullPage: true });

  await page.goBack();
  await expect(page.getByTestId("flow-name")).toContainText(flowName);
  await runWith('{"orderNo": "Y100043", "total": 20}');
  await expect(page.getByTestId("step-if_1").getByTestId("step-output")).toContainText("false");
  await expect(page.getByTestId("step-core_log_1").getByTestId("step-status")).toHaveText(/skipped/i);
  await page.screenshot({ path: ".tmp/screenshots/run-if-false.png", fullPage: true });
});

test("Start is refused while the flow has problems, and the flow stays a draft", async ({ page }) => {
  await createFlow(page, `Unfinished ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  await expect(page.getByTestId("problem-count")).toContainText("1 problem");

  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("problems-panel")).toBeVisible();
  await expect(page.getByText("Fix the problem first")).toBeVisible();
  await expect(page.getByTestId("flow-status")).toHaveText(/draft/i);

  await page.getByTestId("node-panel").getByTestId("field-url").fill("http://127.0.0.1:9/orders");
  await expect(page.getByTestId("problem-count")).toHaveCount(0);
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
});
