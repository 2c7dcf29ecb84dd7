"use client";
// Inserting a `{{ reference }}` from the data tree where the user was typing: the tree's buttons keep the caret in
// the field (they do not take focus on mouse down), so the last focused text box and its selection say where.
import { useCallback, useRef, type FocusEvent } from "react";

type TextElement = HTMLInputElement | HTMLTextAreaElement;

/** Whether `at` lies inside a `{{ … }}` (closed or still being typed): there a reference is a bare path. */
function insideExpression(text: string, at: number): boolean {
  const open = text.lastIndexOf("{{", at - 2);
  return open !== -1 && text.lastIndexOf("}}", at - 2) < open;
}

/**
 * `text` with the reference at the selection (replacing it), or at the end without one; and the caret after it.
 * Outside an expression it goes in as `{{ reference }}`; inside one (`{{ total > | }}`) as the bare path.
 */
export function spliceReference(
  text: string,
  reference: string,
  selectionStart: number | null,
  selectionEnd: number | null,
): { text: string; caret: number } {
  const start = Math.min(selectionStart ?? text.length, text.length);
  const end = Math.max(start, Math.min(selectionEnd ?? start, text.length));
  let insertion = `{{ ${reference} }}`;
  if (insideExpression(text, start)) {
    const before = text.charAt(start - 1);
    const after = text.charAt(end);
    insertion = `${before === "" || /[\s([{]/.test(before) ? "" : " "}${reference}${after === "}" ? " " : ""}`;
  }
  return { text: text.slice(0, start) + insertion + text.slice(end), caret: start + insertion.length };
}

export function useInsertReference() {
  const lastFocused = useRef<{ key: string; element: TextElement } | null>(null);

  /** The onFocus handler for the text box `key` (any name unique in the form). */
  const trackFocus = useCallback(
    (key: string) => (event: FocusEvent<TextElement>) => {
      lastFocused.current = { key, element: event.currentTarget };
    },
    [],
  );

  /**
   * Puts the reference into `text` (the box's current value) and hands the result to `apply`, then returns focus to
   * the box (found by `elementId`) with the caret just after the reference so the user can type on.
   */
  const insert = useCallback(
    (key: string, elementId: string, text: string, reference: string, apply: (next: string) => void) => {
      const focused = lastFocused.current?.key === key ? lastFocused.current.element : null;
      const result = spliceReference(text, reference, focused?.selectionStart ?? null, focused?.selectionEnd ?? null);
      apply(result.text);
      requestAnimationFrame(() => {
        const element = document.getElementById(elementId);
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
          element.focus();
          element.setSelectionRange(result.caret, result.caret);
        }
      });
    },
    [],
  );

  return { trackFocus, insert };
}
