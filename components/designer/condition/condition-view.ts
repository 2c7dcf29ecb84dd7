// How an If's condition is shown (as rows or as JSONata) and what reading it into rows changed, remembered for each
// stored condition rather than held apart from it: undo, redo or a restored version put back a condition, and the
// panel shows it the way it was shown then, never rows that are not what the stored condition says.
import { useState } from "react";
import type { ConditionBuilder } from "@/lib/condition";

export interface ConditionView {
  advanced: boolean;
  /** What reading a hand-written expression into rows changed, shown until dismissed. */
  notes: string[];
}

// Every keystroke in the advanced editor is a stored condition; the oldest are forgotten past this many.
const REMEMBERED = 200;

/** Names one stored state of the condition: the expression and the rows kept beside it. */
export function conditionViewKey(condition: unknown, builder: ConditionBuilder | undefined): string {
  return JSON.stringify([condition ?? null, builder ?? null]);
}

/**
 * The view for the stored state `key`. `rowsAgree` says the stored rows compile to the stored condition: only then
 * may rows be shown, so a condition put back from outside (undo, a version) that the rows do not write opens as JSONata.
 */
export function useConditionView(key: string, rowsAgree: boolean) {
  const [remembered, setRemembered] = useState<ReadonlyMap<string, ConditionView>>(() => new Map());
  const known = remembered.get(key);
  const view: ConditionView = known && (known.advanced || rowsAgree) ? known : { advanced: !rowsAgree, notes: [] };
  /** Shows the stored state `at` (the current one, or the one an edit is about to store) as `next`. */
  const remember = (at: string, next: ConditionView) =>
    setRemembered((current) => {
      const map = new Map(current);
      map.delete(at);
      map.set(at, next);
      for (const oldest of map.keys()) {
        if (map.size <= REMEMBERED) break;
        map.delete(oldest);
      }
      return map;
    });
  return { view, remember };
}
