// How far to pan the canvas so a box (a step, or the steps just pasted) is fully visible: the smallest move that
// brings it inside the canvas's edges and off the overlays drawn on it (minimap, zoom buttons). All in screen pixels.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type PanResult = { kind: "none" } | { kind: "pan"; dx: number; dy: number } | { kind: "too-big" };

function intersects(a: Box, b: Box, gap: number): boolean {
  return (
    a.x < b.x + b.width + gap && b.x - gap < a.x + a.width && a.y < b.y + b.height + gap && b.y - gap < a.y + a.height
  );
}

function inside(box: Box, area: Box): boolean {
  return (
    box.x >= area.x &&
    box.y >= area.y &&
    box.x + box.width <= area.x + area.width &&
    box.y + box.height <= area.y + area.height
  );
}

function moved(box: Box, dx: number, dy: number): Box {
  return { ...box, x: box.x + dx, y: box.y + dy };
}

/** The smallest pan bringing `box` inside `view` less `margin`, clear of every overlay; "too-big" when it cannot fit. */
export function panIntoView(
  box: Box,
  view: { width: number; height: number },
  overlays: readonly Box[],
  margin = 24,
): PanResult {
  const area: Box = { x: margin, y: margin, width: view.width - 2 * margin, height: view.height - 2 * margin };
  if (box.width > area.width || box.height > area.height) return { kind: "too-big" };
  // Once a pan is needed, the box lands with some room around it (its neighbours show), not pressed to the edge.
  const land = (size: number, extent: number) => Math.max(margin, Math.min(2 * margin, (extent - size) / 2));
  let dx = 0;
  let dy = 0;
  if (box.x < area.x) dx = land(box.width, view.width) - box.x;
  else if (box.x + box.width > area.x + area.width) dx = view.width - land(box.width, view.width) - (box.x + box.width);
  if (box.y < area.y) dy = land(box.height, view.height) - box.y;
  else if (box.y + box.height > area.y + area.height)
    dy = view.height - land(box.height, view.height) - (box.y + box.height);

  const gap = 8;
  for (const overlay of overlays) {
    const current = moved(box, dx, dy);
    if (!intersects(current, overlay, gap)) continue;
    // Step aside the shortest way that keeps the box inside the canvas and clear of the other overlays.
    const sideways = [
      { dx: overlay.x - gap - (current.x + current.width), dy: 0 },
      { dx: overlay.x + overlay.width + gap - current.x, dy: 0 },
      { dx: 0, dy: overlay.y - gap - (current.y + current.height) },
      { dx: 0, dy: overlay.y + overlay.height + gap - current.y },
    ]
      .filter((move) => {
        const candidate = moved(current, move.dx, move.dy);
        return inside(candidate, area) && overlays.every((other) => !intersects(candidate, other, gap));
      })
      .sort((a, b) => Math.abs(a.dx) + Math.abs(a.dy) - (Math.abs(b.dx) + Math.abs(b.dy)));
    const best = sideways[0];
    if (best) {
      dx += best.dx;
      dy += best.dy;
    }
    break;
  }
  return dx === 0 && dy === 0 ? { kind: "none" } : { kind: "pan", dx, dy };
}
