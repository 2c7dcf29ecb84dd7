"use client";
// The "Insert data" toggle and the data tree it opens under a field, as the step form shows them, for the editors
// that are not plain schema fields (key-value rows, the If's condition and its rows).
import { Database } from "lucide-react";
import type { ReactNode } from "react";
import { DataTree } from "./data-tree";
import type { NodeData } from "./use-available-data";

export function InsertDataButton({
  open,
  panelId,
  target,
  testId,
  compact = false,
  className = "",
  onToggle,
}: {
  open: boolean;
  panelId: string;
  /** What the data goes into, for the accessible name ("Insert data for Value 1"). */
  target: string;
  testId: string;
  /** Icon only, for tight rows. */
  compact?: boolean;
  className?: string;
  onToggle: () => void;
}) {
  const label = `${open ? "Hide data" : "Insert data"} for ${target}`;
  return (
    <button
      type="button"
      data-testid={testId}
      aria-expanded={open}
      aria-controls={panelId}
      aria-label={label}
      title={compact ? label : undefined}
      className={`flex shrink-0 items-center gap-1 rounded text-xs font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${
        compact
          ? `h-8 w-8 justify-center border ${open ? "border-brand-300 bg-brand-50" : "border-slate-300 bg-white"} text-brand-700 hover:bg-brand-50`
          : "px-1 text-brand-700 hover:text-brand-800"
      } ${className}`}
      onClick={onToggle}
    >
      <Database size={compact ? 14 : 12} aria-hidden />
      {!compact && (open ? "Hide data" : "Insert data")}
    </button>
  );
}

export function DataPanel({
  id,
  target,
  data,
  hint,
  onInsert,
}: {
  id: string;
  target: string;
  data: NodeData;
  /** What choosing a field does; defaults to inserting at the cursor. */
  hint?: ReactNode;
  onInsert: (reference: string) => void;
}) {
  return (
    <section
      id={id}
      aria-label={`Data to insert into ${target}`}
      className="mt-1 flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-2"
    >
      <p className="text-xs text-slate-500">
        {hint ?? (
          <>
            Choose a field to insert its reference into <strong>{target}</strong> at the cursor.
          </>
        )}
        {!data.context && " No run yet: run the flow once to see sample values."}
      </p>
      <DataTree sources={data.sources} onInsert={onInsert} />
    </section>
  );
}
