// The designer's state for one open flow. DesignerStoreProvider (provider.tsx) creates one per flow, as React Flow
// creates a store per canvas, so a flow opened later starts from a fresh store and nothing of another flow's draft,
// selection, test or problems list can show in it. Components read it through the named hooks in hooks.ts.
import { createStore, type StoreApi } from "zustand/vanilla";
import { graphActions, initialGraphState, type GraphActions, type GraphState } from "./graph-slice";
import {
  initialProblemsPanelState,
  problemsPanelActions,
  type ProblemsPanelActions,
  type ProblemsPanelState,
} from "./problems-panel-slice";
import {
  emptySelection,
  initialFocusState,
  selectionActions,
  type FocusState,
  type SelectionActions,
  type SelectionState,
} from "./selection-slice";
import { initialTestRunState, testRunActions, type TestRunActions, type TestRunState } from "./test-run-slice";

export type DesignerActions = GraphActions & SelectionActions & TestRunActions & ProblemsPanelActions;

export type DesignerState = GraphState &
  SelectionState &
  FocusState &
  TestRunState &
  ProblemsPanelState & {
    flowId: string;
    /** Created once with the store, so a component that only acts never re-renders on a state change. */
    actions: DesignerActions;
  };

export type DesignerStore = StoreApi<DesignerState>;

export function createDesignerStore(flowId: string): DesignerStore {
  return createStore<DesignerState>()((set) => ({
    flowId,
    ...initialGraphState,
    ...emptySelection,
    ...initialFocusState,
    ...initialTestRunState,
    ...initialProblemsPanelState,
    actions: {
      ...graphActions(set),
      ...selectionActions(set),
      ...testRunActions(set),
      ...problemsPanelActions(set),
    },
  }));
}
