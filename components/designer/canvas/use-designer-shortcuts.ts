"use client";
// The canvas's keyboard shortcuts: undo/redo, delete, select all, copy/cut/paste through the system clipboard, and F6
// between the canvas and the step panel.
// None fire while the user types in a field or works in a dialog, where the keys belong to the browser.
import { useEffect } from "react";
import { copySteps, pasteSteps, readSteps } from "../graph/clipboard";
import type { DesignerStore } from "../store/designer-store";
import { useDesignerStoreApi } from "../store/provider";
import { removeEdges, removeNodes } from "../graph/graph-edit";

/** True when a key press belongs to a field, dialog or menu, where keys like "/" or Delete keep their own meaning. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return true;
  return target.isContentEditable || target.closest('dialog, [role="dialog"], [role="menu"]') !== null;
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().length > 0;
}

const panelFields =
  'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [contenteditable="true"]';

/**
 * F6 (or Alt+Enter) goes from the canvas to the selected step's first field in the panel, and from the panel back to
 * the step on the canvas, so a keyboard user need not Tab through every connection to reach the settings.
 */
function switchCanvasAndPanel(store: DesignerStore, target: EventTarget | null): boolean {
  const { selectedId, actions } = store.getState();
  if (document.querySelector("dialog[open]")) return false;
  const panel = document.querySelector<HTMLElement>('[data-testid="node-panel"]');
  if (selectedId && panel && target instanceof Node && panel.contains(target)) {
    const step = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(selectedId)}"]`);
    step?.focus();
    return step !== null;
  }
  // The step with keyboard focus wins over the one selected before: Tab may have moved on since.
  const focused = target instanceof Element ? target.closest<HTMLElement>(".react-flow__node") : null;
  const stepId = focused?.dataset.id ?? selectedId;
  if (!stepId) return false;
  if (stepId !== selectedId) actions.select(stepId);
  // The panel re-renders for the newly selected step first; a field of the old one would be gone by then.
  requestAnimationFrame(() => {
    const current = document.querySelector<HTMLElement>('[data-testid="node-panel"]');
    const field = current?.querySelector<HTMLElement>(panelFields) ?? current?.querySelector<HTMLElement>("button");
    if (field?.isConnected) field.focus();
  });
  return true;
}

function deleteSelection(store: DesignerStore) {
  const { selectedNodeIds, selectedEdgeIds, actions } = store.getState();
  if (selectedNodeIds.length === 0 && selectedEdgeIds.length === 0) return;
  actions.edit((graph) => removeNodes(removeEdges(graph, selectedEdgeIds), selectedNodeIds));
  actions.setSelection([], []);
}

function copySelection(store: DesignerStore, event: ClipboardEvent): boolean {
  const { graph, selectedNodeIds } = store.getState();
  const text = graph ? copySteps(graph, selectedNodeIds) : null;
  if (!text || !event.clipboardData) return false;
  event.clipboardData.setData("text/plain", text);
  event.preventDefault();
  return true;
}

/** `accountIds`: the workspace's saved accounts; a pasted step keeps its account only if it is one of them. */
export function useDesignerShortcuts(accountIds: ReadonlySet<string>) {
  const store = useDesignerStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (
        (event.key === "F6" || (event.altKey && event.key === "Enter")) &&
        switchCanvasAndPanel(store, event.target)
      ) {
        event.preventDefault();
        return;
      }
      if (isTyping(event.target)) return;
      const { actions, graph } = store.getState();
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (command && key === "z") {
        event.preventDefault();
        if (event.shiftKey) actions.redo();
        else actions.undo();
      } else if (command && key === "y") {
        event.preventDefault();
        actions.redo();
      } else if (command && key === "a") {
        event.preventDefault();
        actions.setSelection(graph?.nodes.map((node) => node.id) ?? [], []);
      } else if (!command && (event.key === "Delete" || event.key === "Backspace")) {
        event.preventDefault();
        deleteSelection(store);
      } else if (event.key === "Escape") {
        actions.setSelection([], []);
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (!isTyping(event.target) && !hasTextSelection()) copySelection(store, event);
    };
    const onCut = (event: ClipboardEvent) => {
      if (!isTyping(event.target) && !hasTextSelection() && copySelection(store, event)) deleteSelection(store);
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target)) return;
      const content = readSteps(event.clipboardData?.getData("text/plain") ?? "");
      if (!content) return;
      event.preventDefault();
      const { edit, setSelection } = store.getState().actions;
      let pasted: string[] = [];
      edit((graph) => {
        const result = pasteSteps(graph, content, accountIds);
        pasted = result.nodeIds;
        return result.graph;
      });
      setSelection(pasted, []);
    };
    window.addEventListener("keydown", onKeyDown);
    document.addEventListener("copy", onCopy);
    document.addEventListener("cut", onCut);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("cut", onCut);
      document.removeEventListener("paste", onPaste);
    };
  }, [accountIds, store]);
}
