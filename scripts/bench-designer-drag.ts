// Dragging for `npm run bench:designer`: real mouse events through CDP (press on the node, move in small steps,
// release), with frames timed by requestAnimationFrame in the page only while the mouse moves. The same gesture over a
// page with trivial content gives the harness's own frame times on this machine, to read the designer's against.
import type { Page } from "@playwright/test";

export const DRAG_STEPS = 180;

export interface FrameTimes {
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summarise(intervals: readonly number[]): FrameTimes {
  const sorted = [...intervals].sort((a, b) => a - b);
  const round = (value: number) => Number(value.toFixed(1));
  return {
    frames: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
  };
}

// Strings, not functions: tsx compiles functions with a __name helper that does not exist in the page.
const START_FRAMES = `(() => {
  const frames = [];
  window.__benchFrames = frames;
  window.__benchRecording = true;
  const record = (time) => {
    frames.push(time);
    if (window.__benchRecording) requestAnimationFrame(record);
  };
  requestAnimationFrame(record);
})()`;
const STOP_FRAMES = `(() => { window.__benchRecording = false; return window.__benchFrames; })()`;

/**
 * Presses at (x, y), moves the mouse DRAG_STEPS times along a wavy line (one CDP mouse move per step, each awaited,
 * as a user's pointer delivers one event per frame or so), and releases. Returns the frame times while moving.
 */
export async function dragAndTime(page: Page, x: number, y: number, during?: () => Promise<void>): Promise<FrameTimes> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  // A few moves first, so React Flow's drag threshold and the selection it makes on drag start are behind us.
  for (let step = 1; step <= 5; step += 1) await page.mouse.move(x + step, y + step);
  await during?.();
  await page.evaluate(START_FRAMES);
  for (let step = 1; step <= DRAG_STEPS; step += 1) {
    await page.mouse.move(x + 5 + Math.sin(step / 15) * 200, y + 5 + step);
  }
  const recorded: unknown = await page.evaluate(STOP_FRAMES);
  await page.mouse.up();
  const frames = Array.isArray(recorded) ? recorded.filter((entry): entry is number => typeof entry === "number") : [];
  return summarise(frames.slice(1).map((time, index) => time - (frames[index] ?? time)));
}

/** The harness's own frame times: the same drag over a page whose only content is a box that follows the mouse. */
export async function harnessBaseline(page: Page): Promise<FrameTimes> {
  await page.setContent(`<!doctype html><body style="margin:0;height:100vh">
    <div id="box" style="position:absolute;width:256px;height:70px;border:1px solid #999;background:#fff"></div>
    <script>
      const box = document.getElementById("box");
      let dragging = false;
      addEventListener("mousedown", () => { dragging = true; });
      addEventListener("mouseup", () => { dragging = false; });
      addEventListener("mousemove", (event) => {
        if (dragging) box.style.transform = "translate(" + (event.clientX - 128) + "px," + (event.clientY - 35) + "px)";
      });
    </script></body>`);
  return dragAndTime(page, 700, 300);
}
