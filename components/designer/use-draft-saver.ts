"use client";
// Saves the draft: on demand, on its own a moment after the last edit, and when the designer closes with edits the
// server does not have. One save at a time; a save refused because someone else saved first stops autosaving, so
// their work is never silently overwritten. A saved draft also goes into the cached flow, which the next opening of
// the flow starts from.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "../trpc";
import { errorMessage } from "../ui/error-message";
import { useFlowGraph, useFlowId, useIsDirty } from "./store/hooks";
import { useDesignerStoreApi } from "./store/provider";

/** The toast of a failed save, which outlives the designer (see Designer). */
export const SAVE_ERROR_TOAST = "save-error";

const AUTOSAVE_DELAY_MS = 1200;

export type SaveState = "saved" | "unsaved" | "saving" | "error" | "conflict";

function isConflict(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === "CONFLICT";
}

export function useDraftSaver() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const flowId = useFlowId();
  const store = useDesignerStoreApi();
  const saveDraft = useMutation(trpc.flows.saveDraft.mutationOptions());
  const [problem, setProblem] = useState<{ kind: "error" | "conflict"; message: string } | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const graph = useFlowGraph();
  const dirty = useIsDirty();

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const { graph: current, revision, dirty: isDirty, actions } = store.getState();
    if (!current || !isDirty) return true;
    try {
      const saved = await saveDraft.mutateAsync({ id: flowId, graph: current, baseRevision: revision });
      actions.markSaved(current, saved.draftRevision);
      queryClient.setQueryData(trpc.flows.get.queryKey({ id: flowId }), (flow) =>
        flow ? { ...flow, draft: current, draftRevision: saved.draftRevision } : flow,
      );
      setProblem(null);
      return true;
    } catch (error) {
      const message = errorMessage(error);
      setProblem({ kind: isConflict(error) ? "conflict" : "error", message });
      toast.error(message, { id: SAVE_ERROR_TOAST });
      return false;
    }
  }, [flowId, saveDraft, store, queryClient, trpc]);

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

  // Leaving the designer (for another page of the app) with unsaved edits saves them rather than dropping them with
  // the store, as autosave would have a moment later; a failed save still shows its toast.
  const saveOnLeave = useRef<(() => Promise<boolean>) | null>(null);
  useEffect(() => {
    saveOnLeave.current = problem?.kind === "conflict" ? null : save;
  }, [save, problem]);
  useEffect(
    () => () => {
      if (store.getState().dirty) void saveOnLeave.current?.();
    },
    [store],
  );

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
