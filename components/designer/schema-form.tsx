"use client";
// The fields of one node, generated from its operation's input schema. Any value may be a literal or a
// `{{ JSONata }}` template, so number fields accept text and keep it as a string when it is not a number.
import { useMemo } from "react";
import { isFieldVisible, type FieldSpec } from "@/lib/schema-fields";
import { inputClass, TextInput } from "../ui/text-input";
import { KeyValueField } from "./key-value-field";

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

function FieldControl({ field, value, onChange }: { field: FieldSpec; value: unknown; onChange: (value: unknown) => void }) {
  const id = `field-input-${field.name}`;
  const common = { id, "data-testid": `field-${field.name}`, "aria-required": field.required || undefined };
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
          {...common}
          className={`${inputClass} min-h-28 font-mono text-xs`}
          placeholder={field.placeholder}
          value={asText(value)}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
        />
      );
    case "number":
      return (
        <TextInput
          {...common}
          inputMode="numeric"
          placeholder={field.placeholder ?? (field.defaultValue !== undefined ? String(field.defaultValue) : undefined)}
          value={asText(value)}
          onChange={(event) => onChange(parseNumber(event.target.value))}
        />
      );
    default:
      return (
        <TextInput
          {...common}
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
}: {
  fields: readonly FieldSpec[];
  values: Record<string, unknown>;
  missing: ReadonlySet<string>;
  onChange: (values: Record<string, unknown>) => void;
}) {
  const visible = useMemo(() => fields.filter((field) => isFieldVisible(field, values)), [fields, values]);
  if (visible.length === 0) return <p className="text-sm text-slate-500">This step has nothing to set.</p>;
  return (
    <div className="flex flex-col gap-4">
      {visible.map((field) => (
        <div key={field.name} className="flex flex-col gap-1">
          <label htmlFor={`field-input-${field.name}`} className="text-sm font-medium text-slate-700">
            {field.title}
            {field.required && (
              <span className="ml-0.5 text-red-600" aria-label="required">
                *
              </span>
            )}
          </label>
          <FieldControl
            field={field}
            value={values[field.name]}
            onChange={(value) => {
              const next = { ...values };
              if (value === undefined) delete next[field.name];
              else next[field.name] = value;
              onChange(next);
            }}
          />
          {missing.has(field.name) && <p className="text-xs text-red-600">{field.title} is required.</p>}
          {field.description && <p className="text-xs text-slate-500">{field.description}</p>}
        </div>
      ))}
    </div>
  );
}
