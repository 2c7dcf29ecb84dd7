"use client";
// Keeps what the user is working on in sight: the step just selected (the panel opening beside the canvas narrows
// it, and may cover the step) and steps just added, pasted or inserted, which can land outside the view. The view
// pans the shortest way, never re-fitting the whole flow (that would jump on every click), and never during a drag.
import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect, useRef, type RefObject } from "react";
import type { FlowGraph } from "@/lib/flow-graph";
import { useDesignerStoreApi } from "../store/provider";
import { panIntoView, type Box } from "./view-pan";

const panDuration = 200;
// A new node is measured a frame or two after it renders; past this many frames, give up rather than pan blindly.
const maxFrames = 20;

/** The minimap and the zoom buttons (React Flow's panels), as boxes relative to the canvas's top left. */
function overlaysOn(element: HTMLElement, canvas: DOMRect): Box[] {
  return [...element.querySelectorAll(".react-flow__panel")].flatMap((panel) => {
    const box = panel.getBoundingClientRect();
    return box.width > 0 && box.height > 0
      ? [{ x: box.left - canvas.left, y: box.top - canvas.top, width: box.width, height: box.height }]
      : [];
  });
}

export function useKeepInView({
  graph,
  selectedId,
  dragging,
}: {
  graph: FlowGraph | null;
  selectedId: string | null;
  /** True while the user drags steps: the view must not move under the pointer. */
  dragging: RefObject<boolean>;
}) {
  const { getInternalNode, getViewport, setViewport, fitView } = useReactFlow();
  const store = useStoreApi();
  const designer = useDesignerStoreApi();
  const pending = useRef(0);
  const known = useRef<ReadonlySet<string> | null>(null);
  // A press on a step selects it before any drag starts: panning then would move the step from under the pointer.
  const pointerHeld = useRef(false);
  useEffect(() => {
    const down = () => (pointerHeld.current = true);
    const up = () => (pointerHeld.current = false);
    window.addEventListener("pointerdown", down, true);
    window.addEventListener("pointerup", up, true);
    window.addEventListener("pointercancel", up, true);
    return () => {
      window.removeEventListener("pointerdown", down, true);
      window.removeEventListener("pointerup", up, true);
      window.removeEventListener("pointercancel", up, true);
    };
  }, []);

  // Asks to bring `ids` into view once they are measured and the panel has laid out; a newer request wins. Only new
  // steps may zoom out to fit: a step the user merely selected keeps the zoom they chose.
  const request = useRef((ids: readonly string[], { mayZoom }: { mayZoom: boolean }) => {
    cancelAnimationFrame(pending.current);
    let frames = 0;
    const attempt = () => {
      frames += 1;
      const nodes = ids.map((id) => getInternalNode(id));
      const measured = nodes.every((node) => node?.measured.width && node.measured.height);
      if ((!measured || frames < 2 || pointerHeld.current) && frames < maxFrames) {
        pending.current = requestAnimationFrame(attempt);
        return;
      }
      const element = store.getState().domNode;
      if (!measured || !element || dragging.current || pointerHeld.current) return;
      const canvas = element.getBoundingClientRect();
      const { width, height } = canvas;
      const { x, y, zoom } = getViewport();
      let left = Infinity;
      let top = Infinity;
      let right = -Infinity;
      let bottom = -Infinity;
      for (const node of nodes) {
        if (!node) continue;
        const position = node.internals.positionAbsolute;
        left = Math.min(left, position.x);
        top = Math.min(top, position.y);
        right = Math.max(right, position.x + (node.measured.width ?? 0));
        bottom = Math.max(bottom, position.y + (node.measured.height ?? 0));
      }
      const box: Box = {
        x: left * zoom + x,
        y: top * zoom + y,
        width: (right - left) * zoom,
        height: (bottom - top) * zoom,
      };
      const pan = panIntoView(box, { width, height }, overlaysOn(element, canvas));
      if (pan.kind === "pan") void setViewport({ x: x + pan.dx, y: y + pan.dy, zoom }, { duration: panDuration });
      // Zoom out only as far as the new steps need, never in.
      if (pan.kind === "too-big" && mayZoom)
        void fitView({ nodes: ids.map((id) => ({ id })), duration: panDuration, maxZoom: zoom, padding: 0.2 });
    };
    pending.current = requestAnimationFrame(attempt);
  });

  useEffect(() => () => cancelAnimationFrame(pending.current), []);

  // Steps that appear (added, pasted, inserted, or back from an undo); the flow's first load is fitted by the canvas.
  useEffect(() => {
    const ids = new Set(graph?.nodes.map((node) => node.id) ?? []);
    const before = known.current;
    known.current = ids;
    if (!before) return;
    const added = [...ids].filter((id) => !before.has(id));
    if (added.length > 0) request.current(added, { mayZoom: true });
  }, [graph]);

  // The step just selected; a problem picked from the list is zoomed to by NodeFocuser instead.
  useEffect(() => {
    if (!selectedId || designer.getState().focusRequest?.nodeId === selectedId) return;
    request.current([selectedId], { mayZoom: false });
  }, [selectedId, designer]);
}
