// Editing on the canvas as an analyst does it: undo and redo from the keyboard (an added step, a typed field), insert
// a step with the "+" on an edge, copy two steps and paste them, delete a selection and take it back, and tidy up.
import type { Locator, Page, Request } from "@playwright/test";
import { createFlow, expect, test } from "./fixtures";

const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);
const edge = (page: Page, id: string) => page.getByTestId(`rf__edge-${id}`);

/** Clicks an empty spot of the canvas, which leaves any field so the shortcuts belong to the canvas again. */
async function clickEmptyCanvas(page: Page) {
  await page
    .getByTestId("designer-canvas")
    .locator(".react-flow__pane")
    .click({ position: { x: 12, y: 12 } });
}

/** Where a saveDraft request puts a node: the position of the object with that id anywhere in the request's body. */
function savedPosition(request: Request, nodeId: string): { x: number; y: number } | undefined {
  const find = (value: unknown): { x: number; y: number } | undefined => {
    if (typeof value !== "object" || value === null) return undefined;
    if (Array.isArray(value)) return value.map(find).find((found) => found !== undefined);
    const entries = Object.entries(value);
    const position = entries.find(([key]) => key === "position")?.[1];
    if (
      entries.some(([key, id]) => key === "id" && id === nodeId) &&
      typeof position === "object" &&
      position !== null
    ) {
      const x: unknown = Reflect.get(position, "x");
      const y: unknown = Reflect.get(position, "y");
      if (typeof x === "number" && typeof y === "number") return { x, y };
    }
    return entries.map(([, inner]) => find(inner)).find((found) => found !== undefined);
  };
  return find(request.postDataJSON());
}

async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  const [first, second] = [await a.boundingBox(), await b.boundingBox()];
  if (!first || !second) return true;
  return (
    first.x < second.x + second.width &&
    second.x < first.x + first.width &&
    first.y < second.y + second.height &&
    second.y < first.y + first.height
  );
}

test("undo, redo, insert on an edge, copy and paste, delete and tidy up", async ({ page }) => {
  await createFlow(page, `Editing ${Date.now()}`);
  await expect(page.getByTestId("node-trigger")).toBeVisible();
  await expect(page.getByTestId("undo-button")).toBeDisabled();
  await expect(page.getByTestId("redo-button")).toBeDisabled();

  // An added step goes with Ctrl+Z and comes back with Ctrl+Shift+Z.
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  await expect(node(page, "http_request_1")).toBeVisible();
  await clickEmptyCanvas(page);
  await page.keyboard.press("Control+z");
  await expect(node(page, "http_request_1")).toHaveCount(0);
  await expect(page.getByTestId("redo-button")).toBeEnabled();
  await page.keyboard.press("Control+Shift+z");
  await expect(node(page, "http_request_1")).toBeVisible();

  // Typing in a field is one undo step, taken back with Ctrl+Z once the focus has left the field.
  await node(page, "http_request_1").click();
  const url = page.getByTestId("node-panel").getByTestId("field-url");
  const before = await url.inputValue();
  await url.pressSequentially("https://shop.example/orders");
  await expect(url).toHaveValue("https://shop.example/orders");
  await page.getByTestId("node-panel").getByRole("heading").first().click();
  await page.keyboard.press("Control+z");
  await expect(url).toHaveValue(before);
  await page.keyboard.press("Control+y");
  await expect(url).toHaveValue("https://shop.example/orders");

  // "+" on the edge from the trigger puts a Log step between the trigger and the HTTP step.
  await clickEmptyCanvas(page);
  await page.getByTestId("edge-insert-trigger-next-http_request_1").click();
  await expect(page.getByTestId("insert-step-picker")).toBeVisible();
  await page.getByTestId("insert-step-search").fill("log");
  await page.getByTestId("insert-step-option-core-log").click();
  await expect(node(page, "core_log_1")).toBeVisible();
  await expect(edge(page, "trigger-next-core_log_1")).toHaveCount(1);
  await expect(edge(page, "core_log_1-next-http_request_1")).toHaveCount(1);
  await page.screenshot({ path: ".tmp/screenshots/designer-insert-on-edge.png" });

  // Copy the two steps (shift-click selects both) and paste them: fresh ids, the edge between them kept.
  await clickEmptyCanvas(page);
  await node(page, "core_log_1").click();
  await node(page, "http_request_1").click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("rf__node-core_log_1")).toHaveClass(/selected/);
  await expect(page.getByTestId("rf__node-http_request_1")).toHaveClass(/selected/);
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(node(page, "core_log_2")).toBeVisible();
  await expect(node(page, "http_request_2")).toBeVisible();
  await expect(edge(page, "core_log_2-next-http_request_2")).toHaveCount(1);
  await page.screenshot({ path: ".tmp/screenshots/designer-pasted.png" });

  // The pasted steps are selected: Delete removes both, Ctrl+Z brings them back.
  await page.keyboard.press("Delete");
  await expect(node(page, "core_log_2")).toHaveCount(0);
  await expect(node(page, "http_request_2")).toHaveCount(0);
  await expect(node(page, "trigger")).toBeVisible();
  await page.keyboard.press("Control+z");
  await expect(node(page, "http_request_2")).toBeVisible();

  // A paste lands just below and right of the copies, on top of them; Tidy up lays everything out without overlaps.
  expect(await overlaps(node(page, "http_request_1"), node(page, "http_request_2"))).toBe(true);
  await page.getByTestId("more-actions-button").click();
  await page.getByTestId("auto-layout-button").click();
  await expect.poll(() => overlaps(node(page, "http_request_1"), node(page, "http_request_2"))).toBe(false);
  await expect.poll(() => overlaps(node(page, "core_log_1"), node(page, "core_log_2"))).toBe(false);
  await expect(page.getByTestId("undo-button")).toBeEnabled();
  // Five steps fit the canvas: the overview stays out of the way until asked for.
  await expect(page.getByTestId("designer-canvas").getByTestId("rf__minimap")).toHaveCount(0);
  await page.getByTestId("minimap-toggle").click();
  await expect(page.getByTestId("designer-canvas").getByTestId("rf__minimap")).toBeVisible();
  await expect(page.getByTestId("designer-canvas").getByTestId("rf__controls")).toBeVisible();
  await page.screenshot({ path: ".tmp/screenshots/designer-tidy-up.png" });

  await page.getByTestId("save-button").click();
  await expect(page.getByTestId("save-state")).toContainText("Saved");
});

test("a drag with the mouse is one undo step and saves itself", async ({ page }) => {
  await createFlow(page, `Drag ${Date.now()}`);
  const isSave = (request: Request) =>
    request.url().includes("flows.saveDraft") && savedPosition(request, "http_request_1") !== undefined;
  const addSaved = page.waitForRequest(isSave);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-http-request").click();
  const step = node(page, "http_request_1");
  await expect(step).toBeVisible();
  const added = savedPosition(await addSaved, "http_request_1");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await clickEmptyCanvas(page);
  const before = await step.boundingBox();
  if (!before) throw new Error("the step is not on screen");

  // Many small moves, as a hand makes them; the draft saves once the step has landed, with where it landed.
  const saved = page.waitForRequest(isSave);
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 160, before.y + before.height / 2 + 90, { steps: 30 });
  await page.mouse.up();
  // React Flow starts the drag a move after the press, so the step lands a few pixels short of the pointer.
  await expect.poll(async () => (await step.boundingBox())?.x ?? 0).toBeGreaterThan(before.x + 140);
  await expect(page.getByTestId("rf__node-http_request_1")).toHaveClass(/selected/);
  const landed = savedPosition(await saved, "http_request_1");
  expect(landed?.x ?? 0).toBeGreaterThan((added?.x ?? Infinity) + 100);

  await clickEmptyCanvas(page);
  await page.keyboard.press("Control+z");
  await expect.poll(async () => (await step.boundingBox())?.x).toBeCloseTo(before.x, 0);
  await expect.poll(async () => (await step.boundingBox())?.y).toBeCloseTo(before.y, 0);
  // One step back was the whole drag: the step added before it is still there.
  await expect(step).toBeVisible();
});

test("an edit made just before leaving the designer is saved, and the flow opens with it again", async ({ page }) => {
  const flowName = `Leave ${Date.now()}`;
  await createFlow(page, flowName);
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  await expect(node(page, "core_log_1")).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");

  // Renamed and left at once, before autosave's moment: the designer's store goes, the edit must not go with it.
  const saved = page.waitForRequest((request) => request.url().includes("flows.saveDraft"));
  await page.getByTestId("node-label-input").fill("Say hello");
  await page.getByRole("link", { name: "Back to flows" }).click();
  await saved;

  // Opened again in the same tab (a new store, from the flow as last saved), then from the server after a reload.
  const row = page.locator(`[data-testid="flow-row"][data-flow-name="${flowName}"]`);
  await row.getByRole("link", { name: flowName }).click();
  await expect(node(page, "core_log_1")).toContainText("Say hello");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.reload();
  await expect(node(page, "core_log_1")).toContainText("Say hello");
});
