"use client";
// Saves the draft: on demand, and on its own a moment after the last edit. One save at a time; a save refused
// because someone else saved first stops autosaving, so their work is never silently overwritten.
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "../trpc";
import { errorMessage } from "../ui/error-message";
import { useDesignerStore } from "./store/designer-store";

/** The toast of a failed save, which outlives the designer (see Designer). */
export const SAVE_ERROR_TOAST = "save-error";

const AUTOSAVE_DELAY_MS = 1200;

export type SaveState = "saved" | "unsaved" | "saving" | "error" | "conflict";

function isConflict(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === "CONFLICT";
}

export function useDraftSaver(flowId: string) {
  const trpc = useTRPC();
  const saveDraft = useMutation(trpc.flows.saveDraft.mutationOptions());
  const [problem, setProblem] = useState<{ kind: "error" | "conflict"; message: string } | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const graph = useDesignerStore((state) => state.graph);
  const dirty = useDesignerStore((state) => state.dirty);

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const { graph: current, revision, dirty: isDirty, markSaved } = useDesignerStore.getState();
    if (!current || !isDirty) return true;
    try {
      const saved = await saveDraft.mutateAsync({ id: flowId, graph: current, baseRevision: revision });
      markSaved(current, saved.draftRevision);
      setProblem(null);
      return true;
    } catch (error) {
      const message = errorMessage(error);
      setProblem({ kind: isConflict(error) ? "conflict" : "error", message });
      toast.error(message, { id: SAVE_ERROR_TOAST });
      return false;
    }
  }, [flowId, saveDraft]);

  const save = useCallback(async (): Promise<boolean> => {
    while (inFlight.current) await inFlight.current;
    const attempt = saveOnce();
    inFlight.current = attempt;
    try {
      return await attempt;
    } finally {
      inFlight.current = null;
    }
  }, [saveOnce]);

  useEffect(() => {
    if (!dirty || problem?.kind === "conflict") return;
    const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [graph, dirty, problem, save]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const state: SaveState = saveDraft.isPending
    ? "saving"
    : problem && dirty
      ? problem.kind
      : dirty
        ? "unsaved"
        : "saved";
  return { save, state, problem };
}
