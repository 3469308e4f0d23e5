import { create } from 'zustand';
import type { ProblemOperation } from '../../../shared/api/refresh';

interface ReviewViewState {
  /** Which problems "Needs your action" lists (null: all). */
  readonly problemFilter: ProblemOperation | null;
  /** Scroll to "Needs your action" once the review is shown (Setup's "Review blocked deprovisionings"). */
  readonly isFocusPending: boolean;
  setProblemFilter(filter: ProblemOperation | null): void;
  /** Open the review on these problems. */
  showProblems(filter: ProblemOperation | null): void;
  focusDone(): void;
}

export const useReviewViewStore = create<ReviewViewState>((set) => ({
  problemFilter: null,
  isFocusPending: false,
  setProblemFilter: (problemFilter) => set({ problemFilter }),
  showProblems: (problemFilter) => set({ problemFilter, isFocusPending: true }),
  focusDone: () => set({ isFocusPending: false }),
}));
