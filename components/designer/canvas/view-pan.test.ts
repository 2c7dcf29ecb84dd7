import { describe, expect, it } from "vitest";
import { panIntoView } from "./view-pan";

const view = { width: 660, height: 600 };
const minimap = { x: 490, y: 480, width: 160, height: 110 };

describe("panIntoView", () => {
  it("leaves a box that is already in view alone", () => {
    expect(panIntoView({ x: 100, y: 100, width: 256, height: 76 }, view, [minimap])).toEqual({ kind: "none" });
  });

  it("pans a box cut off by the right edge (the panel just opened) back in, with room beside it", () => {
    // Twice the margin (48 px) of room on the right: 660 - 48 - 826.
    expect(panIntoView({ x: 570, y: 100, width: 256, height: 76 }, view, [])).toEqual({ kind: "pan", dx: -214, dy: 0 });
  });

  it("pans a box below the canvas up, and leaves the other axis alone", () => {
    // 600 - 48 - 776.
    expect(panIntoView({ x: 100, y: 700, width: 256, height: 76 }, view, [])).toEqual({ kind: "pan", dx: 0, dy: -224 });
  });

  it("centres a box too wide for the room on the side it came from", () => {
    // (660 - 600) / 2 = 30 px each side.
    const result = panIntoView({ x: -200, y: 100, width: 600, height: 76 }, view, []);
    expect(result).toEqual({ kind: "pan", dx: 230, dy: 0 });
  });

  it("moves a box off the minimap the shorter way", () => {
    const result = panIntoView({ x: 300, y: 500, width: 256, height: 76 }, view, [minimap]);
    // Left by 74 clears the minimap's left side; up by 104 would clear its top: left is shorter.
    expect(result).toEqual({ kind: "pan", dx: -74, dy: 0 });
  });

  it("says so when the box cannot fit at this zoom", () => {
    expect(panIntoView({ x: 0, y: 0, width: 900, height: 76 }, view, [])).toEqual({ kind: "too-big" });
  });
});
