"use client";
// A group: an object input with declared properties (a ship-to address), edited as labelled sub-fields with the
// same controls and mapping aids as top-level fields, or mapped from data as one expression.
import { isFieldVisible, type FieldSpec } from "@/lib/schema-fields";
import { useFieldContext, type FieldSlot } from "./field-context";
import { StructuredField } from "./structured-field";
import { asRecord, withEntry } from "./structured-value";

/** The sub-fields of one group, also the body of a list item's card. */
export function GroupFields({
  fields,
  path,
  value,
  onChange,
}: {
  fields: readonly FieldSpec[];
  path: string;
  value: unknown;
  onChange: (value: Record<string, unknown> | undefined) => void;
}) {
  const { renderField } = useFieldContext();
  const record = asRecord(value);
  return (
    <>
      {fields
        .filter((field) => isFieldVisible(field, record))
        .map((field) =>
          renderField({
            field,
            path: `${path}.${field.name}`,
            value: record[field.name],
            onChange: (next) => onChange(withEntry(record, field.name, next)),
          }),
        )}
    </>
  );
}

/** One line for a folded group: how many fields are set and the first few values ("2 of 10 set: Ada, London"). */
export function groupSummary(fields: readonly FieldSpec[], value: unknown): { summary: string; filled: boolean } {
  const record = asRecord(value);
  const set = fields.filter((field) => record[field.name] !== undefined && record[field.name] !== "");
  if (set.length === 0)
    return { summary: `Not set (${fields.length} ${fields.length === 1 ? "field" : "fields"})`, filled: false };
  const shown = set
    .map((field) => record[field.name])
    .filter((entry): entry is string | number | boolean => ["string", "number", "boolean"].includes(typeof entry))
    .slice(0, 3)
    .map(String)
    .join(", ");
  return { summary: `${set.length} of ${fields.length} set${shown ? `: ${shown}` : ""}`, filled: true };
}

export function ObjectField(slot: FieldSlot) {
  const fields = slot.field.fields ?? [];
  return (
    <StructuredField
      slot={slot}
      editLabel="Edit fields"
      emptyMessage={`${slot.field.title} is required.`}
      collapsible={groupSummary(fields, slot.value)}
    >
      <div className="flex flex-col gap-3 border-l-2 border-slate-200 pl-3">
        <GroupFields fields={fields} path={slot.path} value={slot.value} onChange={slot.onChange} />
      </div>
    </StructuredField>
  );
}
