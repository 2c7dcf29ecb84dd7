// The designer's editing state. The draft graph lives here between saves; `dirty` says whether the server has it.
import { create } from "zustand";
import type { FlowGraph } from "@/lib/flow-graph";

interface DesignerState {
  flowId: string | null;
  graph: FlowGraph | null;
  /** The draft revision the graph was loaded from or last saved as; sent back so the server can spot a concurrent edit. */
  revision: number;
  dirty: boolean;
  selectedId: string | null;
  load(flowId: string, graph: FlowGraph, revision: number): void;
  edit(change: (graph: FlowGraph) => FlowGraph): void;
  select(id: string | null): void;
  /** Records a finished save of `saved`; edits made while it was in flight keep the draft dirty. */
  markSaved(saved: FlowGraph, revision: number): void;
}

export const useDesignerStore = create<DesignerState>((set) => ({
  flowId: null,
  graph: null,
  revision: 0,
  dirty: false,
  selectedId: null,
  load: (flowId, graph, revision) => set({ flowId, graph, revision, dirty: false, selectedId: null }),
  edit: (change) =>
    set((state) => {
      if (!state.graph) return state;
      const graph = change(state.graph);
      return graph === state.graph ? state : { graph, dirty: true };
    }),
  select: (selectedId) => set({ selectedId }),
  markSaved: (saved, revision) => set((state) => ({ revision, dirty: state.graph !== saved })),
}));
