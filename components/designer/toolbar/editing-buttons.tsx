"use client";
// Undo and Redo for the designer's toolbar, and the Tidy up its "More" menu offers. They work on the designer store
// directly.
import { Redo2, Undo2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../ui/button";
import { errorMessage } from "../../ui/error-message";
import { useCanRedo, useCanUndo, useDesignerActions } from "../store/hooks";
import { useDesignerStoreApi } from "../store/provider";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** Lays the flow out top-down with ELK; for the toolbar's "More › Tidy up". */
export function useTidyUp(): { tidying: boolean; tidyUp: () => Promise<void> } {
  const [tidying, setTidying] = useState(false);
  const store = useDesignerStoreApi();
  async function tidyUp() {
    const {
      graph,
      actions: { edit, requestFit },
    } = store.getState();
    if (!graph) return;
    setTidying(true);
    try {
      // ELK is large; it loads on the first tidy-up rather than with the designer.
      const { layoutFlow } = await import("../graph/auto-layout");
      const laidOut = await layoutFlow(graph);
      // The layout ran asynchronously: lay out what is there now only if nothing changed meanwhile.
      edit((current) => (current === graph ? laidOut : current));
      requestFit();
    } catch (error) {
      toast.error(`Could not tidy up: ${errorMessage(error)}`);
    } finally {
      setTidying(false);
    }
  }
  return { tidying, tidyUp };
}

export function EditingButtons() {
  const canUndo = useCanUndo();
  const canRedo = useCanRedo();
  const { undo, redo } = useDesignerActions();
  const mod = isMac() ? "⌘" : "Ctrl+";

  return (
    <div className="flex items-center gap-1" role="group" aria-label="Editing">
      <Button
        variant="ghost"
        data-testid="undo-button"
        onClick={undo}
        disabled={!canUndo}
        aria-label="Undo"
        title={`Undo (${mod}Z)`}
      >
        <Undo2 size={16} aria-hidden />
      </Button>
      <Button
        variant="ghost"
        data-testid="redo-button"
        onClick={redo}
        disabled={!canRedo}
        aria-label="Redo"
        title={`Redo (${mod}Shift+Z)`}
      >
        <Redo2 size={16} aria-hidden />
      </Button>
    </div>
  );
}
