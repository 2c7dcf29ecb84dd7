"use client";
// "N problems" in the toolbar: opens the list of everything that stands between the draft and a successful Start.
// Picking a problem selects its node (so the side panel shows the field to fix) and brings it into view.
import { AlertTriangle, ChevronRight } from "lucide-react";
import { useEffect, useId, useMemo, useRef } from "react";
import type { ConnectorManifest } from "@/lib/connector-manifest";
import { useDesignerActions, useFlowGraph, useProblemsPanel } from "../store/hooks";
import { listProblems } from "./problems";

/** What refusing Start says, worded for one problem or several. */
export function startRefusedNotice(count: number): string {
  return count === 1
    ? "Fix the problem first, then start the flow."
    : `Fix these ${count} problems first, then start the flow.`;
}

export function ProblemsButton({
  problems,
  manifest,
}: {
  problems: ReadonlyMap<string, readonly string[]>;
  manifest: ConnectorManifest | undefined;
}) {
  const graph = useFlowGraph();
  const { select, focusNode, setProblemsOpen: setOpen } = useDesignerActions();
  const { open, notice } = useProblemsPanel();
  const container = useRef<HTMLDivElement>(null);
  const listId = useId();
  const entries = useMemo(() => listProblems(graph, problems, manifest), [graph, problems, manifest]);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (container.current && !container.current.contains(event.target as globalThis.Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open, setOpen]);

  useEffect(() => {
    if (entries.length === 0) setOpen(false);
  }, [entries.length, setOpen]);

  if (entries.length === 0) return null;
  return (
    <div
      className="relative"
      ref={container}
      onKeyDown={(event) => {
        if (event.key === "Escape") setOpen(false);
      }}
    >
      <button
        type="button"
        data-testid="problem-count"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
        className="inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-2 py-1 text-sm font-medium text-amber-700 hover:bg-amber-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500/40"
      >
        <AlertTriangle size={15} aria-hidden />
        {entries.length} problem{entries.length === 1 ? "" : "s"}
      </button>
      {open && (
        <div
          id={listId}
          data-testid="problems-panel"
          role="region"
          aria-label="Problems"
          className="absolute right-0 top-full z-30 mt-1 w-96 rounded-lg border border-slate-200 bg-white shadow-xl"
        >
          {notice ? (
            <p
              role="alert"
              data-testid="problems-notice"
              className="border-b border-amber-200 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-800"
            >
              {notice} <span className="font-normal">Pick one to go to its step.</span>
            </p>
          ) : (
            <p className="border-b border-slate-200 px-3 py-2 text-xs text-slate-500">
              Fix these before you start the flow. Pick one to go to its step.
            </p>
          )}
          <ul className="max-h-96 overflow-auto p-1">
            {entries.map((entry, index) => (
              <li key={`${entry.nodeId}-${index}`}>
                <button
                  type="button"
                  data-testid="problem-item"
                  data-node-id={entry.nodeId}
                  autoFocus={index === 0}
                  className="flex w-full items-start gap-2 rounded-md px-2 py-2 text-left hover:bg-slate-50 focus:bg-slate-100 focus:outline-none"
                  onClick={() => {
                    setOpen(false);
                    select(entry.nodeId);
                    focusNode(entry.nodeId);
                  }}
                >
                  <AlertTriangle size={14} aria-hidden className="mt-0.5 shrink-0 text-amber-600" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-xs font-medium text-slate-500">{entry.nodeTitle}</span>
                    <span className="block text-sm text-slate-800">{entry.message}</span>
                  </span>
                  <ChevronRight size={14} aria-hidden className="mt-0.5 shrink-0 text-slate-400" />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
