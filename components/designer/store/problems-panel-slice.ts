// Whether the toolbar's list of problems is open, and why it opened by itself.
import type { SliceSet } from "./slice";

export interface ProblemsPanelState {
  problemsPanel: {
    open: boolean;
    /** Why the list opened by itself (Start refused), shown above it; null when the user opened it. */
    notice: string | null;
  };
}

export interface ProblemsPanelActions {
  setProblemsOpen(open: boolean): void;
  /** Opens the list with a notice, e.g. when Start is refused; the toolbar's button shows it. */
  openProblemsWith(notice: string): void;
}

export const initialProblemsPanelState: ProblemsPanelState = { problemsPanel: { open: false, notice: null } };

export function problemsPanelActions(set: SliceSet<ProblemsPanelState>): ProblemsPanelActions {
  return {
    setProblemsOpen: (open) =>
      set((state) =>
        state.problemsPanel.open === open && state.problemsPanel.notice === null
          ? state
          : { problemsPanel: { open, notice: null } },
      ),
    openProblemsWith: (notice) => set({ problemsPanel: { open: true, notice } }),
  };
}
