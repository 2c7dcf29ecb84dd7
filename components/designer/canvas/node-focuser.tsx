"use client";
// Bringing one node into view from outside the canvas (the problems list sits in the toolbar, outside React Flow's
// provider): a caller asks here, and NodeFocuser, rendered inside the provider, pans and zooms the canvas to it.
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { create } from "zustand";

interface NodeFocusState {
  /** `seq` changes on every request, so asking for the same node twice still moves the view. */
  request: { nodeId: string; seq: number } | null;
  focusNode(nodeId: string): void;
  /** Forgets a request once the canvas has moved to it. */
  done(seq: number): void;
}

export const useNodeFocus = create<NodeFocusState>((set) => ({
  request: null,
  focusNode: (nodeId) => set((state) => ({ request: { nodeId, seq: (state.request?.seq ?? 0) + 1 } })),
  done: (seq) => set((state) => (state.request?.seq === seq ? { request: null } : state)),
}));

/** Renders nothing; must sit inside the canvas's ReactFlowProvider. */
export function NodeFocuser() {
  const request = useNodeFocus((state) => state.request);
  const done = useNodeFocus((state) => state.done);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (!request) return;
    // After the frame that applies the selection, so a node added a moment ago is measured. The request is forgotten
    // then: the store outlives the canvas, and a flow opened later must not zoom to a node id it happens to share.
    const frame = requestAnimationFrame(() => {
      void fitView({ nodes: [{ id: request.nodeId }], duration: 300, maxZoom: 1.2, padding: 0.6 });
      done(request.seq);
    });
    return () => cancelAnimationFrame(frame);
  }, [request, fitView, done]);
  return null;
}
