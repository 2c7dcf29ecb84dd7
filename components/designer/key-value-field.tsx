"use client";
// Name/value rows for a `record<string, string>` such as HTTP headers. Rows are kept locally so that a row whose
// name is still empty (just added) survives until the user types it.
import { Plus, X } from "lucide-react";
import { useState } from "react";
import { Button } from "../ui/button";
import { TextInput } from "../ui/text-input";

type Row = { key: string; value: string };

function toRows(value: unknown): Row[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value).map(([key, entry]) => ({ key, value: typeof entry === "string" ? entry : JSON.stringify(entry) }));
}

function toRecord(rows: Row[]): Record<string, string> {
  return Object.fromEntries(rows.filter((row) => row.key.trim() !== "").map((row) => [row.key.trim(), row.value]));
}

export function KeyValueField({ name, value, onChange }: { name: string; value: unknown; onChange: (next: Record<string, string>) => void }) {
  const [rows, setRows] = useState<Row[]>(() => toRows(value));

  function update(next: Row[]) {
    setRows(next);
    onChange(toRecord(next));
  }

  return (
    <div className="flex flex-col gap-2" data-testid={`field-${name}`}>
      {rows.map((row, index) => (
        <div key={index} className="flex items-center gap-2">
          <TextInput
            aria-label={`Name ${index + 1}`}
            placeholder="Name"
            data-testid={`field-${name}-key-${index}`}
            value={row.key}
            onChange={(event) => update(rows.map((entry, i) => (i === index ? { ...entry, key: event.target.value } : entry)))}
          />
          <TextInput
            aria-label={`Value ${index + 1}`}
            placeholder="Value"
            data-testid={`field-${name}-value-${index}`}
            value={row.value}
            onChange={(event) => update(rows.map((entry, i) => (i === index ? { ...entry, value: event.target.value } : entry)))}
          />
          <Button variant="ghost" aria-label={`Remove row ${index + 1}`} onClick={() => update(rows.filter((_, i) => i !== index))}>
            <X size={14} aria-hidden />
          </Button>
        </div>
      ))}
      <Button className="self-start" data-testid={`field-${name}-add`} onClick={() => setRows([...rows, { key: "", value: "" }])}>
        <Plus size={14} aria-hidden /> Add row
      </Button>
    </div>
  );
}
