// The draft graph between saves and its undo history. `dirty` says whether the server has the graph. Every change
// goes through `edit`, which keeps the history (see edit-history.ts); undo and redo also drop from the selection
// what they took away, so nothing points at a node that is gone.
import type { FlowGraph } from "@/lib/flow-graph";
import { emptyHistory, record, redo, undo, type History } from "./edit-history";
import { emptySelection, type SelectionState } from "./selection-slice";
import type { SliceSet } from "./slice";

export interface GraphState {
  /** Null until the flow's draft has been loaded from the server. */
  graph: FlowGraph | null;
  /** The draft revision the graph was loaded from or last saved as; sent back so the server can spot a concurrent edit. */
  revision: number;
  dirty: boolean;
  history: History;
  /** Bumped when the canvas should fit the whole flow into view (after a tidy-up, say). */
  fitRequest: number;
}

export interface GraphActions {
  /** Replaces the draft (opening the flow, restoring a version): a clean start without history or selection. */
  load(graph: FlowGraph, revision: number): void;
  edit(change: (graph: FlowGraph) => FlowGraph): void;
  undo(): void;
  redo(): void;
  requestFit(): void;
  /** Records a finished save of `saved`; edits made while it was in flight keep the draft dirty. */
  markSaved(saved: FlowGraph, revision: number): void;
}

export const initialGraphState: GraphState = {
  graph: null,
  revision: 0,
  dirty: false,
  history: emptyHistory(),
  fitRequest: 0,
};

function selectionWithin(state: SelectionState, graph: FlowGraph): SelectionState {
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const edgeIds = new Set(graph.edges.map((edge) => edge.id));
  return {
    selectedId: state.selectedId !== null && nodeIds.has(state.selectedId) ? state.selectedId : null,
    selectedNodeIds: state.selectedNodeIds.filter((id) => nodeIds.has(id)),
    selectedEdgeIds: state.selectedEdgeIds.filter((id) => edgeIds.has(id)),
  };
}

type State = GraphState & SelectionState;

export function graphActions(set: SliceSet<State>): GraphActions {
  return {
    load: (graph, revision) => set({ graph, revision, dirty: false, history: emptyHistory(), ...emptySelection }),
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
    requestFit: () => set((state) => ({ fitRequest: state.fitRequest + 1 })),
    markSaved: (saved, revision) => set((state) => ({ revision, dirty: state.graph !== saved })),
  };
}
