"use client";
// The rows of a mapping: each key (or list item) with its kind, its value (a literal or a `{{ }}` expression, with
// Insert data and a live preview, as any field has) and, for an expression, what to do when it finds nothing. Objects
// and lists nest their own rows.
import { Plus, X } from "lucide-react";
import type { SuggestedKey } from "@/lib/field-hints";
import type { MappingEntry, MappingSlot, MissingPolicy } from "@/lib/mapping";
import { isTemplate } from "@/lib/templates";
import type { FieldSpec } from "@/lib/schema-fields";
import type { ValueType } from "@/lib/template-check";
import { Button } from "../../ui/button";
import { domKey, useFieldContext } from "./field-context";
import {
  entriesOf,
  itemsOf,
  kindOf,
  newEntry,
  newItem,
  replaceAt,
  slotKindLabels,
  slotKinds,
  withKind,
  type SlotKind,
} from "./mapped-value";

// Compact controls for a row's header; inputClass would make each a full-width block.
const compactControl =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30";
const removeButton =
  "grid h-7 w-7 shrink-0 place-items-center rounded text-slate-500 hover:bg-slate-200 hover:text-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

const expectedByKind: Partial<Record<SlotKind, ValueType[]>> = {
  text: ["string", "number", "boolean"],
  number: ["number", "string"],
  boolean: ["boolean", "string"],
};

const policyLabels: Record<MissingPolicy, string> = {
  fail: "Fail the step",
  omit: "Leave it out",
  default: "Use a default",
};

const nothingMessages: Record<MissingPolicy, string> = {
  fail: "Finds nothing on the sample data: a run like this one fails at this step (see If missing).",
  omit: "Finds nothing on the sample data, so it is left out.",
  default: "Finds nothing on the sample data, so the default is used.",
};

function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** The children of an object or list slot, with Add. */
export function SlotChildren({
  slot,
  path,
  label,
  suggestions,
  onChange,
}: {
  slot: MappingSlot;
  path: string;
  /** What the rows belong to, for accessible names: "Body", "customer". */
  label: string;
  /** Keys the target documents, offered to add (an object's rows only). */
  suggestions?: readonly SuggestedKey[];
  onChange: (slot: MappingSlot) => void;
}) {
  const key = domKey(path);
  if (kindOf(slot) === "list") {
    const items = itemsOf(slot);
    return (
      <div className="flex flex-col gap-2">
        {items.length === 0 && <p className="text-xs text-slate-500">No items yet.</p>}
        {items.map((item, index) => (
          <SlotRow
            key={index}
            slot={item}
            path={`${path}.${index}`}
            name={`${label} item ${index + 1}`}
            onChange={(next) => onChange({ ...slot, value: { list: replaceAt(items, index, next) } })}
          />
        ))}
        <Button
          id={`mapping-add-${key}`}
          data-testid={`mapping-add-${key}`}
          className="self-start"
          onClick={() => {
            onChange({ ...slot, value: { list: [...items, newItem()] } });
            focusLater(`field-input-${key}-${items.length}`);
          }}
        >
          <Plus size={14} aria-hidden /> Add item
        </Button>
      </div>
    );
  }
  const entries = entriesOf(slot);
  return (
    <div className="flex flex-col gap-2">
      {entries.length === 0 && <p className="text-xs text-slate-500">No fields yet.</p>}
      {entries.map((entry, index) => (
        <SlotRow
          key={index}
          slot={entry}
          entryKey={entry.key}
          path={`${path}.${index}`}
          name={entry.key || `${label} field ${index + 1}`}
          onChange={(next) => onChange({ ...slot, value: { object: replaceAt(entries, index, next) } })}
        />
      ))}
      <Button
        id={`mapping-add-${key}`}
        data-testid={`mapping-add-${key}`}
        className="self-start"
        onClick={() => {
          onChange({ ...slot, value: { object: [...entries, newEntry()] } });
          focusLater(`mapping-key-${key}-${entries.length}`);
        }}
      >
        <Plus size={14} aria-hidden /> Add field
      </Button>
      <SuggestedKeys
        path={path}
        suggestions={suggestions}
        used={entries.map((entry) => entry.key)}
        onAdd={(name) => {
          onChange({ ...slot, value: { object: [...entries, { ...newEntry(), key: name }] } });
          focusLater(`field-input-${key}-${entries.length}`);
        }}
      />
    </div>
  );
}

/** The target's documented keys not used yet, one click each to add; required ones first and marked. */
function SuggestedKeys({
  path,
  suggestions,
  used,
  onAdd,
}: {
  path: string;
  suggestions: readonly SuggestedKey[] | undefined;
  used: readonly string[];
  onAdd: (name: string) => void;
}) {
  const open = (suggestions ?? [])
    .filter((suggestion) => !used.includes(suggestion.name))
    .sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
  if (open.length === 0) return null;
  return (
    <div data-testid={`mapping-suggestions-${domKey(path)}`} className="flex flex-wrap items-center gap-1.5">
      <span className="text-xs text-slate-500">Documented fields:</span>
      {open.map((suggestion) => (
        <button
          key={suggestion.name}
          type="button"
          data-testid={`mapping-suggest-${domKey(path)}-${suggestion.name}`}
          title={[suggestion.required ? "Required" : "", suggestion.description ?? ""].filter(Boolean).join(". ")}
          onClick={() => onAdd(suggestion.name)}
          className={`rounded-full border px-2 py-0.5 font-mono text-xs hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${
            suggestion.required ? "border-amber-400 text-amber-800" : "border-slate-300 text-slate-700"
          }`}
        >
          + {suggestion.name}
          {suggestion.required && <span aria-label="required"> *</span>}
        </button>
      ))}
    </div>
  );
}

/** One key (or item): its name, kind, value or nested rows, and its policy when missing. */
function SlotRow<T extends MappingSlot>({
  slot,
  entryKey,
  path,
  name,
  onChange,
}: {
  slot: T;
  /** The key of an object's field; absent for a list item. */
  entryKey?: string;
  path: string;
  /** How the row is named to screen readers and in the preview. */
  name: string;
  /** Undefined removes the row. */
  onChange: (slot: T | undefined) => void;
}) {
  const { renderField } = useFieldContext();
  const key = domKey(path);
  const kind = kindOf(slot);
  const structured = kind === "object" || kind === "list";
  const expression = typeof slot.value === "string" && isTemplate(slot.value);
  const policy = slot.ifMissing ?? "fail";
  const valueField: FieldSpec = {
    name: entryKey ?? name,
    title: `Value of ${name}`,
    required: false,
    kind: "text",
    options: [],
    placeholder: kind === "number" ? "42 or {{ trigger.amount }}" : "Text or {{ trigger.orderNo }}",
  };
  const header = (
    <div className="grid grid-cols-[minmax(0,1fr)_auto_auto] items-center gap-1.5">
      {entryKey !== undefined ? (
        <input
          id={`mapping-key-${key}`}
          data-testid={`mapping-key-${key}`}
          aria-label={`Name of ${name}`}
          placeholder="Field name"
          spellCheck={false}
          className={`${compactControl} min-w-0 font-mono`}
          value={entryKey}
          onChange={(event) => onChange({ ...slot, key: event.target.value })}
        />
      ) : (
        <span className="min-w-0 truncate text-xs font-medium text-slate-500">{name}</span>
      )}
      <select
        data-testid={`mapping-kind-${key}`}
        aria-label={`Kind of ${name}`}
        className={compactControl}
        value={kind}
        onChange={(event) => {
          const next = slotKinds.find((entry) => entry === event.target.value);
          if (next) onChange(withKind(slot, next));
        }}
      >
        {slotKinds.map((option) => (
          <option key={option} value={option}>
            {slotKindLabels[option]}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid={`mapping-remove-${key}`}
        aria-label={`Remove ${name}`}
        className={removeButton}
        onClick={() => onChange(undefined)}
      >
        <X size={15} aria-hidden />
      </button>
    </div>
  );
  return (
    <div
      data-testid={`mapping-row-${key}`}
      className="flex flex-col gap-1.5 rounded-md border border-slate-200 bg-slate-50/60 p-2"
    >
      {header}
      {structured ? (
        <div className="border-l-2 border-slate-200 pl-2">
          <SlotChildren slot={slot} path={path} label={name} onChange={(next) => onChange({ ...slot, ...next })} />
        </div>
      ) : (
        renderField({
          field: valueField,
          path,
          value: slot.value === "" ? undefined : slot.value,
          onChange: (next) => onChange({ ...slot, value: typeof next === "string" ? next : "" }),
          labelHidden: true,
          expected: expectedByKind[kind],
          nothingMessage: nothingMessages[policy],
        })
      )}
      {expression && (
        <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
          <label htmlFor={`mapping-missing-${key}`}>If missing</label>
          <select
            id={`mapping-missing-${key}`}
            data-testid={`mapping-missing-${key}`}
            className={compactControl}
            value={policy}
            onChange={(event) => {
              const next = (["fail", "omit", "default"] as const).find((entry) => entry === event.target.value);
              onChange({ ...slot, ifMissing: next === "fail" ? undefined : next });
            }}
          >
            {(["fail", "omit", "default"] as const).map((option) => (
              <option key={option} value={option}>
                {policyLabels[option]}
              </option>
            ))}
          </select>
          {policy === "default" && (
            <input
              data-testid={`mapping-default-${key}`}
              aria-label={`Default of ${name}`}
              placeholder="Default"
              className={`${compactControl} w-28`}
              value={slot.default ?? ""}
              onChange={(event) => onChange({ ...slot, default: event.target.value })}
            />
          )}
        </div>
      )}
    </div>
  );
}

export type { MappingEntry };
