"use client";
// A structured value built as structure (an HTTP request body, a free-form object input): field by field, each value
// a literal or an expression with its type and its policy when missing; or mapped whole from data; or typed as text
// (plain-text bodies, and what older flows stored). The preview under it is what the step would receive on the sample
// data, or why it would fail.
import { useState } from "react";
import type { MissingPolicy } from "@/lib/mapping";
import { domKey, useFieldContext, type FieldSlot } from "./field-context";
import { mapping, modeOf, slotOf, toFields, type MappedMode } from "./mapped-value";
import { SlotChildren } from "./mapping-slots";
import { MappingPreview } from "../mapping/mapping-preview";

const switchButton =
  "rounded px-2 py-0.5 font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 aria-pressed:bg-white aria-pressed:text-slate-900 aria-pressed:shadow-sm";

export function MappedValueField(slot: FieldSlot) {
  const { field, path, value, onChange } = slot;
  const { renderField, missing } = useFieldContext();
  const key = domKey(path);
  // An empty value holds no mode of its own: the one last chosen here (fields for a new step).
  const [emptyMode, setEmptyMode] = useState<MappedMode>("fields");
  const empty = value === undefined || value === "";
  const mode = empty ? emptyMode : modeOf(value);
  // What a switch could not carry over (text that is not JSON), given back when switching back before editing.
  const [setAside, setSetAside] = useState<{ mode: MappedMode; value: unknown } | null>(null);
  const textLabel = field.httpBody ? "Text" : "JSON";
  const labels: Record<MappedMode, string> = { fields: "Fields", expression: "Map from data", text: textLabel };
  const [notice, setNotice] = useState<string | null>(null);

  const choose = (next: MappedMode) => {
    if (next === mode) return;
    setNotice(null);
    setEmptyMode(next);
    if (setAside?.mode === next) {
      onChange(setAside.value);
      setSetAside(null);
      return;
    }
    if (next === "fields" && !empty) {
      const converted = toFields(value);
      if (converted) {
        onChange(mapping(converted));
        if (!empty && mode === "text") setNotice(`Made fields from the ${textLabel.toLowerCase()}.`);
        return;
      }
    }
    if (!empty) setSetAside({ mode, value });
    if (next === "fields") onChange(undefined);
    else if (next === "expression") onChange(mapping({ value: "" }));
    else onChange(undefined);
    if (!empty) setNotice(`The ${labels[mode].toLowerCase()} is set aside: switch back to get it again.`);
  };

  const rootSlot = slotOf(value);
  const switcher = (
    <div
      role="group"
      aria-label={`How to set ${field.title}`}
      className="inline-flex self-start rounded-md bg-slate-100 p-0.5 text-xs text-slate-600"
    >
      {(["fields", "expression", "text"] as const).map((option) => (
        <button
          key={option}
          type="button"
          data-testid={`mapped-mode-${option}-${key}`}
          aria-pressed={mode === option}
          className={switchButton}
          onClick={() => choose(option)}
        >
          {labels[option]}
        </button>
      ))}
    </div>
  );

  let body;
  if (mode === "text") {
    body = renderField({
      ...slot,
      // Rendered as the plain text box it always was (a "textarea": no switch of its own).
      field: { ...field, kind: "textarea", httpBody: field.httpBody },
      toolbar: switcher,
      labelHidden: false,
    });
  } else if (mode === "expression" && rootSlot) {
    const policy: MissingPolicy = rootSlot.ifMissing ?? "fail";
    body = (
      <>
        {renderField({
          field: { ...field, kind: "text", httpBody: undefined, placeholder: "{{ trigger }} or {{ steps.read.body }}" },
          path,
          value: typeof rootSlot.value === "string" && rootSlot.value !== "" ? rootSlot.value : undefined,
          onChange: (next) => onChange(mapping({ ...rootSlot, value: typeof next === "string" ? next : "" })),
          toolbar: switcher,
          expected: ["object", "array"],
          nothingMessage: "Finds nothing on the sample data: a run like this one fails at this step.",
        })}
        <label className="flex items-center gap-1.5 text-xs text-slate-600">
          <input
            type="checkbox"
            data-testid={`mapped-omit-${key}`}
            className="h-3.5 w-3.5 accent-brand-600"
            checked={policy === "omit"}
            onChange={(event) =>
              onChange(mapping({ ...rootSlot, ifMissing: event.target.checked ? "omit" : undefined }))
            }
          />
          Send without it when it finds nothing (instead of failing the step)
        </label>
      </>
    );
  } else {
    const fieldsSlot = rootSlot ?? { value: { object: [] } };
    body = (
      <div
        role="group"
        aria-labelledby={`mapped-label-${key}`}
        data-testid={`field-${key}`}
        className="flex flex-col gap-2"
      >
        <span id={`mapped-label-${key}`} className="text-sm font-medium text-slate-700">
          {field.title}
          {field.required && (
            <span className="ml-0.5 text-red-600" aria-label="required">
              *
            </span>
          )}
        </span>
        {switcher}
        <SlotChildren
          slot={fieldsSlot}
          path={path}
          label={field.title}
          suggestions={field.suggestedKeys}
          onChange={(next) => onChange(mapping(next))}
        />
        {missing.has(path) && <p className="text-xs text-red-600">{field.title} is required.</p>}
        {field.description && <p className="text-xs text-slate-500">{field.description}</p>}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1.5">
      {body}
      {notice && (
        <p data-testid={`mapped-notice-${key}`} role="status" className="text-xs text-slate-600">
          {notice}
        </p>
      )}
      {rootSlot && (
        <MappingPreview name={key} slot={rootSlot} field={path} sentAs={field.httpBody ? "Sent as JSON" : "Gives"} />
      )}
    </div>
  );
}
