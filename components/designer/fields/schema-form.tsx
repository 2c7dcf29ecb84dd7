"use client";
// The fields of one node, generated from its operation's input schema. Any value may be a literal or a
// `{{ JSONata }}` template, so number fields accept text and keep it as a string when it is not a number.
// Text-like fields show a live preview of their template, and the data tree below the form inserts references.
import { useMemo, useState, type FocusEvent } from "react";
import { isFieldVisible, type FieldKind, type FieldSpec } from "@/lib/schema-fields";
import { bodyExpectsJson } from "@/lib/json-preview";
import type { ValueType } from "@/lib/template-check";
import { inputClass, TextInput } from "../../ui/text-input";
import { ArrayField } from "./array-field";
import { DataPanel, InsertDataButton } from "../mapping/data-panel";
import { DynamicOptionsField } from "./dynamic-options-field";
import { FlowsField } from "./flows-field";
import { ExpressionPreview } from "../mapping/expression-preview";
import { domKey, FieldContext, useFieldContext, type FieldContextValue, type FieldSlot } from "./field-context";
import { KeyValueField } from "./key-value-field";
import { MappedValueField } from "./mapped-value-field";
import { ObjectField } from "./object-field";
import type { NodeData } from "../mapping/use-available-data";
import { useInsertReference } from "../mapping/use-insert-reference";

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
  path,
  value,
  onChange,
  onFocusText,
}: {
  field: FieldSpec;
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  onFocusText: (event: FocusEvent<TextElement>) => void;
}) {
  const id = `field-input-${domKey(path)}`;
  const common = { id, "data-testid": `field-${domKey(path)}`, "aria-required": field.required || undefined };
  const textCommon = { ...common, onFocus: onFocusText };
  if (field.optionsLoader)
    return <DynamicOptionsField field={field} value={value} onChange={onChange} inputProps={textCommon} />;
  switch (field.kind) {
    case "select":
    case "timezone": {
      const options =
        field.kind === "timezone" ? timeZones.map((zone) => ({ value: zone, label: zone })) : field.options;
      return (
        <select
          {...common}
          className={inputClass}
          value={asText(value ?? field.defaultValue)}
          onChange={(event) => onChange(event.target.value || undefined)}
        >
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
      return (
        <input
          {...common}
          type="checkbox"
          className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 accent-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          checked={value === true || (value === undefined && field.defaultValue === true)}
          onChange={(event) => onChange(event.target.checked)}
        />
      );
    case "flows":
      return <FlowsField id={id} testId={common["data-testid"]} value={value} onChange={onChange} />;
    case "keyValue":
      return (
        <KeyValueField
          name={domKey(path)}
          value={value}
          onChange={(next) => onChange(Object.keys(next).length ? next : undefined)}
        />
      );
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

const expectedByKind: Partial<Record<FieldKind, ValueType[]>> = {
  text: ["string"],
  textarea: ["string"],
  cron: ["string"],
  select: ["string"],
  number: ["number"],
  boolean: ["boolean"],
  group: ["object"],
  list: ["array"],
};

export function SchemaForm({
  fields,
  values,
  missing,
  onChange,
  data,
}: {
  fields: readonly FieldSpec[];
  values: Record<string, unknown>;
  /** Paths of required fields left empty, top-level names and nested paths alike (see findMissing). */
  missing: ReadonlySet<string>;
  onChange: (values: Record<string, unknown>) => void;
  /** The data earlier steps offer, for the data tree and the previews; absent on the trigger. */
  data?: NodeData;
}) {
  const visible = useMemo(() => fields.filter((field) => isFieldVisible(field, values)), [fields, values]);
  const { trackFocus, insert } = useInsertReference();
  // The field whose data tree is open: it opens right under that field, and inserts into it.
  const [treeFor, setTreeFor] = useState<string | null>(null);

  const setField = (name: string, value: unknown) => {
    const next = { ...values };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange(next);
  };

  const insertReference = ({ field, path, value, onChange: change }: FieldSlot, reference: string) =>
    insert(path, `field-input-${domKey(path)}`, asText(value), reference, (text) => change(fromText(field, text)));

  const renderField = (slot: FieldSlot) => {
    // A request body, or a free-form object: built field by field (or mapped whole, or typed as text). The boxes
    // the mapping editor and a group's "Map from data" render come with their own switch (a toolbar) and stay text.
    if ((slot.field.httpBody || slot.field.kind === "json") && slot.toolbar === undefined)
      return <MappedValueField key={slot.path} {...slot} />;
    if (slot.field.kind === "group") return <ObjectField key={slot.path} {...slot} />;
    if (slot.field.kind === "list") return <ArrayField key={slot.path} {...slot} />;
    return (
      <FieldRow
        key={slot.path}
        slot={slot}
        treeOpen={treeFor === slot.path}
        onToggleTree={() => setTreeFor(treeFor === slot.path ? null : slot.path)}
        onFocusText={trackFocus(slot.path)}
        onInsert={(reference) => insertReference(slot, reference)}
      />
    );
  };
  const context: FieldContextValue = { data, missing, values, renderField };

  if (visible.length === 0) return <p className="text-sm text-slate-500">This step has nothing to set.</p>;
  return (
    <FieldContext.Provider value={context}>
      <div className="flex flex-col gap-4">
        {visible.map((field) =>
          renderField({
            field,
            path: field.name,
            value: values[field.name],
            onChange: (value) => setField(field.name, value),
          }),
        )}
      </div>
    </FieldContext.Provider>
  );
}

/** One field: its label, control, required message, live preview, help text and, when open, the data tree. */
function FieldRow({
  slot: { field, path, value, onChange, actions, toolbar, expected, labelHidden, nothingMessage },
  treeOpen: treeWanted,
  onToggleTree,
  onFocusText,
  onInsert,
}: {
  slot: FieldSlot;
  treeOpen: boolean;
  onToggleTree: () => void;
  onFocusText: (event: FocusEvent<TextElement>) => void;
  onInsert: (reference: string) => void;
}) {
  const { data, missing, values } = useFieldContext();
  const key = domKey(path);
  // An HTTP body beside its headers: JSON text there should still be JSON once mapped.
  const expectJson = field.httpBody === true && bodyExpectsJson(value, values.headers);
  const mappable = data !== undefined && textLikeKinds.has(field.kind);
  const treeOpen = mappable && treeWanted;
  // Top-level fields take their types from the schema itself (an If's condition is a text box for a boolean).
  const expectedTypes =
    expected ?? (path === field.name ? data?.expectedTypes[field.name] : expectedByKind[field.kind]);
  const isMissing = missing.has(path);
  if (field.kind === "boolean") {
    // A checkbox reads as a sentence: the box, its label beside it (clicking the label ticks it), the help below.
    return (
      <div className="flex items-start gap-2">
        <FieldControl field={field} path={path} value={value} onChange={onChange} onFocusText={onFocusText} />
        <div className="flex min-w-0 flex-1 flex-col gap-0.5">
          <div className="flex items-baseline justify-between gap-2">
            <label htmlFor={`field-input-${key}`} className="cursor-pointer text-sm font-medium text-slate-700">
              {field.title}
            </label>
            {actions}
          </div>
          {field.description && <p className="text-xs text-slate-500">{field.description}</p>}
        </div>
      </div>
    );
  }
  // Inside a group or a list item every sub-field would repeat "Insert data": there it shows on the field being
  // pointed at or worked in (it stays in the tab order, and shows when focused).
  const quietInsert = path !== field.name && !treeOpen;
  return (
    <div className="group/field flex flex-col gap-1">
      <div className="flex items-baseline justify-between gap-2">
        <label
          htmlFor={`field-input-${key}`}
          className={labelHidden ? "sr-only" : "text-sm font-medium text-slate-700"}
        >
          {field.title}
          {field.required && (
            <span className="ml-0.5 text-red-600" aria-label="required">
              *
            </span>
          )}
        </label>
        <div className="flex shrink-0 items-center gap-1">
          {mappable && (
            <InsertDataButton
              open={treeOpen}
              panelId={`data-panel-${key}`}
              target={field.title}
              testId={`insert-data-${key}`}
              className={
                quietInsert
                  ? "opacity-0 focus-visible:opacity-100 group-hover/field:opacity-100 group-focus-within/field:opacity-100"
                  : ""
              }
              onToggle={onToggleTree}
            />
          )}
          {actions}
        </div>
      </div>
      {toolbar}
      <FieldControl field={field} path={path} value={value} onChange={onChange} onFocusText={onFocusText} />
      {isMissing && <p className="text-xs text-red-600">{field.title} is required.</p>}
      {mappable && data && (
        <ExpressionPreview
          name={key}
          expected={expectedTypes}
          value={value}
          context={data.context}
          expectJson={expectJson}
          nothingMessage={nothingMessage}
        />
      )}
      {field.description && <p className="text-xs text-slate-500">{field.description}</p>}
      {treeOpen && data && <DataPanel id={`data-panel-${key}`} target={field.title} data={data} onInsert={onInsert} />}
    </div>
  );
}
