// The outbound allow-list as an administrator meets it in Settings: an entry it cannot read is named and nothing is
// saved; readable entries are saved and shown again after a reload. (What the list then allows is tested in
// server/services/settings.service.test.ts and server/security/outbound-guard.test.ts.)
import fs from "node:fs";
import http from "node:http";
import { expect, test } from "./fixtures";

test("the outbound allow-list names entries it cannot read and keeps the ones saved", async ({ page }) => {
  fs.mkdirSync(".tmp/screenshots", { recursive: true });
  let hits = 0;
  const server = http.createServer((_request, response) => {
    hits += 1;
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const host = `127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  try {
    await page.goto("/settings");
    const list = page.getByTestId("outbound-allow-list");
    await expect(list).toBeEnabled();
    await list.fill(`10.0.0.0/33\n${host}`);
    await page.getByTestId("outbound-allow-list-save").click();
    await expect(page.getByTestId("outbound-allow-list-error")).toContainText('"10.0.0.0/33"');
    await page.screenshot({ path: ".tmp/screenshots/settings-allow-list-error.png", fullPage: true });

    await list.fill(`10.20.0.0/16\n*.corp.example\n${host}`);
    await page.getByTestId("outbound-allow-list-save").click();
    await expect(page.getByText("Outbound allow-list saved")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("outbound-allow-list")).toHaveValue(`10.20.0.0/16\n*.corp.example\n${host}`);
    await page.screenshot({ path: ".tmp/screenshots/settings-allow-list.png", fullPage: true });
    expect(hits).toBe(0);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
