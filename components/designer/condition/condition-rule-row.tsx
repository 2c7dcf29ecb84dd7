"use client";
// One row of the If's condition builder: the field (typed, suggested or picked from the data tree), the comparison,
// and the value (a literal, or one field picked from the tree), with what the row gives on the sample data.
import { Trash2 } from "lucide-react";
import {
  conditionOperators,
  operatorLabels,
  operatorTakesValue,
  valueReference,
  type ConditionRule,
} from "@/lib/condition";
import { Button } from "../../ui/button";
import { inputClass } from "../../ui/text-input";
import { ConditionRowPreview } from "./condition-row-preview";
import { DataPanel, InsertDataButton } from "../mapping/data-panel";
import type { NodeData } from "../mapping/use-available-data";

/** Which of the builder's data trees is open: a row's field or value side, or the advanced editor's. */
export type TreeTarget = `field-${string}` | `value-${string}` | "advanced";

export function RuleRow({
  rule,
  id,
  listId,
  data,
  treeFor,
  onTree,
  onChange,
  onRemove,
}: {
  rule: ConditionRule;
  /** "<group>-<row>", the suffix of the row's test ids. */
  id: string;
  listId: string;
  data: NodeData | undefined;
  treeFor: TreeTarget | null;
  onTree: (target: TreeTarget | null) => void;
  onChange: (rule: ConditionRule) => void;
  onRemove: () => void;
}) {
  const fieldTree = data !== undefined && treeFor === `field-${id}`;
  const valueTree = data !== undefined && treeFor === `value-${id}`;
  const takesValue = operatorTakesValue(rule.operator);
  const reference = valueReference(rule.value);
  // "{{ a + 1 }}" is not one field: the builder compares it as the text it is, and says so.
  const templateAsText = takesValue && reference === undefined && rule.value.includes("{{");
  return (
    <div
      className="flex flex-col gap-1.5 rounded-md border border-slate-200 bg-white p-2"
      data-testid={`condition-rule-${id}`}
    >
      <div className="flex items-center gap-1.5">
        <div className="min-w-0 flex-1">
          <input
            aria-label="Field"
            data-testid={`condition-field-${id}`}
            list={listId}
            placeholder="trigger.total"
            className={`${inputClass} font-mono text-xs`}
            value={rule.field}
            onChange={(event) => onChange({ ...rule, field: event.target.value })}
          />
        </div>
        {data && (
          <InsertDataButton
            compact
            open={fieldTree}
            panelId={`condition-tree-field-${id}`}
            target="the field to compare"
            testId={`condition-pick-field-${id}`}
            onToggle={() => onTree(fieldTree ? null : `field-${id}`)}
          />
        )}
        <Button
          variant="ghost"
          aria-label="Remove this condition"
          data-testid={`condition-remove-${id}`}
          className="shrink-0 px-1.5"
          onClick={onRemove}
        >
          <Trash2 size={14} aria-hidden />
        </Button>
      </div>
      {fieldTree && (
        <DataPanel
          id={`condition-tree-field-${id}`}
          target="the field"
          data={data}
          hint="Choose the field this row compares."
          onInsert={(picked) => {
            onChange({ ...rule, field: picked });
            onTree(null);
          }}
        />
      )}
      <div>
        <select
          aria-label="Comparison"
          data-testid={`condition-operator-${id}`}
          className={inputClass}
          value={rule.operator}
          onChange={(event) => {
            const operator = conditionOperators.find((candidate) => candidate === event.target.value);
            if (operator) onChange({ ...rule, operator });
          }}
        >
          {conditionOperators.map((operator) => (
            <option key={operator} value={operator}>
              {operatorLabels[operator]}
            </option>
          ))}
        </select>
      </div>
      {takesValue && (
        <div className="flex items-center gap-1.5">
          <div className="min-w-0 flex-1">
            <input
              aria-label="Value"
              data-testid={`condition-value-${id}`}
              placeholder="100, text or a field"
              className={`${inputClass} ${reference === undefined ? "" : "font-mono text-xs"}`}
              value={rule.value}
              onChange={(event) => onChange({ ...rule, value: event.target.value })}
            />
          </div>
          {data && (
            <InsertDataButton
              compact
              open={valueTree}
              panelId={`condition-tree-value-${id}`}
              target="the value to compare with"
              testId={`condition-pick-value-${id}`}
              onToggle={() => onTree(valueTree ? null : `value-${id}`)}
            />
          )}
        </div>
      )}
      {valueTree && (
        <DataPanel
          id={`condition-tree-value-${id}`}
          target="the value"
          data={data}
          hint="Choose a field to compare with instead of a fixed value."
          onInsert={(picked) => {
            onChange({ ...rule, value: `{{ ${picked} }}` });
            onTree(null);
          }}
        />
      )}
      {templateAsText && (
        <p data-testid={`condition-value-as-text-${id}`} className="text-xs text-amber-700">
          Compared as the text typed here: only one field from the data can go in this box. Use Advanced for
          calculations.
        </p>
      )}
      {data?.context && <ConditionRowPreview id={id} rule={rule} context={data.context} />}
    </div>
  );
}
