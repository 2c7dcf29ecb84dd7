"use client";
// An If's condition for people who do not write JSONata: rows of field / operator / value, in groups joined by AND or
// OR. The compiled expression is always shown beneath; typing in it (or "Advanced") switches to writing it by hand.
import { Plus, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import {
  builderMatches,
  compileCondition,
  CONDITION_BUILDER_KEY,
  conditionOperators,
  emptyBuilder,
  emptyRule,
  operatorLabels,
  operatorTakesValue,
  readBuilder,
  type ConditionBuilder,
  type ConditionJoin,
  type ConditionRule,
} from "@/lib/condition";
import type { ConnectorManifest } from "@/lib/connector-manifest";
import type { FlowNode } from "@/lib/flow-graph";
import { Button } from "../ui/button";
import { inputClass } from "../ui/text-input";
import { conditionPaths } from "./condition-paths";
import { useDesignerStore } from "./designer-store";
import { updateNode } from "./graph-edit";

function conditionText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function JoinSelect({ value, onChange, testId, label }: { value: ConditionJoin; onChange: (join: ConditionJoin) => void; testId: string; label: string }) {
  return (
    <select
      aria-label={label}
      data-testid={testId}
      className="self-start rounded-md border border-slate-300 bg-white px-1.5 py-0.5 text-xs font-semibold uppercase text-slate-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/30"
      value={value}
      onChange={(event) => onChange(event.target.value === "or" ? "or" : "and")}
    >
      <option value="and">and</option>
      <option value="or">or</option>
    </select>
  );
}

function RuleRow({ rule, id, listId, onChange, onRemove }: { rule: ConditionRule; id: string; listId: string; onChange: (rule: ConditionRule) => void; onRemove: () => void }) {
  return (
    <div className="flex flex-col gap-1.5 rounded-md border border-slate-200 bg-white p-2" data-testid={`condition-rule-${id}`}>
      <div className="flex items-center gap-1.5">
        <input
          aria-label="Field"
          data-testid={`condition-field-${id}`}
          list={listId}
          placeholder="trigger.total"
          className={`${inputClass} font-mono text-xs`}
          value={rule.field}
          onChange={(event) => onChange({ ...rule, field: event.target.value })}
        />
        <Button variant="ghost" aria-label="Remove this condition" data-testid={`condition-remove-${id}`} className="shrink-0 px-1.5" onClick={onRemove}>
          <Trash2 size={14} aria-hidden />
        </Button>
      </div>
      <div className="grid grid-cols-2 gap-1.5">
        <select
          aria-label="Comparison"
          data-testid={`condition-operator-${id}`}
          className={`${inputClass} ${operatorTakesValue(rule.operator) ? "" : "col-span-2"}`}
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
        {operatorTakesValue(rule.operator) && (
          <input
            aria-label="Value"
            data-testid={`condition-value-${id}`}
            placeholder="100 or text"
            className={inputClass}
            value={rule.value}
            onChange={(event) => onChange({ ...rule, value: event.target.value })}
          />
        )}
      </div>
    </div>
  );
}

export function ConditionBuilder({ node, manifest }: { node: FlowNode; manifest: ConnectorManifest | undefined }) {
  const edit = useDesignerStore((state) => state.edit);
  const graph = useDesignerStore((state) => state.graph);
  const listId = useId();
  const expressionId = useId();
  const stored = readBuilder(node.inputs[CONDITION_BUILDER_KEY]);
  const condition = node.inputs.condition;
  const matches = builderMatches(stored, condition);
  // A condition the builder did not write (by hand, or from before the builder) opens as it was written.
  const [advanced, setAdvanced] = useState(() => !matches && conditionText(condition) !== "");
  const builder = stored ?? emptyBuilder();
  const paths = graph ? conditionPaths(graph, node.id, manifest) : [];

  const saveInputs = (next: Record<string, unknown>) => edit((current) => updateNode(current, node.id, { inputs: next }));
  const setBuilder = (next: ConditionBuilder) => {
    const { condition: _old, ...rest } = node.inputs;
    const compiled = compileCondition(next);
    saveInputs({ ...rest, ...(compiled === undefined ? {} : { condition: compiled }), [CONDITION_BUILDER_KEY]: next });
  };
  const setExpression = (text: string) => {
    const { condition: _old, ...rest } = node.inputs;
    const value = text === "true" || text === "false" ? text === "true" : text;
    saveInputs(text.trim() === "" ? rest : { ...rest, condition: value });
  };
  const setGroup = (index: number, rules: ConditionRule[], join?: ConditionJoin) =>
    setBuilder({
      ...builder,
      groups: builder.groups
        .map((group, at) => (at === index ? { join: join ?? group.join, rules } : group))
        .filter((group) => group.rules.length > 0),
    });

  return (
    <div className="flex flex-col gap-3" data-testid="condition-builder">
      <div>
        <p className="text-sm font-medium text-slate-700">
          Condition<span className="ml-0.5 text-red-600" aria-label="required">*</span>
        </p>
        <p className="text-xs text-slate-500">The flow takes the true path when the condition holds, else the false path.</p>
      </div>
      {!advanced && (
        <div className="flex flex-col gap-2">
          <datalist id={listId}>
            {paths.map((path) => (
              <option key={path} value={path} />
            ))}
          </datalist>
          {builder.groups.map((group, groupIndex) => (
            <div key={groupIndex} className="flex flex-col gap-2">
              {groupIndex > 0 && (
                <JoinSelect label="Join groups with" testId="condition-join" value={builder.join} onChange={(join) => setBuilder({ ...builder, join })} />
              )}
              <div className="flex flex-col gap-1.5 rounded-lg border border-slate-200 bg-slate-50 p-2" data-testid={`condition-group-${groupIndex}`}>
                {group.rules.map((rule, ruleIndex) => (
                  <div key={ruleIndex} className="flex flex-col gap-1.5">
                    {ruleIndex > 0 && (
                      <JoinSelect
                        label="Join conditions with"
                        testId={`condition-group-join-${groupIndex}-${ruleIndex}`}
                        value={group.join}
                        onChange={(join) => setGroup(groupIndex, group.rules, join)}
                      />
                    )}
                    <RuleRow
                      rule={rule}
                      id={`${groupIndex}-${ruleIndex}`}
                      listId={listId}
                      onChange={(next) => setGroup(groupIndex, group.rules.map((candidate, at) => (at === ruleIndex ? next : candidate)))}
                      onRemove={() => setGroup(groupIndex, group.rules.filter((_, at) => at !== ruleIndex))}
                    />
                  </div>
                ))}
                <Button variant="ghost" data-testid={`condition-add-rule-${groupIndex}`} className="self-start text-xs" onClick={() => setGroup(groupIndex, [...group.rules, emptyRule()])}>
                  <Plus size={13} aria-hidden /> Add condition
                </Button>
              </div>
            </div>
          ))}
          <Button
            data-testid="condition-add-group"
            className="self-start text-xs"
            onClick={() => setBuilder({ ...builder, groups: [...builder.groups, { join: "and", rules: [emptyRule()] }] })}
          >
            <Plus size={13} aria-hidden /> Add group
          </Button>
        </div>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor={expressionId} className="text-xs font-medium text-slate-600">
          {advanced ? "Condition as a JSONata expression" : "What the builder writes (JSONata)"}
        </label>
        <textarea
          id={expressionId}
          data-testid="field-condition"
          aria-required
          rows={advanced ? 4 : 2}
          className={`${inputClass} font-mono text-xs`}
          placeholder="{{ trigger.total > 100 }}"
          value={conditionText(condition)}
          onChange={(event) => {
            setAdvanced(true);
            setExpression(event.target.value);
          }}
        />
        {advanced && !matches && conditionText(condition) !== "" && (
          <p className="text-xs text-amber-700">The builder cannot show this expression; going back to the builder replaces it.</p>
        )}
      </div>
      <Button
        variant="ghost"
        data-testid="condition-advanced-toggle"
        aria-pressed={advanced}
        className="self-start text-xs"
        onClick={() => {
          if (advanced && !matches) setBuilder(builder);
          setAdvanced(!advanced);
        }}
      >
        {advanced ? "Use the builder" : "Advanced (JSONata)"}
      </Button>
    </div>
  );
}
