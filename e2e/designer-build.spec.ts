// Issue 5's proof, as an analyst builds a flow: from an empty flow to a running one with the mouse and the keyboard
// only. Five steps (a Log, an HTTP call with a mapped body, an If built with the condition builder, a second HTTP call
// on its true path and a Log on its false path), added with the "/" and Ctrl+K picker, the Add step button and the "+"
// on an edge. Start is refused while a field is empty; Test shows each step's result; undo and redo take an edit back
// and forth; the flow goes out to a file and comes back in as a new flow, which is started and run with data.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { createFlow, expect, test } from "./fixtures";

const screens = path.join(".tmp", "screens-e");
const downloads = path.join(".tmp", "downloads");
const steps = ["core_log_1", "http_request_1", "if_1", "http_request_2", "core_log_2"] as const;

const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);
const panel = (page: Page) => page.getByTestId("node-panel");
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screens, `${name}.png`) });

/** Clicks an empty corner of the canvas: nothing is selected and the canvas's shortcuts apply again. */
async function clickEmptyCanvas(page: Page) {
  await page
    .getByTestId("designer-canvas")
    .locator(".react-flow__pane")
    .click({ position: { x: 12, y: 12 } });
}

/** Fits the whole flow into the canvas with the canvas's own button, as a user does when steps are out of sight. */
async function showWholeFlow(page: Page) {
  await page.getByTestId("designer-canvas").locator(".react-flow__controls-fitview").click();
}

/** Picks a step in the node picker from the keyboard: the filter typed, the first match taken with Enter. */
async function pickWithKeyboard(page: Page, shortcut: "/" | "Control+k", filter: string, expected: string) {
  await clickEmptyCanvas(page);
  await page.keyboard.press(shortcut);
  await expect(page.getByTestId("node-picker-search")).toBeFocused();
  await page.keyboard.type(filter);
  await expect(page.getByTestId("node-picker").getByTestId(`add-step-option-${expected}`)).toHaveAttribute(
    "data-selected",
    "true",
  );
}

/** Types text into a field after clicking into it, keystroke by keystroke, as a user does. */
async function typeInto(page: Page, testId: string, text: string) {
  const field = panel(page).getByTestId(testId);
  await field.click();
  await field.press("Control+a");
  await field.pressSequentially(text);
}

test("build a five-step flow with mouse and keyboard, test it, move it through a file and run it", async ({
  page,
  recordingServer,
}) => {
  test.setTimeout(240_000);
  fs.mkdirSync(screens, { recursive: true });
  const flowName = `Order intake ${Date.now()}`;

  await test.step("a new flow, started by Run now", async () => {
    await createFlow(page, flowName);
    await expect(node(page, "trigger")).toBeVisible();
    await shot(page, "01-empty-flow");
    await node(page, "trigger").click();
    const kind = panel(page).getByTestId("trigger-kind-select");
    await kind.selectOption("core:webhook");
    await expect(panel(page).getByTestId("webhook-info-pending")).toBeVisible();
    await kind.selectOption("core:manual");
    await expect(panel(page).getByTestId("webhook-info-pending")).toHaveCount(0);
    await expect(node(page, "trigger")).toContainText("Run now");
    await shot(page, "02-trigger-panel");
  });

  await test.step("an HTTP call from the keyboard picker", async () => {
    await pickWithKeyboard(page, "/", "send request", "http-request");
    await shot(page, "03-picker-slash");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("node-picker")).toBeHidden();
    await expect(node(page, "http_request_1")).toBeVisible();
    await panel(page).getByTestId("field-method").selectOption("POST");
    await typeInto(page, "field-url", `${recordingServer.url}/orders`);
    await typeInto(page, "node-label-input", "Register order");
    await expect(node(page, "http_request_1")).toContainText("Register order");
  });

  await test.step("an If from the Add step button, built with the condition builder", async () => {
    await page.getByTestId("add-step-button").click();
    await page.getByTestId("node-picker-search").fill("if");
    await page.getByTestId("node-picker").getByTestId("add-step-option-core-if").click();
    await expect(node(page, "if_1")).toBeVisible();
    const builder = panel(page).getByTestId("condition-builder");
    await builder.getByTestId("condition-field-0-0").fill("trigger.total");
    await builder.getByTestId("condition-operator-0-0").selectOption("greaterThan");
    await builder.getByTestId("condition-value-0-0").fill("100");
    await expect(builder.getByTestId("field-condition")).toHaveValue(
      "{{ ($exists(trigger.total) and trigger.total > 100) }}",
    );
    await typeInto(page, "node-label-input", "Big order?");
    await shot(page, "04-if-condition-builder");
  });

  await test.step("a second HTTP call on the true path with Ctrl+K and the arrow keys", async () => {
    await pickWithKeyboard(page, "Control+k", "http", "http-request");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await expect(page.getByTestId("node-picker").getByTestId("add-step-option-http-request")).toHaveAttribute(
      "data-selected",
      "true",
    );
    await page.keyboard.press("Enter");
    await expect(node(page, "http_request_2")).toBeVisible();
    await expect(page.getByTestId("rf__edge-if_1-true-http_request_2")).toHaveCount(1);
    await panel(page).getByTestId("field-method").selectOption("POST");
  });

  await test.step("a Log on the false path: added, unhooked from the true path and connected by dragging", async () => {
    await page.getByTestId("add-step-button").click();
    await page.getByTestId("node-picker-search").fill("log");
    await page.getByTestId("node-picker").getByTestId("add-step-option-core-log").click();
    await expect(node(page, "core_log_1")).toBeVisible();
    await typeInto(page, "field-message", "Order {{ trigger.orderNo }} is a small one: no priority handling");

    // Appended after the true path's call; the edge goes with a click and Delete, the false handle is dragged to it.
    const appended = page.getByTestId("rf__edge-http_request_2-next-core_log_1");
    await expect(appended).toHaveCount(1);
    await clickEmptyCanvas(page);
    // Clicked above its "+", which sits in the middle of the edge.
    const line = await appended.boundingBox();
    if (!line) throw new Error("the appended edge is not on screen");
    await page.mouse.click(line.x + line.width / 2, line.y + line.height * 0.2);
    await expect(page.getByTestId("rf__edge-http_request_2-next-core_log_1")).toHaveClass(/selected/);
    await page.keyboard.press("Delete");
    await expect(appended).toHaveCount(0);
    const from = page.getByTestId("handle-if_1-false");
    const to = page.locator('.react-flow__node[data-id="core_log_1"] .react-flow__handle.target');
    const [a, b] = [await from.boundingBox(), await to.boundingBox()];
    if (!a || !b) throw new Error("the handles to connect are not on screen");
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
    await expect(page.getByTestId("rf__edge-if_1-false-core_log_1")).toHaveCount(1);
  });

  await test.step("a Log before everything, inserted with the + on the trigger's edge", async () => {
    await clickEmptyCanvas(page);
    await page.getByTestId("edge-insert-trigger-next-http_request_1").click();
    await expect(page.getByTestId("insert-step-search")).toBeFocused();
    await page.keyboard.type("log");
    await shot(page, "05-insert-on-edge");
    await page.keyboard.press("Enter");
    await expect(node(page, "core_log_2")).toBeVisible();
    await expect(page.getByTestId("rf__edge-trigger-next-core_log_2")).toHaveCount(1);
    await expect(page.getByTestId("rf__edge-core_log_2-next-http_request_1")).toHaveCount(1);
    await typeInto(page, "field-message", "Received order {{ trigger.orderNo }}");
    await page.getByTestId("more-actions-button").click();
    await page.getByTestId("auto-layout-button").click();
    await clickEmptyCanvas(page);
    for (const id of steps) await expect(node(page, id)).toBeVisible();
    await shot(page, "06-five-steps");
  });

  await test.step("Start is refused while the second call has no URL", async () => {
    await expect(page.getByTestId("problem-count")).toHaveText("1 problem");
    await expect(node(page, "http_request_2").getByTestId("node-problem-marker")).toBeVisible();
    await page.getByTestId("start-button").click();
    // Refusing Start opens the problems list itself, worded for the one problem.
    await expect(page.getByTestId("problems-panel")).toBeVisible();
    await expect(page.getByTestId("problems-notice")).toHaveText(/^Fix the problem first, then start the flow\./);
    await expect(page.getByTestId("flow-status")).toHaveText(/draft/i);
    await shot(page, "07-start-refused");
    await shot(page, "08-problems-panel");
    await page.getByTestId("problem-item").filter({ hasText: "URL is required" }).click();
    await expect(panel(page).getByTestId("field-url")).toBeVisible();
    await typeInto(page, "field-url", `${recordingServer.url}/priority`);
    await expect(page.getByTestId("problem-count")).toHaveCount(0);
    await expect(node(page, "http_request_2").getByTestId("node-problem-marker")).toHaveCount(0);
  });

  await test.step("Test on pasted JSON shows each step's status and output", async () => {
    await page.getByTestId("test-flow-button").click();
    const dialog = page.getByTestId("test-flow-dialog");
    await dialog.getByTestId("test-sample-pasted").check();
    await dialog.getByTestId("test-payload-input").fill('{"orderNo": "T-7", "total": 40, "customer": {"name": "Ada"}}');
    await shot(page, "09-test-dialog");
    await dialog.getByTestId("test-run-submit").click();
    await expect(dialog).toBeHidden();

    await expect(page.getByTestId("test-run-banner")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
    for (const id of ["trigger", "core_log_2", "http_request_1", "if_1", "core_log_1"]) {
      await expect(page.getByTestId(`node-test-status-${id}`)).toHaveAttribute("data-status", "succeeded");
    }
    // A total of 40 takes the false path: the second call is skipped.
    await expect(page.getByTestId("node-test-status-http_request_2")).toHaveAttribute("data-status", "skipped");

    await showWholeFlow(page);
    await node(page, "http_request_1").click();
    // The panel is titled with the step's own name, as on the canvas.
    await expect(panel(page).getByTestId("node-panel-title")).toHaveText("Register order");
    // The fields come first; the summary at the top of the panel leads down to the step's output.
    await expect(panel(page).getByTestId("test-summary")).toContainText(/succeeded/i);
    await panel(page).getByTestId("show-test-result").click();
    await expect(panel(page).getByTestId("test-step-output")).toBeInViewport();
    await expect(panel(page).getByTestId("test-step-status")).toHaveText(/succeeded/i);
    await expect(panel(page).getByTestId("test-step-output")).toContainText("IOM-4711");
    await shot(page, "10-test-http-output");
    await node(page, "core_log_1").click();
    await expect(panel(page).getByTestId("test-step-output")).toContainText("Order T-7 is a small one");
    await node(page, "http_request_2").click();
    await expect(panel(page).getByTestId("test-step-status")).toHaveText(/skipped/i);
    await expect(panel(page).getByTestId("test-step-skipped")).toContainText("took another path");
    await shot(page, "11-test-skipped");
    expect(recordingServer.received.map((request) => request.url)).toEqual(["/orders"]);
  });

  await test.step("the calls' bodies mapped from the trigger with Insert data", async () => {
    for (const [id, key] of [
      ["http_request_1", "orderNo"],
      ["http_request_2", "priorityOrder"],
    ] as const) {
      await showWholeFlow(page);
      await node(page, id).click();
      await panel(page).getByTestId("mapped-mode-text-body").click();
      await typeInto(page, "field-body", `{"${key}": "`);
      await panel(page).getByTestId("insert-data-body").click();
      const item = panel(page).getByTestId("data-tree-item-trigger.orderNo");
      await expect(item).toContainText("T-7");
      if (id === "http_request_1") await shot(page, "12-insert-data");
      await item.click();
      const body = panel(page).getByTestId("field-body");
      await body.press("Control+End");
      await body.pressSequentially('", "source": "conflux"}');
      await expect(body).toHaveValue(`{"${key}": "{{ trigger.orderNo }}", "source": "conflux"}`);
      await expect(panel(page).getByTestId("expression-preview-body")).toContainText("T-7");
    }
    await shot(page, "13-mapped-body");
  });

  await test.step("undo and redo an edit in the middle of the flow", async () => {
    await showWholeFlow(page);
    await node(page, "if_1").click();
    const value = panel(page).getByTestId("condition-value-0-0");
    await typeInto(page, "condition-value-0-0", "1000");
    await expect(value).toHaveValue("1000");
    await clickEmptyCanvas(page);
    await page.keyboard.press("Control+z");
    await node(page, "if_1").click();
    await expect(value).toHaveValue("100");
    await clickEmptyCanvas(page);
    await page.keyboard.press("Control+Shift+z");
    await node(page, "if_1").click();
    await expect(value).toHaveValue("1000");
    await page.getByTestId("undo-button").click();
    await expect(value).toHaveValue("100");
    await expect(page.getByTestId("redo-button")).toBeEnabled();
    await shot(page, "14-after-undo");
  });

  await test.step("export to a file and import it as a new flow with the same steps", async () => {
    await page.getByTestId("save-button").click();
    await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
    await page.getByTestId("more-actions-button").click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-flow-button").click(),
    ]);
    const exported = path.join(downloads, download.suggestedFilename());
    await download.saveAs(exported);

    await page.getByRole("link", { name: "Back to flows" }).click();
    await expect(page.getByTestId("import-flow-button")).toBeEnabled();
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByTestId("import-flow-button").click(),
    ]);
    await chooser.setFiles(exported);
    const dialog = page.getByTestId("import-flow-dialog");
    await expect(dialog).toBeVisible();
    // The HTTP calls use no account: the file names none and the dialog offers to choose one later.
    await expect(dialog.getByTestId("import-account-http")).toHaveValue("");
    await dialog.getByTestId("import-flow-name").fill(`${flowName} (imported)`);
    await shot(page, "15-import-dialog");
    await dialog.getByTestId("import-flow-submit").click();
    await expect(page.getByTestId("flow-name")).toContainText(`${flowName} (imported)`);
    for (const id of steps) await expect(node(page, id)).toBeVisible();
    await expect(page.getByTestId("rf__edge-if_1-false-core_log_1")).toHaveCount(1);
    await expect(page.getByTestId("problem-count")).toHaveCount(0);
    // It opens showing the whole flow, not zoomed to where the other flow's problems list last pointed.
    for (const id of ["trigger", ...steps]) await expect(node(page, id)).toBeInViewport({ ratio: 0.95 });
    await shot(page, "16-imported-flow-opened");
    await showWholeFlow(page);
    await node(page, "http_request_1").click();
    await expect(panel(page).getByTestId("field-body")).toHaveValue(
      '{"orderNo": "{{ trigger.orderNo }}", "source": "conflux"}',
    );
    await node(page, "if_1").click();
    await expect(panel(page).getByTestId("condition-value-0-0")).toHaveValue("100");
    await expect(panel(page).getByTestId("node-panel-title")).toHaveText("Big order?");
    await shot(page, "16-imported-flow-if");
  });

  await test.step("the imported flow starts and runs on data given to Run now", async () => {
    await page.getByTestId("start-button").click();
    await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
    await page.getByTestId("run-with-data-button").click();
    await page.getByTestId("run-payload-input").fill('{"orderNo": "R-42", "total": 250}');
    await shot(page, "17-run-with-data");
    await page.getByTestId("run-payload-submit").click();
    await page.getByTestId("run-link").last().click();
    await expect(page.getByTestId("run-status")).toHaveText(/succeeded/i, { timeout: 30_000 });
    for (const id of ["core_log_2", "http_request_1", "if_1", "http_request_2"]) {
      await expect(page.getByTestId(`step-${id}`).getByTestId("step-status")).toHaveText(/succeeded/i);
    }
    await expect(page.getByTestId("step-core_log_1").getByTestId("step-status")).toHaveText(/skipped/i);
    await shot(page, "18-run-page");

    const calls = recordingServer.received.slice(1);
    expect(calls.map((request) => [request.method, request.url])).toEqual([
      ["POST", "/orders"],
      ["POST", "/priority"],
    ]);
    expect(JSON.parse(calls[0]?.body ?? "{}")).toEqual({ orderNo: "R-42", source: "conflux" });
    expect(JSON.parse(calls[1]?.body ?? "{}")).toEqual({ priorityOrder: "R-42", source: "conflux" });
  });
});
