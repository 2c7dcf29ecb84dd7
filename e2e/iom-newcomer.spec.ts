// A newcomer without IOM or Sterling: connect both built-in simulators from the Connect form, start "Sterling new
// order → export to IOM" and "IOM order state changed → keep its invoice", create an order on the Sterling
// simulator's page, see it exported to IOM, dispatch it on the IOM simulator's page, and download its invoice from
// the run the state change started.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { connectBuiltInSimulator, expect, test, waitForFirstCheck, waitForRunRow } from "./fixtures";

async function startTemplate(page: Page, templateId: string, flowName: string, accounts: Record<string, string>) {
  await page.goto("/flows");
  await page.getByTestId("template-gallery-button").click();
  const gallery = page.getByTestId("template-gallery-dialog");
  await gallery.locator(`[data-template-id="${templateId}"]`).click();
  await gallery.getByTestId("template-flow-name").fill(flowName);
  await gallery.getByTestId("create-from-template-submit").click();
  await expect(page.getByTestId("flow-name")).toContainText(flowName);
  const panel = page.getByTestId("node-panel");
  for (const [stepId, accountName] of Object.entries(accounts)) {
    await page.getByTestId(`node-${stepId}`).click();
    await panel.getByTestId("account-select").selectOption({ label: accountName });
    await expect(panel.getByTestId("account-status")).toHaveText("Connected");
    // A newcomer does not want to wait a minute for the first check.
    if (stepId === "trigger") await panel.getByTestId("field-intervalSeconds").fill("10");
  }
  await page.getByTestId("start-button").click();
  await page.getByTestId("confirm-start").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await waitForFirstCheck(page);
}

/** Waits until `flowName` has a succeeded run showing `text`, and opens it. */
async function openRun(page: Page, flowName: string, text: string) {
  const row = await waitForRunRow(page, { flowName, text, timeout: 90_000 });
  await row.getByTestId("run-link").click();
  await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i);
}

test("export a Sterling order to the IOM simulator, dispatch it and download its invoice from the run page", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const stamp = Date.now();
  const sterlingAccount = `Sterling simulator ${stamp}`;
  const iomAccount = `IOM simulator ${stamp}`;
  await connectBuiltInSimulator(page, {
    connector: "sterling",
    accountName: sterlingAccount,
    urlField: { testId: "account-field-endpointUrl", value: /\/api\/simulators\/sterling\/smcfs\/restapi$/ },
  });
  await connectBuiltInSimulator(page, {
    connector: "iom",
    accountName: iomAccount,
    urlField: { testId: "account-field-baseUrl", value: /\/api\/simulators\/iom$/ },
    screenshot: ".tmp/screenshots/iom-newcomer-connect.png",
  });

  const exportFlow = `Sterling to IOM ${stamp}`;
  await startTemplate(page, "iom-sterling-new-order-to-iom", exportFlow, {
    trigger: sterlingAccount,
    export_order: iomAccount,
  });
  await page.screenshot({ path: ".tmp/screenshots/iom-newcomer-export-flow.png" });
  const invoiceFlow = `IOM invoices ${stamp}`;
  await startTemplate(page, "iom-order-state-invoice", invoiceFlow, {
    trigger: iomAccount,
    download_invoice: iomAccount,
  });

  // Once Conflux has looked at Sterling ("from now"), create the order there.
  const sterling = await page.context().newPage();
  await sterling.goto("/simulators/sterling");
  await expect(sterling.getByTestId("simulator-calls")).toContainText("getPage", { timeout: 30_000 });
  await sterling.getByTestId("simulator-email").fill("grace@example.com");
  await sterling.getByTestId("simulator-quantity").fill("2");
  await sterling.getByTestId("simulator-create").click();
  const notice = sterling.getByTestId("simulator-notice");
  await expect(notice).toContainText(/Order Y\d+ created/);
  const orderNo = /Order (Y\d+) created/.exec((await notice.textContent()) ?? "")?.[1] ?? "";

  await openRun(page, exportFlow, orderNo);
  const exported = page.getByTestId("step-export_order").getByTestId("step-output");
  await expect(exported).toContainText(`"shopOrderNumber": "${orderNo}"`);
  await expect(exported).toContainText("/rest/order-service/shops/10000/orders/");
  await page.screenshot({ path: ".tmp/screenshots/iom-newcomer-export-run.png", fullPage: true });

  // The invoice flow sees the order in IOM first without an invoice; only then is it dispatched, so the dispatch is a
  // change of its own (seen both at once, it would be one run).
  await waitForRunRow(page, { flowName: invoiceFlow, text: orderNo, timeout: 90_000 });

  // The order is in IOM; IOM dispatches it and issues its delivery note and invoice.
  const iom = await page.context().newPage();
  await iom.goto("/simulators/iom");
  const order = iom.locator(`[data-testid="iom-simulator-order"][data-order-no="${orderNo}"]`);
  await expect(order.getByTestId("iom-simulator-order-status")).toHaveText(/CHECKED/);
  await order.getByTestId("iom-simulator-dispatch").click();
  await expect(iom.getByTestId("iom-simulator-notice")).toContainText(`Order ${orderNo} dispatched`);
  await expect(order.getByTestId("iom-simulator-order-documents")).toHaveText("deliveryNote, invoiceNote");
  await expect(order.getByTestId("iom-simulator-dispatch")).toBeDisabled();
  await iom.screenshot({ path: ".tmp/screenshots/iom-newcomer-simulator.png", fullPage: true });

  // The state change starts a run of the invoice flow, which keeps the invoice with the run.
  await page.goto("/runs");
  const fileName = `${orderNo}-invoiceNote-1.pdf`;
  // The first run came when the order appeared in IOM (no invoice yet); the newest follows the dispatch.
  const invoiceRuns = page.getByTestId("run-row").filter({ hasText: invoiceFlow }).filter({ hasText: orderNo });
  await expect(invoiceRuns).toHaveCount(2, { timeout: 90_000 });
  await expect(invoiceRuns.first()).toHaveAttribute("data-status", "succeeded");
  await invoiceRuns.first().getByTestId("run-link").click();
  const files = page.getByTestId("step-download_invoice").getByTestId("step-files");
  await expect(files.getByTestId("step-file-name")).toHaveText(fileName);
  const invoiceStep = page.getByTestId("step-download_invoice");
  await invoiceStep.scrollIntoViewIfNeeded();
  await invoiceStep.screenshot({ path: ".tmp/screenshots/iom-newcomer-invoice-run.png" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    files.getByTestId("step-file-download").click(),
  ]);
  expect(download.suggestedFilename()).toBe(fileName);
  const saved = await download.path();
  expect(fs.readFileSync(saved).subarray(0, 8).toString()).toBe("%PDF-1.4");
});
