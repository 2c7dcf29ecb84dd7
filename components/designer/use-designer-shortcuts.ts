"use client";
// The canvas's keyboard shortcuts: undo/redo, delete, select all, and copy/cut/paste through the system clipboard.
// None fire while the user types in a field or works in a dialog, where the keys belong to the browser.
import { useEffect } from "react";
import { copySteps, pasteSteps, readSteps } from "./clipboard";
import { useDesignerStore } from "./designer-store";
import { removeEdges, removeNodes } from "./graph-edit";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target.isContentEditable || target.closest('dialog, [role="dialog"], [role="menu"]') !== null;
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().length > 0;
}

function deleteSelection() {
  const { selectedNodeIds, selectedEdgeIds, edit, setSelection } = useDesignerStore.getState();
  if (selectedNodeIds.length === 0 && selectedEdgeIds.length === 0) return;
  edit((graph) => removeNodes(removeEdges(graph, selectedEdgeIds), selectedNodeIds));
  setSelection([], []);
}

function copySelection(event: ClipboardEvent): boolean {
  const { graph, selectedNodeIds } = useDesignerStore.getState();
  const text = graph ? copySteps(graph, selectedNodeIds) : null;
  if (!text || !event.clipboardData) return false;
  event.clipboardData.setData("text/plain", text);
  event.preventDefault();
  return true;
}

/** `accountIds`: the workspace's saved accounts; a pasted step keeps its account only if it is one of them. */
export function useDesignerShortcuts(accountIds: ReadonlySet<string>) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const store = useDesignerStore.getState();
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (command && key === "z") {
        event.preventDefault();
        if (event.shiftKey) store.redo();
        else store.undo();
      } else if (command && key === "y") {
        event.preventDefault();
        store.redo();
      } else if (command && key === "a") {
        event.preventDefault();
        store.setSelection(store.graph?.nodes.map((node) => node.id) ?? [], []);
      } else if (!command && (event.key === "Delete" || event.key === "Backspace")) {
        event.preventDefault();
        deleteSelection();
      } else if (event.key === "Escape") {
        store.setSelection([], []);
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (!isTyping(event.target) && !hasTextSelection()) copySelection(event);
    };
    const onCut = (event: ClipboardEvent) => {
      if (!isTyping(event.target) && !hasTextSelection() && copySelection(event)) deleteSelection();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target)) return;
      const content = readSteps(event.clipboardData?.getData("text/plain") ?? "");
      if (!content) return;
      event.preventDefault();
      const { edit, setSelection } = useDesignerStore.getState();
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
  }, [accountIds]);
}
