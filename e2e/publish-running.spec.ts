// Publishing changes to a running webhook flow while requests keep arriving: the toolbar says the canvas differs from
// what runs, Publish changes puts it live with no request answered 404, and Stop asks first.
import { expect, startUnsignedWebhookLogFlow, test } from "./fixtures";

test("publishes a change to a running webhook flow under load, and Stop asks first", async ({ page, request }) => {
  const url = await startUnsignedWebhookLogFlow(page, `Publish ${Date.now()}`, "v1 {{ trigger.body.n }}");
  const panel = page.getByTestId("node-panel");

  await page.getByTestId("node-core_log_1").click();
  await expect(page.getByTestId("publish-button")).toHaveCount(0);
  await panel.getByTestId("field-message").fill("v2 {{ trigger.body.n }}");
  await expect(page.getByTestId("unpublished-changes")).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/publish-unpublished.png" });

  // A load of requests runs while the change is published.
  const statuses: number[] = [];
  let stop = false;
  const caller = async (from: number) => {
    for (let n = from; !stop; n += 4) {
      const response = await request.post(url, { data: { n } });
      statuses.push(response.status());
    }
  };
  const load = Promise.all([0, 1, 2, 3].map(caller));
  await expect.poll(() => statuses.length).toBeGreaterThan(10);
  await page.getByTestId("publish-button").click();
  await expect(page.getByTestId("publish-button")).toHaveCount(0);
  await expect(page.getByText(/Published version 2/)).toBeVisible();
  const atPublish = statuses.length;
  await expect.poll(() => statuses.length).toBeGreaterThan(atPublish + 10);
  stop = true;
  await load;
  expect(statuses.filter((status) => status !== 202)).toEqual([]);
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.screenshot({ path: ".tmp/screenshots/publish-published.png" });

  await page.getByTestId("stop-button").click();
  await expect(page.getByTestId("stop-dialog")).toContainText("answered 404");
  await page.screenshot({ path: ".tmp/screenshots/publish-stop-confirm.png" });
  await page.getByTestId("stop-cancel").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("stop-button").click();
  await page.getByTestId("stop-confirm").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/stopped/i);
});
