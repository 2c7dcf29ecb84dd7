"use client";
// The frame of a group or a list: its label, and a switch between editing it as fields or items and mapping the
// whole value from data as one expression (`{{ trigger.lines }}`, or a JSONata transform). A stored value the
// fields cannot show (a template, JSON text from an older draft) opens as an expression, so nothing is hidden.
import { ChevronRight } from "lucide-react";
import { useEffect, useId, useState, type ReactNode } from "react";
import { domKey, hasMissingUnder, useFieldContext, type FieldSlot } from "./field-context";
import { fitsStructure, fromExpressionText } from "./structured-value";

type Mode = "items" | "expression";

const switchButton =
  "rounded px-2 py-0.5 font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 aria-pressed:bg-white aria-pressed:text-slate-900 aria-pressed:shadow-sm";

export function StructuredField({
  slot,
  editLabel,
  emptyMessage,
  children,
  collapsible,
}: {
  slot: FieldSlot;
  /** The switch's first option: "Edit lines", "Edit fields". */
  editLabel: string;
  /** Shown when the required value is empty, e.g. "Add at least one line." */
  emptyMessage: string;
  /** The fields or items. */
  children: ReactNode;
  /**
   * Folds the fields away under one summary line (a ten-field address the step may not need). It starts open when
   * something is filled in or missing, and opens by itself when a problem appears inside.
   */
  collapsible?: { summary: string; filled: boolean };
}) {
  const { field, path, value, onChange } = slot;
  const { missing, renderField } = useFieldContext();
  const key = domKey(path);
  const labelId = useId();
  const [chosen, setMode] = useState<Mode>("items");
  const invalid = hasMissingUnder(missing, path);
  const [open, setOpen] = useState(() => !collapsible || collapsible.filled || invalid);
  useEffect(() => {
    if (invalid) setOpen(true);
  }, [invalid]);
  const expanded = !collapsible || open;
  const bodyId = `group-body-${key}`;
  // A value the fields cannot show (opened from an older draft, or brought back by undo) is shown as an expression.
  const mode: Mode = fitsStructure(field, value) ? chosen : "expression";
  // An expression set aside by switching to items, given back by switching again before anything was added.
  const [setAside, setSetAside] = useState<unknown>(undefined);

  const focusSwitch = (next: Mode) =>
    requestAnimationFrame(() =>
      document.getElementById(`mode-${next === "items" ? "items" : "expression"}-${key}`)?.focus(),
    );

  const choose = (next: Mode) => {
    if (next === mode) return;
    if (next === "items") {
      const parsed = fromExpressionText(field, value);
      if (fitsStructure(field, parsed)) {
        if (parsed !== value) onChange(parsed);
      } else {
        setSetAside(value);
        onChange(undefined);
      }
    } else if (setAside !== undefined && value === undefined) {
      onChange(setAside);
      setSetAside(undefined);
    }
    setMode(next);
    focusSwitch(next);
  };

  const switcher = (
    <div
      role="group"
      aria-label={`How to set ${field.title}`}
      className="inline-flex self-start rounded-md bg-slate-100 p-0.5 text-xs text-slate-600"
    >
      {(["items", "expression"] as const).map((option) => (
        <button
          key={option}
          type="button"
          id={`mode-${option}-${key}`}
          data-testid={`mode-${option}-${key}`}
          aria-pressed={mode === option}
          className={switchButton}
          onClick={() => choose(option)}
        >
          {option === "items" ? editLabel : "Map from data"}
        </button>
      ))}
    </div>
  );

  if (mode === "expression") {
    const expressionField = {
      ...field,
      kind: "json" as const,
      placeholder: `{{ trigger.${field.name} }} or JSON`,
    };
    return (
      // JSON text typed here becomes real items once the user leaves the box; a template stays as typed.
      <div
        onBlur={() => {
          const parsed = fromExpressionText(field, value);
          if (parsed !== value) onChange(parsed);
        }}
      >
        {renderField({
          ...slot,
          field: expressionField,
          toolbar: switcher,
          expected: [field.kind === "list" ? "array" : "object"],
        })}
      </div>
    );
  }
  const title = (
    <>
      {field.title}
      {field.required && (
        <span className="ml-0.5 text-red-600" aria-label="required">
          *
        </span>
      )}
    </>
  );
  return (
    <div role="group" aria-labelledby={labelId} data-testid={`field-${key}`} className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between gap-2">
        {collapsible ? (
          <button
            type="button"
            id={labelId}
            data-testid={`toggle-${key}`}
            aria-expanded={open}
            aria-controls={open ? bodyId : undefined}
            className="-ml-1 flex min-w-0 items-center gap-1 rounded px-1 text-left text-sm font-medium text-slate-700 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            onClick={() => setOpen(!open)}
          >
            <ChevronRight
              size={14}
              aria-hidden
              className={`shrink-0 text-slate-500 transition-transform ${open ? "rotate-90" : ""}`}
            />
            <span className="truncate">{title}</span>
          </button>
        ) : (
          <span id={labelId} className="text-sm font-medium text-slate-700">
            {title}
          </span>
        )}
        {slot.actions}
      </div>
      {collapsible && !open && (
        <p
          data-testid={`summary-${key}`}
          className="-mt-1.5 truncate pl-4 text-xs text-slate-500"
          title={collapsible.summary}
        >
          {collapsible.summary}
        </p>
      )}
      {expanded && (
        <div id={bodyId} className="flex flex-col gap-2">
          {switcher}
          {children}
        </div>
      )}
      {missing.has(path) && <p className="text-xs text-red-600">{emptyMessage}</p>}
      {expanded && field.description && <p className="text-xs text-slate-500">{field.description}</p>}
    </div>
  );
}
