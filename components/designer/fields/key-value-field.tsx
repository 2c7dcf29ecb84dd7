"use client";
// Name/value rows for a `record<string, string>` such as HTTP headers. Rows are kept locally so that a row whose
// name is still empty (just added) survives until the user types it. Each value maps like a text field: Insert
// data opens the tree under the row, and the preview shows what the value gives on the sample data.
import { Plus, X } from "lucide-react";
import { useState } from "react";
import type { ValueType } from "@/lib/template-check";
import { Button } from "../../ui/button";
import { TextInput } from "../../ui/text-input";
import { DataPanel, InsertDataButton } from "../mapping/data-panel";
import { ExpressionPreview } from "../mapping/expression-preview";
import { useNodeData } from "../mapping/node-data-context";
import { useInsertReference } from "../mapping/use-insert-reference";

type Row = { key: string; value: string };

// The runtime checks a record<string, string> after resolving templates: a value that gives a number fails the step.
const VALUE_TYPES: readonly ValueType[] = ["string"];

function toRows(value: unknown): Row[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value).map(([key, entry]) => ({
    key,
    value: typeof entry === "string" ? entry : JSON.stringify(entry),
  }));
}

function toRecord(rows: Row[]): Record<string, string> {
  return Object.fromEntries(rows.filter((row) => row.key.trim() !== "").map((row) => [row.key.trim(), row.value]));
}

export function KeyValueField({
  name,
  value,
  onChange,
}: {
  name: string;
  value: unknown;
  onChange: (next: Record<string, string>) => void;
}) {
  const [rows, setRows] = useState<Row[]>(() => toRows(value));
  // Undo, redo or a restored version change the stored value under the rows: show what is stored then. An edit made
  // here comes back as the same record, so a row whose name is still empty is kept.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (JSON.stringify(toRecord(rows)) !== JSON.stringify(toRecord(toRows(value)))) setRows(toRows(value));
  }
  const [treeFor, setTreeFor] = useState<number | null>(null);
  const data = useNodeData();
  const { trackFocus, insert } = useInsertReference();

  function update(next: Row[]) {
    setRows(next);
    onChange(toRecord(next));
  }
  const setValue = (index: number, text: string) =>
    update(rows.map((entry, i) => (i === index ? { ...entry, value: text } : entry)));

  return (
    <div className="flex flex-col gap-2" data-testid={`field-${name}`}>
      {rows.map((row, index) => {
        const valueId = `field-input-${name}-value-${index}`;
        const panelId = `data-panel-${name}-${index}`;
        const treeOpen = data !== undefined && treeFor === index;
        return (
          <div key={index} className="flex flex-col gap-1">
            <div className="flex items-center gap-1.5">
              <div className="w-1/3 shrink-0">
                <TextInput
                  aria-label={`Name ${index + 1}`}
                  placeholder="Name"
                  data-testid={`field-${name}-key-${index}`}
                  value={row.key}
                  onChange={(event) =>
                    update(rows.map((entry, i) => (i === index ? { ...entry, key: event.target.value } : entry)))
                  }
                />
              </div>
              <div className="min-w-0 flex-1">
                <TextInput
                  id={valueId}
                  aria-label={`Value ${index + 1}`}
                  placeholder="Value"
                  data-testid={`field-${name}-value-${index}`}
                  value={row.value}
                  onFocus={trackFocus(valueId)}
                  onChange={(event) => setValue(index, event.target.value)}
                />
              </div>
              {data && (
                <InsertDataButton
                  compact
                  open={treeOpen}
                  panelId={panelId}
                  target={`Value ${index + 1}`}
                  testId={`insert-data-${name}-${index}`}
                  onToggle={() => setTreeFor(treeOpen ? null : index)}
                />
              )}
              <Button
                variant="ghost"
                aria-label={`Remove row ${index + 1}`}
                className="shrink-0 px-1.5"
                onClick={() => update(rows.filter((_, i) => i !== index))}
              >
                <X size={14} aria-hidden />
              </Button>
            </div>
            {data && (
              <ExpressionPreview
                name={`${name}-${index}`}
                expected={VALUE_TYPES}
                value={row.value}
                context={data.context}
              />
            )}
            {treeOpen && (
              <DataPanel
                id={panelId}
                target={row.key.trim() ? `the ${row.key.trim()} value` : `value ${index + 1}`}
                data={data}
                onInsert={(reference) =>
                  insert(valueId, valueId, row.value, reference, (next) => setValue(index, next))
                }
              />
            )}
          </div>
        );
      })}
      <Button
        className="self-start"
        data-testid={`field-${name}-add`}
        onClick={() => setRows([...rows, { key: "", value: "" }])}
      >
        <Plus size={14} aria-hidden /> Add row
      </Button>
    </div>
  );
}
