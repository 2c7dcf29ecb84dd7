"use client";
// An If's condition for people who do not write JSONata: rows of field / operator / value, in groups joined by AND or
// OR. The compiled expression is always shown beneath; typing in it (or "Advanced") switches to writing it by hand,
// and "Use the builder" reads a hand-written expression back into rows when the builder can show it.
import { Plus } from "lucide-react";
import { useId, useMemo, useState } from "react";
import {
  builderMatches,
  compileCondition,
  CONDITION_BUILDER_KEY,
  emptyBuilder,
  emptyRule,
  readBuilder,
  type ConditionBuilder,
  type ConditionJoin,
  type ConditionRule,
} from "@/lib/condition";
import { parseCondition } from "@/lib/condition-parse";
import type { FlowNode } from "@/lib/flow-graph";
import { Button } from "../../ui/button";
import { fieldReferences } from "../mapping/available-data";
import { ConditionExpression, conditionText, NOT_ROWS_ID } from "./condition-expression";
import { RuleRow, type TreeTarget } from "./condition-rule-row";
import { conditionViewKey, useConditionView, type ConditionView } from "./condition-view";
import { useDesignerActions } from "../store/hooks";
import { updateNode } from "../graph/graph-edit";
import { useNodeData } from "../mapping/node-data-context";

function JoinSelect({
  value,
  onChange,
  testId,
  label,
}: {
  value: ConditionJoin;
  onChange: (join: ConditionJoin) => void;
  testId: string;
  label: string;
}) {
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

export function ConditionBuilder({ node }: { node: FlowNode }) {
  const { edit } = useDesignerActions();
  const data = useNodeData();
  const listId = useId();
  const stored = readBuilder(node.inputs[CONDITION_BUILDER_KEY]);
  const condition = node.inputs.condition;
  const matches = builderMatches(stored, condition);
  // A condition the builder did not write (by hand, from before the builder, or put back by undo while rows were
  // shown) is shown as it was written; rows are shown only when they are what the stored condition says.
  const currentKey = conditionViewKey(condition, stored);
  const { view, remember } = useConditionView(
    currentKey,
    matches || (stored === undefined && conditionText(condition) === ""),
  );
  const { advanced, notes } = view;
  const [treeFor, setTreeFor] = useState<TreeTarget | null>(null);
  const builder = stored ?? emptyBuilder();
  const sources = data?.sources;
  const paths = useMemo(() => (sources ? fieldReferences(sources) : []), [sources]);
  const parsed = useMemo(() => parseCondition(condition), [condition]);
  const canUseBuilder = matches || parsed.ok || parsed.reason === "empty";

  /** Stores the inputs, to be shown as `shown`, which is also how undo or redo coming back to them shows them. */
  const saveInputs = (next: Record<string, unknown>, shown: ConditionView) => {
    remember(conditionViewKey(next.condition, readBuilder(next[CONDITION_BUILDER_KEY])), shown);
    edit((current) => updateNode(current, node.id, { inputs: next }));
  };
  const setBuilder = (next: ConditionBuilder, shown: ConditionView = { advanced: false, notes }) => {
    const { condition: _old, ...rest } = node.inputs;
    const compiled = compileCondition(next);
    saveInputs(
      { ...rest, ...(compiled === undefined ? {} : { condition: compiled }), [CONDITION_BUILDER_KEY]: next },
      shown,
    );
  };
  const setExpression = (text: string) => {
    const { condition: _old, ...rest } = node.inputs;
    const value = text === "true" || text === "false" ? text === "true" : text;
    saveInputs(text.trim() === "" ? rest : { ...rest, condition: value }, { advanced: true, notes: [] });
  };
  const setGroup = (index: number, rules: ConditionRule[], join?: ConditionJoin) =>
    setBuilder({
      ...builder,
      groups: builder.groups
        .map((group, at) => (at === index ? { join: join ?? group.join, rules } : group))
        .filter((group) => group.rules.length > 0),
    });
  const switchMode = () => {
    setTreeFor(null);
    if (!advanced) {
      remember(currentKey, { advanced: true, notes: [] });
      return;
    }
    // Never back to rows that would drop or silently change a hand-written condition.
    if (!canUseBuilder) return;
    if (matches) remember(currentKey, { advanced: false, notes: [] });
    else
      setBuilder(parsed.ok ? parsed.builder : emptyBuilder(), {
        advanced: false,
        notes: parsed.ok ? parsed.notes : [],
      });
  };

  return (
    <div className="flex flex-col gap-3" data-testid="condition-builder">
      <div>
        <p className="text-sm font-medium text-slate-700">
          Condition
          <span className="ml-0.5 text-red-600" aria-label="required">
            *
          </span>
        </p>
        <p className="text-xs text-slate-500">
          The flow takes the true path when the condition holds, else the false path.
        </p>
      </div>
      {!advanced && notes.length > 0 && (
        <div
          data-testid="condition-builder-notes"
          role="status"
          className="flex flex-col gap-1 rounded-md border border-amber-200 bg-amber-50 p-2 text-xs text-amber-800"
        >
          <p className="font-medium">Shown as rows. What differs from the expression as it was written:</p>
          <ul className="list-disc pl-4">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
          <Button
            variant="ghost"
            className="self-end px-2 py-0.5 text-xs"
            onClick={() => remember(currentKey, { advanced: false, notes: [] })}
          >
            Got it
          </Button>
        </div>
      )}
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
                <JoinSelect
                  label="Join groups with"
                  testId="condition-join"
                  value={builder.join}
                  onChange={(join) => setBuilder({ ...builder, join })}
                />
              )}
              <div
                className="flex flex-col gap-1.5 rounded-lg border border-slate-200 bg-slate-50 p-2"
                data-testid={`condition-group-${groupIndex}`}
              >
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
                      data={data}
                      treeFor={treeFor}
                      onTree={setTreeFor}
                      onChange={(next) =>
                        setGroup(
                          groupIndex,
                          group.rules.map((candidate, at) => (at === ruleIndex ? next : candidate)),
                        )
                      }
                      onRemove={() =>
                        setGroup(
                          groupIndex,
                          group.rules.filter((_, at) => at !== ruleIndex),
                        )
                      }
                    />
                  </div>
                ))}
                <Button
                  variant="ghost"
                  data-testid={`condition-add-rule-${groupIndex}`}
                  className="self-start text-xs"
                  onClick={() => setGroup(groupIndex, [...group.rules, emptyRule()])}
                >
                  <Plus size={13} aria-hidden /> Add condition
                </Button>
              </div>
            </div>
          ))}
          <Button
            data-testid="condition-add-group"
            className="self-start text-xs"
            onClick={() =>
              setBuilder({ ...builder, groups: [...builder.groups, { join: "and", rules: [emptyRule()] }] })
            }
          >
            <Plus size={13} aria-hidden /> Add group
          </Button>
        </div>
      )}
      <ConditionExpression
        condition={condition}
        advanced={advanced}
        parsed={parsed}
        data={data}
        treeFor={treeFor}
        onTree={setTreeFor}
        onChange={(text) => {
          if (!advanced) setTreeFor(null);
          setExpression(text);
        }}
      />
      <Button
        variant="ghost"
        data-testid="condition-advanced-toggle"
        aria-pressed={advanced}
        aria-disabled={advanced && !canUseBuilder ? true : undefined}
        aria-describedby={advanced && !parsed.ok && parsed.reason === "unsupported" ? NOT_ROWS_ID : undefined}
        title={advanced && !canUseBuilder ? "The builder cannot show this condition as rows" : undefined}
        className={`self-start text-xs ${advanced && !canUseBuilder ? "cursor-not-allowed opacity-50" : ""}`}
        onClick={switchMode}
      >
        {advanced ? "Use the builder" : "Advanced (JSONata)"}
      </Button>
    </div>
  );
}
