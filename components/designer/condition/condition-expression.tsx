"use client";
// The If's condition as JSONata: under the builder it shows what the rows compile to; in advanced mode it is the
// editor, with the same help as any mapped field (Insert data at the cursor, checking as typed, the sample preview
// warning when the condition is not true or false), and it says when the builder cannot show it as rows.
import { useId } from "react";
import type { ConditionParse } from "@/lib/condition-parse";
import { inputClass } from "../../ui/text-input";
import type { TreeTarget } from "./condition-rule-row";
import { DataPanel, InsertDataButton } from "../mapping/data-panel";
import { ExpressionPreview } from "../mapping/expression-preview";
import { useInsertReference } from "../mapping/use-insert-reference";
import type { NodeData } from "../mapping/use-available-data";

// An If fails the run on anything but true or false, so "nothing" is worse here than in other fields.
const NOTHING_MESSAGE =
  "Gives nothing on the sample data: the If would stop the run. Check the path, or compare it, e.g. {{ trigger.paid = true }}.";

/** The reason the builder toggle is unavailable, for its aria-describedby. */
export const NOT_ROWS_ID = "condition-not-rows-message";

export function conditionText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function ConditionExpression({
  condition,
  advanced,
  parsed,
  data,
  treeFor,
  onTree,
  onChange,
}: {
  condition: unknown;
  advanced: boolean;
  /** The condition read as rows; only consulted in advanced mode. */
  parsed: ConditionParse;
  data: NodeData | undefined;
  treeFor: TreeTarget | null;
  onTree: (target: TreeTarget | null) => void;
  /** Typing here (or inserting) makes the condition hand-written. */
  onChange: (text: string) => void;
}) {
  const expressionId = useId();
  const { trackFocus, insert } = useInsertReference();
  const text = conditionText(condition);
  const treeOpen = advanced && data !== undefined && treeFor === "advanced";
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={expressionId} className="text-xs font-medium text-slate-600">
          {advanced ? "Condition as a JSONata expression" : "What the builder writes (JSONata)"}
        </label>
        {advanced && data && (
          <InsertDataButton
            open={treeOpen}
            panelId="condition-tree-advanced"
            target="the condition"
            testId="insert-data-condition"
            onToggle={() => onTree(treeOpen ? null : "advanced")}
          />
        )}
      </div>
      <textarea
        id={expressionId}
        data-testid="field-condition"
        aria-required
        // Tall enough to read the whole compiled condition in the narrow panel, up to a point.
        rows={advanced ? 4 : Math.min(5, Math.max(2, Math.ceil(text.length / 42)))}
        className={`${inputClass} font-mono text-xs ${advanced ? "" : "bg-slate-50 text-slate-600"}`}
        placeholder="{{ trigger.total > 100 }}"
        value={text}
        onFocus={trackFocus("condition")}
        onChange={(event) => onChange(event.target.value)}
      />
      {data && (
        <ExpressionPreview
          name="condition"
          expected={data.expectedTypes.condition ?? ["boolean"]}
          value={text}
          context={data.context}
          nothingMessage={NOTHING_MESSAGE}
        />
      )}
      {advanced && !parsed.ok && parsed.reason === "unsupported" && (
        <p id={NOT_ROWS_ID} data-testid="condition-not-rows" className="text-xs text-slate-500">
          This condition uses JSONata the builder cannot show as rows; edit it here.
        </p>
      )}
      {advanced && !parsed.ok && parsed.reason === "syntax" && (
        <p className="text-xs text-slate-500">Fix the expression to go back to the builder.</p>
      )}
      {advanced && text.trim() !== "" && !text.includes("{{") && (
        <p className="text-xs text-amber-700">
          Without {"{{ }}"} this is fixed text, not an expression: wrap it, e.g. {"{{ trigger.total > 100 }}"}.
        </p>
      )}
      {treeOpen && (
        <DataPanel
          id="condition-tree-advanced"
          target="the condition"
          data={data}
          onInsert={(reference) => insert("condition", expressionId, text, reference, onChange)}
        />
      )}
    </div>
  );
}
