"use client";
// Bringing one node into view from outside the canvas (the problems list sits in the toolbar, outside React Flow's
// provider): a caller asks through the store's focusNode, and NodeFocuser, rendered inside the provider, pans and
// zooms the canvas to it.
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { useDesignerActions, useFocusRequest } from "../store/hooks";

/** Renders nothing; must sit inside the canvas's ReactFlowProvider. */
export function NodeFocuser() {
  const request = useFocusRequest();
  const { focusDone } = useDesignerActions();
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (!request) return;
    // After the frame that applies the selection, so a node added a moment ago is measured.
    const frame = requestAnimationFrame(() => {
      void fitView({ nodes: [{ id: request.nodeId }], duration: 300, maxZoom: 1.2, padding: 0.6 });
      focusDone(request.seq);
    });
    return () => cancelAnimationFrame(frame);
  }, [request, fitView, focusDone]);
  return null;
}
