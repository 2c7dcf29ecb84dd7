// The designer's editing state. The draft graph lives here between saves; `dirty` says whether the server has it.
// Every edit goes through `edit`, which keeps the undo history (see edit-history.ts).
import { create } from "zustand";
import type { FlowGraph } from "@/lib/flow-graph";
import { emptyHistory, record, redo, undo, type History } from "./edit-history";

interface DesignerState {
  flowId: string | null;
  graph: FlowGraph | null;
  /** The draft revision the graph was loaded from or last saved as; sent back so the server can spot a concurrent edit. */
  revision: number;
  dirty: boolean;
  /** The node whose settings the side panel shows: the selection when exactly one node is selected. */
  selectedId: string | null;
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  history: History;
  /** Bumped when the canvas should fit the whole flow into view (after a tidy-up, say). */
  fitRequest: number;
  load(flowId: string, graph: FlowGraph, revision: number): void;
  edit(change: (graph: FlowGraph) => FlowGraph): void;
  undo(): void;
  redo(): void;
  select(id: string | null): void;
  setSelection(nodeIds: string[], edgeIds: string[]): void;
  requestFit(): void;
  /** Records a finished save of `saved`; edits made while it was in flight keep the draft dirty. */
  markSaved(saved: FlowGraph, revision: number): void;
}

/** The selection minus what an undo or redo took away, so nothing points at a node that is gone. */
function selectionWithin(
  state: Pick<DesignerState, "selectedId" | "selectedNodeIds" | "selectedEdgeIds">,
  graph: FlowGraph,
) {
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const edgeIds = new Set(graph.edges.map((edge) => edge.id));
  return {
    selectedId: state.selectedId !== null && nodeIds.has(state.selectedId) ? state.selectedId : null,
    selectedNodeIds: state.selectedNodeIds.filter((id) => nodeIds.has(id)),
    selectedEdgeIds: state.selectedEdgeIds.filter((id) => edgeIds.has(id)),
  };
}

export const useDesignerStore = create<DesignerState>((set) => ({
  flowId: null,
  graph: null,
  revision: 0,
  dirty: false,
  selectedId: null,
  selectedNodeIds: [],
  selectedEdgeIds: [],
  history: emptyHistory(),
  fitRequest: 0,
  load: (flowId, graph, revision) =>
    set({
      flowId,
      graph,
      revision,
      dirty: false,
      selectedId: null,
      selectedNodeIds: [],
      selectedEdgeIds: [],
      history: emptyHistory(),
    }),
  edit: (change) =>
    set((state) => {
      if (!state.graph) return state;
      const graph = change(state.graph);
      if (graph === state.graph) return state;
      return { graph, dirty: true, history: record(state.history, state.graph, graph, Date.now()) };
    }),
  undo: () =>
    set((state) => {
      const step = state.graph ? undo(state.history, state.graph) : null;
      return step
        ? { graph: step.graph, history: step.history, dirty: true, ...selectionWithin(state, step.graph) }
        : state;
    }),
  redo: () =>
    set((state) => {
      const step = state.graph ? redo(state.history, state.graph) : null;
      return step
        ? { graph: step.graph, history: step.history, dirty: true, ...selectionWithin(state, step.graph) }
        : state;
    }),
  select: (selectedId) => set({ selectedId, selectedNodeIds: selectedId ? [selectedId] : [], selectedEdgeIds: [] }),
  setSelection: (selectedNodeIds, selectedEdgeIds) =>
    set({
      selectedNodeIds,
      selectedEdgeIds,
      selectedId: selectedNodeIds.length === 1 ? (selectedNodeIds[0] ?? null) : null,
    }),
  requestFit: () => set((state) => ({ fitRequest: state.fitRequest + 1 })),
  markSaved: (saved, revision) => set((state) => ({ revision, dirty: state.graph !== saved })),
}));
