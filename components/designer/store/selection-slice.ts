// What is selected on the canvas, and bringing one node into view from outside the canvas (the problems list sits
// in the toolbar, outside React Flow's provider: it asks here, and NodeFocuser inside the provider pans to it).
import type { SliceSet } from "./slice";

export interface SelectionState {
  /** The node whose settings the side panel shows: the selection when exactly one node is selected. */
  selectedId: string | null;
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
}

export interface FocusState {
  /** `seq` changes on every request, so asking for the same node twice still moves the view. */
  focusRequest: { nodeId: string; seq: number } | null;
}

export interface SelectionActions {
  select(id: string | null): void;
  setSelection(nodeIds: string[], edgeIds: string[]): void;
  focusNode(nodeId: string): void;
  /** Forgets a focus request once the canvas has moved to it. */
  focusDone(seq: number): void;
}

export const emptySelection: SelectionState = { selectedId: null, selectedNodeIds: [], selectedEdgeIds: [] };

export const initialFocusState: FocusState = { focusRequest: null };

export function selectionActions(set: SliceSet<SelectionState & FocusState>): SelectionActions {
  return {
    select: (selectedId) => set({ selectedId, selectedNodeIds: selectedId ? [selectedId] : [], selectedEdgeIds: [] }),
    setSelection: (selectedNodeIds, selectedEdgeIds) =>
      set({
        selectedNodeIds,
        selectedEdgeIds,
        selectedId: selectedNodeIds.length === 1 ? (selectedNodeIds[0] ?? null) : null,
      }),
    focusNode: (nodeId) => set((state) => ({ focusRequest: { nodeId, seq: (state.focusRequest?.seq ?? 0) + 1 } })),
    focusDone: (seq) => set((state) => (state.focusRequest?.seq === seq ? { focusRequest: null } : state)),
  };
}
