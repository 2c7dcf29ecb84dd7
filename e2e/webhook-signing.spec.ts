// A sender that follows the trigger panel's signing instructions (scheme v2, computed here from the documented
// canonical string, not with the server's code) starts a run; the same request sent again is refused as a replay, and
// the panel says why.
import crypto from "node:crypto";
import { createFlow, expect, test } from "./fixtures";

test("a v2-signed webhook request starts a run once, and its replay is refused with the reason shown", async ({
  page,
  request,
}) => {
  const flowName = `Signed ${Date.now()}`;
  await createFlow(page, flowName);
  const panel = page.getByTestId("node-panel");
  await page.getByTestId("node-trigger").click();
  await panel.getByTestId("trigger-kind-select").selectOption("core:webhook");
  await expect(panel.getByTestId("field-verifySignature")).toBeChecked();
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  await panel.getByTestId("field-message").fill("Order {{ trigger.body.orderNo }} for {{ trigger.headers.`x-shop` }}");
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("node-trigger").click();
  await expect(panel.getByTestId("webhook-signing-hint")).toContainText("v2=");
  const url = (await panel.getByTestId("webhook-url").textContent()) ?? "";
  await panel.getByTestId("webhook-show-secret").click();
  await expect(panel.getByTestId("webhook-secret")).toContainText("whsec_");
  const secret = (await panel.getByTestId("webhook-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_/);

  const body = JSON.stringify({ orderNo: "S-1" });
  const t = Math.floor(Date.now() / 1000);
  const query = "channel=web";
  const canonical = `v2\n${t}\n\n${query}\ncontent-type;x-shop\ncontent-type:application/json\nx-shop:north\n${body}`;
  const hex = crypto.createHmac("sha256", secret).update(canonical).digest("hex");
  const headers = {
    "content-type": "application/json",
    "x-shop": "north",
    "x-conflux-signature": `t=${t},h=content-type;x-shop,v2=${hex}`,
  };
  const first = await request.post(`${url}?${query}`, { data: body, headers });
  expect(first.status()).toBe(202);
  const replay = await request.post(`${url}?${query}`, { data: body, headers });
  expect(replay.status()).toBe(401);
  expect(await replay.json()).toMatchObject({ error: { code: "SIGNATURE_REPLAYED" } });

  await page.reload();
  await page.getByTestId("node-trigger").click();
  await expect(panel.getByText(/This signature was already used/)).toBeVisible();
  await panel.getByTestId("webhook-signing-hint").scrollIntoViewIfNeeded();
  await page.screenshot({ path: ".tmp/screenshots/webhook-signing-panel.png" });
  const { runId } = (await first.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i, { timeout: 30_000 });
  await expect(page.getByText("Order S-1 for north").first()).toBeVisible();
});
