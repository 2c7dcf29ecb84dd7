"use client";
// The fields of one node, generated from its operation's input schema. Any value may be a literal or a
// `{{ JSONata }}` template, so number fields accept text and keep it as a string when it is not a number.
// Text-like fields show a live preview of their template, and the data tree below the form inserts references.
import { Database } from "lucide-react";
import { useMemo, useRef, useState, type FocusEvent } from "react";
import { isFieldVisible, type FieldKind, type FieldSpec } from "@/lib/schema-fields";
import { inputClass, TextInput } from "../ui/text-input";
import { DataTree } from "./data-tree";
import { DynamicOptionsField } from "./dynamic-options-field";
import { ExpressionPreview } from "./expression-preview";
import { KeyValueField } from "./key-value-field";
import type { NodeData } from "./use-available-data";

type TextElement = HTMLInputElement | HTMLTextAreaElement;

const textLikeKinds: ReadonlySet<FieldKind> = new Set(["text", "textarea", "json", "number", "cron"]);

const timeZones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];

function asText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}

function parseNumber(text: string): number | string | undefined {
  if (text.trim() === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
}

/** The value a text-like field stores for what the user typed. */
function fromText(field: FieldSpec, text: string): unknown {
  if (field.kind === "number") return parseNumber(text);
  return text === "" ? undefined : text;
}

function FieldControl({
  field,
  value,
  onChange,
  onFocusText,
}: {
  field: FieldSpec;
  value: unknown;
  onChange: (value: unknown) => void;
  onFocusText: (event: FocusEvent<TextElement>) => void;
}) {
  const id = `field-input-${field.name}`;
  const common = { id, "data-testid": `field-${field.name}`, "aria-required": field.required || undefined };
  const textCommon = { ...common, onFocus: onFocusText };
  if (field.optionsLoader) return <DynamicOptionsField field={field} value={value} onChange={onChange} inputProps={textCommon} />;
  switch (field.kind) {
    case "select":
    case "timezone": {
      const options = field.kind === "timezone" ? timeZones.map((zone) => ({ value: zone, label: zone })) : field.options;
      return (
        <select {...common} className={inputClass} value={asText(value ?? field.defaultValue)} onChange={(event) => onChange(event.target.value || undefined)}>
          {!field.required && field.defaultValue === undefined && <option value="">—</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    }
    case "boolean":
      return <input {...common} type="checkbox" className="h-4 w-4" checked={value === true} onChange={(event) => onChange(event.target.checked)} />;
    case "keyValue":
      return <KeyValueField name={field.name} value={value} onChange={(next) => onChange(Object.keys(next).length ? next : undefined)} />;
    case "textarea":
    case "json":
      return (
        <textarea
          {...textCommon}
          className={`${inputClass} min-h-28 font-mono text-xs`}
          placeholder={field.placeholder}
          value={asText(value)}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
        />
      );
    case "number":
      return (
        <TextInput
          {...textCommon}
          inputMode="numeric"
          placeholder={field.placeholder ?? (field.defaultValue !== undefined ? String(field.defaultValue) : undefined)}
          value={asText(value)}
          onChange={(event) => onChange(parseNumber(event.target.value))}
        />
      );
    default:
      return (
        <TextInput
          {...textCommon}
          className={field.kind === "cron" ? "font-mono" : ""}
          placeholder={field.placeholder}
          value={asText(value)}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
        />
      );
  }
}

export function SchemaForm({
  fields,
  values,
  missing,
  onChange,
  data,
}: {
  fields: readonly FieldSpec[];
  values: Record<string, unknown>;
  missing: ReadonlySet<string>;
  onChange: (values: Record<string, unknown>) => void;
  /** The data earlier steps offer, for the data tree and the previews; absent on the trigger. */
  data?: NodeData;
}) {
  const visible = useMemo(() => fields.filter((field) => isFieldVisible(field, values)), [fields, values]);
  const lastFocused = useRef<{ name: string; element: TextElement } | null>(null);
  // The field whose data tree is open: it opens right under that field, and inserts into it.
  const [treeFor, setTreeFor] = useState<string | null>(null);

  const setField = (name: string, value: unknown) => {
    const next = { ...values };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange(next);
  };

  // Puts `{{ reference }}` at the field's caret (replacing a selection), or at its end when it was never focused,
  // then returns the caret to just after it so the user can type on.
  const insertReference = (field: FieldSpec, reference: string) => {
    const text = asText(values[field.name]);
    const focused = lastFocused.current?.name === field.name ? lastFocused.current.element : null;
    const start = Math.min(focused?.selectionStart ?? text.length, text.length);
    const end = Math.min(focused?.selectionEnd ?? start, text.length);
    const insertion = `{{ ${reference} }}`;
    setField(field.name, fromText(field, text.slice(0, start) + insertion + text.slice(end)));
    const caret = start + insertion.length;
    requestAnimationFrame(() => {
      const element = document.getElementById(`field-input-${field.name}`);
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
        element.focus();
        element.setSelectionRange(caret, caret);
      }
    });
  };

  if (visible.length === 0) return <p className="text-sm text-slate-500">This step has nothing to set.</p>;
  return (
    <div className="flex flex-col gap-4">
      {visible.map((field) => {
        const mappable = data !== undefined && textLikeKinds.has(field.kind);
        const treeOpen = mappable && treeFor === field.name;
        return (
          <div key={field.name} className="flex flex-col gap-1">
            <div className="flex items-baseline justify-between gap-2">
              <label htmlFor={`field-input-${field.name}`} className="text-sm font-medium text-slate-700">
                {field.title}
                {field.required && (
                  <span className="ml-0.5 text-red-600" aria-label="required">
                    *
                  </span>
                )}
              </label>
              {mappable && (
                <button
                  type="button"
                  data-testid={`insert-data-${field.name}`}
                  aria-expanded={treeOpen}
                  aria-controls={`data-panel-${field.name}`}
                  aria-label={`${treeOpen ? "Hide data" : "Insert data"} for ${field.title}`}
                  className="flex shrink-0 items-center gap-1 rounded px-1 text-xs font-medium text-brand-700 hover:text-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                  onClick={() => setTreeFor(treeOpen ? null : field.name)}
                >
                  <Database size={12} aria-hidden /> {treeOpen ? "Hide data" : "Insert data"}
                </button>
              )}
            </div>
            <FieldControl
              field={field}
              value={values[field.name]}
              onChange={(value) => setField(field.name, value)}
              onFocusText={(event) => {
                lastFocused.current = { name: field.name, element: event.currentTarget };
              }}
            />
            {missing.has(field.name) && <p className="text-xs text-red-600">{field.title} is required.</p>}
            {mappable && <ExpressionPreview name={field.name} expected={data.expectedTypes[field.name]} value={values[field.name]} context={data.context} />}
            {field.description && <p className="text-xs text-slate-500">{field.description}</p>}
            {treeOpen && (
              <section
                id={`data-panel-${field.name}`}
                aria-label={`Data to insert into ${field.title}`}
                className="mt-1 flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-2"
              >
                <p className="text-xs text-slate-500">
                  Choose a field to insert its reference into <strong>{field.title}</strong> at the cursor.
                  {!data.context && " No run yet: run the flow once to see sample values."}
                </p>
                <DataTree sources={data.sources} onInsert={(reference) => insertReference(field, reference)} />
              </section>
            )}
          </div>
        );
      })}
    </div>
  );
}
