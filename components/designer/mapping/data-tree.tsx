"use client";
// The data a step can map from, as a searchable tree: each field with its title, type and sample value. Choosing a
// field inserts its `{{ reference }}` into the field being edited.
import { ChevronDown, ChevronRight, Search } from "lucide-react";
import { useMemo, useState } from "react";
import { inputClass } from "../../ui/text-input";
import type { DataSource } from "./available-data";
import { filterFields, type DataField } from "./data-fields";

function formatSample(value: unknown): string {
  const text = value === undefined ? "" : typeof value === "string" ? `"${value}"` : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function FieldRow({
  field,
  label,
  depth,
  forceOpen,
  expanded,
  onToggle,
  onInsert,
}: {
  field: DataField;
  label?: string;
  depth: number;
  forceOpen: boolean;
  expanded: ReadonlySet<string>;
  onToggle: (reference: string) => void;
  onInsert: (reference: string) => void;
}) {
  const open = forceOpen || expanded.has(field.reference);
  const hasChildren = field.children.length > 0;
  return (
    <li role="treeitem" aria-expanded={hasChildren ? open : undefined} aria-selected={false}>
      <div className="flex items-center gap-1" style={{ paddingLeft: `${depth * 12}px` }}>
        {hasChildren ? (
          <button
            type="button"
            data-testid={`data-tree-toggle-${field.reference}`}
            aria-label={`${open ? "Collapse" : "Expand"} ${label ?? field.name}`}
            className="grid h-5 w-5 shrink-0 place-items-center rounded text-slate-500 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            onClick={() => onToggle(field.reference)}
          >
            {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
          </button>
        ) : (
          <span className="w-5 shrink-0" />
        )}
        <button
          type="button"
          data-testid={`data-tree-item-${field.reference}`}
          title={`Insert {{ ${field.reference} }}${field.description ? `\n${field.description}` : ""}`}
          aria-label={`Insert ${field.reference}`}
          className="flex min-w-0 flex-1 items-baseline gap-1.5 rounded px-1 py-0.5 text-left text-xs hover:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          // Keeps the caret in the field being edited, so the reference lands where the user was typing.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onInsert(field.reference)}
          onKeyDown={(event) => {
            if (!hasChildren) return;
            if ((event.key === "ArrowRight" && !open) || (event.key === "ArrowLeft" && open)) {
              event.preventDefault();
              onToggle(field.reference);
            }
          }}
        >
          <span className={`truncate ${label ? "font-semibold text-slate-800" : "font-medium text-slate-700"}`}>
            {label ?? field.title ?? field.name}
          </span>
          {!label && field.title && field.title !== field.name && (
            <span className="truncate text-slate-400">{field.name}</span>
          )}
          <span className="shrink-0 rounded bg-slate-100 px-1 text-[10px] uppercase tracking-wide text-slate-500">
            {field.type}
          </span>
          {field.sample && !hasChildren && (
            <span data-testid="data-tree-sample" className="ml-auto truncate font-mono text-slate-500">
              {formatSample(field.sample.value)}
            </span>
          )}
        </button>
      </div>
      {hasChildren && open && (
        <ul role="group">
          {field.children.map((child) => (
            <FieldRow
              key={child.reference}
              field={child}
              depth={depth + 1}
              forceOpen={forceOpen}
              expanded={expanded}
              onToggle={onToggle}
              onInsert={onInsert}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

export function DataTree({
  sources,
  onInsert,
}: {
  sources: readonly DataSource[];
  onInsert: (reference: string) => void;
}) {
  const [query, setQuery] = useState("");
  // The trigger opens by default: it is what most fields map from.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(["trigger"]));
  const visible = useMemo(
    () =>
      sources.flatMap((source) => {
        const field = filterFields(source.field, query);
        return field ? [{ ...source, field }] : [];
      }),
    [sources, query],
  );
  const toggle = (reference: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(reference)) next.delete(reference);
      else next.add(reference);
      return next;
    });

  if (sources.length === 0)
    return (
      <p className="text-xs text-slate-500">No earlier step: connect this step after the trigger to map its data.</p>
    );
  return (
    <div data-testid="data-tree" className="flex flex-col gap-2">
      <div className="relative">
        <Search size={14} aria-hidden className="pointer-events-none absolute left-2 top-2 text-slate-400" />
        <input
          type="search"
          data-testid="data-tree-search"
          aria-label="Search the data"
          placeholder="Search fields"
          className={`${inputClass} pl-7 text-xs`}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {visible.length === 0 ? (
        <p className="text-xs text-slate-500">No field matches “{query}”.</p>
      ) : (
        <ul
          role="tree"
          aria-label="Data from earlier steps"
          className="max-h-72 overflow-auto rounded-md border border-slate-200 p-1"
        >
          {visible.map((source) => (
            <FieldRow
              key={source.id}
              field={source.field}
              label={source.label}
              depth={0}
              forceOpen={query.trim() !== ""}
              expanded={expanded}
              onToggle={toggle}
              onInsert={onInsert}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
