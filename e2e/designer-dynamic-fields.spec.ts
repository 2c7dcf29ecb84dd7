// A field whose choices come from the remote system: connect a Sterling account (the simulator), add "Retrieve
// orders", see the enterprises load once the account is chosen, pick one with the mouse and one from the keyboard,
// keep a typed value as custom, then watch a Sterling failure read as Sterling's words with a Retry that recovers.
import type { Page } from "@playwright/test";
import { createFlow, expect, STERLING_USER, sterlingTest as test } from "./fixtures";

async function connectSterling(page: Page, name: string, endpointUrl: string) {
  await page.goto("/applications");
  const toggle = page.getByTestId("application-toggle-sterling");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.getByTestId("connect-sterling").click();
  const dialog = page.getByTestId("account-dialog");
  await dialog.getByTestId("account-name-input").fill(name);
  await dialog.getByTestId("account-mode-rest").check();
  await dialog.getByTestId("account-field-endpointUrl").fill(endpointUrl);
  await dialog.getByTestId("account-field-loginId").fill(STERLING_USER.loginId);
  await dialog.getByTestId("account-field-password").fill(STERLING_USER.password);
  await dialog.getByTestId("account-submit").click();
  await expect(dialog).toBeHidden();
  const row = page.locator(`[data-testid="account-row"][data-account-name="${name}"]`);
  await expect(row.getByTestId("account-status")).toHaveText("Connected");
}

test("enterprises load for the chosen Sterling account, and a failure offers Retry", async ({ page, sterling }) => {
  const accountName = `Sterling ${Date.now()}`;
  await connectSterling(page, accountName, `${sterling.url}/smcfs/restapi`);

  await createFlow(page, `Dynamic fields ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-sterling-getOrderList").click();
  const panel = page.getByTestId("node-panel");
  const input = panel.getByTestId("field-enterpriseCode");
  const status = panel.getByTestId("field-options-status-enterpriseCode");
  await expect(input).toHaveAttribute("role", "combobox");
  await expect(panel.getByRole("combobox", { name: "Enterprise code" })).toBeVisible();
  await expect(status).toHaveAttribute("data-state", "no-account");
  await expect(status).toContainText("Choose an account above to load the enterprises");
  await page.screenshot({ path: ".tmp/screenshots/designer-dynamic-no-account.png" });

  // Hold the list's request until the loading state has been seen.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const isOptionsCall = (url: URL) => url.pathname.includes("connectors.fieldOptions");
  await page.route(isOptionsCall, async (route) => {
    await held;
    await route.continue();
  });
  await panel.getByTestId("account-select").selectOption({ label: accountName });
  await expect(status).toHaveAttribute("data-state", "loading");
  await expect(status).toContainText("Loading enterprises…");
  await page.screenshot({ path: ".tmp/screenshots/designer-dynamic-loading.png" });
  release();
  await expect(status).toHaveAttribute("data-state", "loaded");
  await page.unroute(isOptionsCall);
  await expect(status).toContainText("Enterprises: 2 loaded");

  // Pick with the mouse: the list shows names and codes; the field stores the code and names the choice below.
  await input.click();
  const list = panel.getByTestId("field-options-list-enterpriseCode");
  await expect(list.getByRole("option")).toHaveText([/Default Enterprise\s*DEFAULT/, /Other Brands Inc\.\s*OTHER/]);
  await page.screenshot({ path: ".tmp/screenshots/designer-dynamic-loaded.png" });
  await list.getByTestId("field-option-enterpriseCode-OTHER").click();
  await expect(input).toHaveValue("OTHER");
  await expect(list).toBeHidden();
  await expect(status).toContainText("Other Brands Inc.");
  await page.screenshot({ path: ".tmp/screenshots/designer-dynamic-chosen.png" });

  // From the keyboard: typing filters, Enter picks, Escape closes.
  await input.fill("");
  await input.pressSequentially("def");
  await expect(list.getByRole("option")).toHaveCount(1);
  await input.press("Enter");
  await expect(input).toHaveValue("DEFAULT");
  await input.press("ArrowDown");
  await expect(input).toHaveAttribute("aria-expanded", "true");
  await input.press("Escape");
  await expect(input).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("node-panel")).toBeVisible();

  // A value that is not in the list stays, marked custom; a template is not marked.
  await input.fill("NEW-BRAND");
  await expect(panel.getByTestId("field-options-custom-enterpriseCode")).toBeVisible();
  await input.press("Escape");
  await page.screenshot({ path: ".tmp/screenshots/designer-dynamic-custom.png" });
  await input.fill("{{ trigger.enterprise }}");
  await expect(panel.getByTestId("field-options-custom-enterpriseCode")).toHaveCount(0);
  await input.fill("DEFAULT");
  await input.press("Escape");

  // Sterling fails: its words are shown with Retry, the typed value stays, and Retry recovers once it is back.
  sterling.failApi("getOrganizationList");
  await panel.getByTestId("field-options-refresh-enterpriseCode").click();
  await expect(status).toHaveAttribute("data-state", "error");
  const error = panel.getByTestId("field-options-error-enterpriseCode");
  await expect(error).toContainText("Could not load the enterprises: Sterling OMS");
  await expect(error).toContainText("the database connection pool is exhausted [YFC0006]");
  await expect(input).toHaveValue("DEFAULT");
  await page.screenshot({ path: ".tmp/screenshots/designer-dynamic-error.png" });
  sterling.restoreApi("getOrganizationList");
  await panel.getByTestId("field-options-retry-enterpriseCode").click();
  await expect(status).toHaveAttribute("data-state", "loaded");
  await expect(status).toContainText("Default Enterprise");
});
