"use client";
// An edge with a small "+" in its middle that inserts a step there, and the picker that opens from it. The canvas
// provides what the edge needs through InsertStepContext, so the edge itself stays a plain React Flow edge type.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { Command } from "cmdk";
import { Plus } from "lucide-react";
import { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { ConnectorManifest, ResolvedOperation } from "@/lib/connector-manifest";
import { pickerSections } from "../step-picker/node-picker-options";
import { PickerSearch } from "../step-picker/picker-search";
import { StepOptionsList } from "../step-picker/step-options-list";

export interface InsertPoint {
  edgeId: string;
  /** Where the picker opens, in viewport pixels. */
  left: number;
  top: number;
}

export const InsertStepContext = createContext<(point: InsertPoint) => void>(() => undefined);

export function InsertEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  style,
  selected,
}: EdgeProps) {
  const openPicker = useContext(InsertStepContext);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <>
      {/* A keyboard user who tabs onto the connection sees it haloed, as a focused step shows its ring. */}
      <path
        d={path}
        aria-hidden
        data-testid="edge-focus-halo"
        className="pointer-events-none fill-none stroke-transparent [stroke-width:8] in-focus-visible:stroke-brand-500/50"
      />
      <BaseEdge id={id} path={path} style={style} />
      <EdgeLabelRenderer>
        <div
          className="nodrag nopan pointer-events-auto absolute"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          <button
            type="button"
            data-testid={`edge-insert-${id}`}
            aria-label="Insert a step here"
            title="Insert a step here"
            onClick={(event) => {
              const box = event.currentTarget.getBoundingClientRect();
              openPicker({ edgeId: id, left: box.left, top: box.bottom + 4 });
            }}
            className={`grid h-5 w-5 place-items-center rounded-full border bg-white shadow-sm transition-colors hover:border-brand-500 hover:bg-brand-600 hover:text-white focus-visible:outline-2 focus-visible:outline-brand-500 ${
              selected ? "border-brand-500 text-brand-700" : "border-slate-300 text-slate-500"
            }`}
          >
            <Plus size={12} aria-hidden />
          </button>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** The steps to insert, searched and grouped as in the node picker; arrow keys move, Enter picks, Escape closes. */
export function InsertStepPicker({
  point,
  manifest,
  onPick,
  onClose,
}: {
  point: InsertPoint;
  manifest: ConnectorManifest | undefined;
  onPick: (choice: ResolvedOperation) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState("");
  const sections = useMemo(() => pickerSections(manifest, query), [manifest, query]);
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (container.current && event.target instanceof globalThis.Node && !container.current.contains(event.target))
        onClose();
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [onClose]);

  return (
    <div
      ref={container}
      role="dialog"
      aria-label="Insert a step"
      data-testid="insert-step-picker"
      className="fixed z-30 w-80 rounded-lg border border-slate-200 bg-white shadow-xl"
      style={{
        left: Math.max(8, Math.min(point.left - 150, window.innerWidth - 330)),
        top: Math.min(point.top, window.innerHeight - 380),
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <Command label="Insert a step" shouldFilter={false} loop className="flex max-h-80 flex-col">
        <PickerSearch
          autoFocus
          compact
          testId="insert-step-search"
          label="Search actions to insert"
          value={query}
          onValueChange={setQuery}
        />
        <StepOptionsList
          compact
          sections={sections}
          empty={`No action matches “${query}”.`}
          testIdPrefix="insert-step-option-"
          onPick={onPick}
        />
      </Command>
    </div>
  );
}
