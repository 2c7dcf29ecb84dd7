// The canvas without a mouse: Tab reaches a step (with a visible focus ring), Enter selects it and opens its settings,
// arrow keys move it and one Ctrl+Z puts it back, Delete removes it, and the "+" on a connection is a Tab stop too.
import type { Locator, Page } from "@playwright/test";
import { createFlow, expect, test } from "./fixtures";

/** Presses Tab until the element `matches` names has the focus; fails after `limit` presses. */
async function tabTo(page: Page, matches: string, limit = 60): Promise<void> {
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, matches)) return;
  }
  throw new Error(`Tab never reached ${matches}`);
}

/** The node's place on the canvas, from the transform React Flow gives its wrapper. */
async function position(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await page
    .getByTestId(`rf__node-${id}`)
    .evaluate((element) => (element instanceof HTMLElement ? element.style.transform : ""));
  const match = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (!match) throw new Error(`no position in "${transform}"`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

test("steps are reached, selected, moved, undone and deleted from the keyboard", async ({ page }) => {
  await createFlow(page, `Keyboard ${Date.now()}`);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const step = page.getByTestId("rf__node-http_request_1");
  await expect(step).toBeVisible();
  // Start from the canvas with nothing selected, as after a click on an empty spot.
  await page
    .getByTestId("designer-canvas")
    .locator(".react-flow__pane")
    .click({ position: { x: 12, y: 12 } });
  await expect(page.getByTestId("node-panel")).toHaveCount(0);
  // Drag the view so the step sits where the panel will open: selecting it must bring it back into sight.
  const canvas = await page.getByTestId("designer-canvas").boundingBox();
  if (!canvas) throw new Error("the canvas is not on screen");
  await page.mouse.move(canvas.x + 40, canvas.y + 40);
  await page.mouse.down();
  await page.mouse.move(canvas.x + 40 + canvas.width / 2, canvas.y + 40, { steps: 10 });
  await page.mouse.up();
  await expect
    .poll(async () => ((await step.boundingBox())?.x ?? 0) + 40)
    .toBeGreaterThan(canvas.x + canvas.width - 384);

  await page.getByTestId("rf__node-trigger").focus();
  await tabTo(page, '[data-testid="rf__node-http_request_1"]');
  await expect(step).toBeFocused();
  await expect(step).toHaveAccessibleName("Step: HTTP, Send request, 1 problem: URL is required");
  // The card shows the focus ring (brand-500) while React Flow's wrapper has the focus.
  await expect(page.getByTestId("node-http_request_1")).toHaveCSS("box-shadow", /rgb\(59, 108, 246\)/);
  await page.screenshot({ path: ".tmp/screenshots/designer-keyboard-focus.png" });

  await page.keyboard.press("Enter");
  await expect(step).toHaveClass(/selected/);
  await expect(page.getByTestId("node-panel")).toBeVisible();
  // The panel opens beside the canvas without taking the focus, so the arrow keys still move the step.
  await expect(step).toBeFocused();
  await page.screenshot({ path: ".tmp/screenshots/designer-keyboard-selected.png" });
  // The view keeps the selected step clear of the panel that just narrowed the canvas.
  await expect.poll(() => insideCanvas(page, step)).toBe(true);

  // F6 goes to the panel's first field and back to the step.
  await page.keyboard.press("F6");
  await expect(page.getByTestId("node-panel").locator("input, textarea, select").first()).toBeFocused();
  await page.keyboard.press("F6");
  await expect(step).toBeFocused();

  // Three presses right (5 px each) and one Shift+Down (20 px); quick presses are one undo step.
  const start = await position(page, "http_request_1");
  const moved = { x: start.x + 15, y: start.y + 20 };
  // The draft saves itself after the move, with the new position in it.
  const autosave = page.waitForRequest(
    (request) =>
      request.url().includes("flows.saveDraft") &&
      (request.postData() ?? "").includes(`"position":{"x":${moved.x},"y":${moved.y}}`),
  );
  for (let press = 0; press < 3; press += 1) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+ArrowDown");
  await expect.poll(() => position(page, "http_request_1")).toEqual(moved);
  await autosave;
  await page.keyboard.press("Control+z");
  await expect.poll(() => position(page, "http_request_1")).toEqual(start);
  await page.keyboard.press("Control+Shift+z");
  await expect.poll(() => position(page, "http_request_1")).toEqual(moved);

  // Escape clears the selection and Space selects again.
  await step.focus();
  await page.keyboard.press("Escape");
  await expect(step).not.toHaveClass(/selected/);
  // React Flow lets go of the focus on Escape; take it back to try Space.
  await step.focus();
  await page.keyboard.press(" ");
  await expect(step).toHaveClass(/selected/);

  // Delete removes the focused, selected step; Ctrl+Z brings it back.
  await page.keyboard.press("Delete");
  await expect(step).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(step).toBeVisible();

  // The "+" on the connection is reachable with Tab and opens the insert picker with Enter.
  await page.getByTestId("rf__node-trigger").focus();
  await tabTo(page, '[data-testid="edge-insert-trigger-next-http_request_1"]');
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("insert-step-picker")).toBeVisible();
  await expect(page.getByTestId("insert-step-search")).toBeFocused();
  await page.keyboard.press("Escape");

  // A connection reached from the keyboard is haloed like a focused step.
  const connection = page.getByTestId("rf__edge-trigger-next-http_request_1");
  await connection.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(connection).toBeFocused();
  await expect(connection.getByTestId("edge-focus-halo")).not.toHaveCSS("stroke", "rgba(0, 0, 0, 0)");

  // F6 follows the keyboard's focus: with the trigger focused (the step still selected), it opens the trigger's panel.
  await step.click();
  await page.getByTestId("rf__node-trigger").focus();
  await page.keyboard.press("F6");
  await expect(page.getByTestId("node-panel-title")).toHaveText("Run now");
  await expect(page.getByTestId("node-panel").locator("input, textarea, select").first()).toBeFocused();

  // An item of the More menu hands the focus back to the menu's button, so closing its dialog lands there too.
  const more = page.getByTestId("more-actions-button");
  await more.focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("versions-button").press("Enter");
  await expect(page.getByTestId("versions-dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("versions-dialog")).toHaveCount(0);
  await expect(more).toBeFocused();
});

/** True when the element's box lies wholly inside the canvas (what the panel leaves of it). */
async function insideCanvas(page: Page, element: Locator): Promise<boolean> {
  const [box, canvas] = await Promise.all([element.boundingBox(), page.getByTestId("designer-canvas").boundingBox()]);
  if (!box || !canvas) return false;
  return (
    box.x >= canvas.x &&
    box.y >= canvas.y &&
    box.x + box.width <= canvas.x + canvas.width &&
    box.y + box.height <= canvas.y + canvas.height
  );
}
