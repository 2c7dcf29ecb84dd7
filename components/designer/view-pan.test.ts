import { describe, expect, it } from "vitest";
import { panIntoView } from "./view-pan";

const view = { width: 660, height: 600 };
const minimap = { x: 490, y: 480, width: 160, height: 110 };

describe("panIntoView", () => {
  it("leaves a box that is already in view alone", () => {
    expect(panIntoView({ x: 100, y: 100, width: 256, height: 76 }, view, [minimap])).toEqual({ kind: "none" });
  });

  it("pans a box cut off by the right edge (the panel just opened) the shortest way back in", () => {
    expect(panIntoView({ x: 570, y: 100, width: 256, height: 76 }, view, [])).toEqual({ kind: "pan", dx: -190, dy: 0 });
  });

  it("pans a box below the canvas up", () => {
    expect(panIntoView({ x: 100, y: 700, width: 256, height: 76 }, view, [])).toEqual({ kind: "pan", dx: 0, dy: -200 });
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
