"use client";
// The grouped, filtered list of steps that both pickers show: "Add step" (roomy, with descriptions) and the "+" on an
// edge (compact). The list must sit inside a cmdk <Command>, which gives it arrow keys and Enter.
import { Command } from "cmdk";
import { GitBranch, Repeat, Reply } from "lucide-react";
import { ConnectorIcon } from "../../connector-icon";
import type { ResolvedOperation } from "@/lib/connector-manifest";
import { TOOLBOX_CONNECTOR_ID, type PickerOption, type PickerSection } from "./node-picker-options";

const toolIcons: Record<string, typeof GitBranch> = { if: GitBranch, forEach: Repeat, respond: Reply };

function OptionIcon({ option, size }: { option: PickerOption; size: number }) {
  const Tool = option.connector.id === TOOLBOX_CONNECTOR_ID ? toolIcons[option.operation.key] : undefined;
  return Tool ? <Tool size={size} aria-hidden /> : <ConnectorIcon name={option.connector.icon} size={size} />;
}

export function StepOptionsList({
  sections,
  empty,
  emptyTestId,
  testIdPrefix,
  compact = false,
  onPick,
}: {
  sections: readonly PickerSection[];
  empty: string;
  emptyTestId?: string;
  /** Each option's test id is `<prefix><connectorId>-<operationKey>`. */
  testIdPrefix: string;
  compact?: boolean;
  onPick: (choice: ResolvedOperation) => void;
}) {
  const heading = compact
    ? "[&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-[11px]"
    : "mb-1 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs";
  return (
    <Command.List className={`overflow-auto ${compact ? "p-1.5" : "p-2"}`}>
      <Command.Empty
        className={`px-2 text-center text-sm text-slate-500 ${compact ? "py-4" : "py-6"}`}
        data-testid={emptyTestId}
      >
        {empty}
      </Command.Empty>
      {sections.map((section) => (
        <Command.Group
          key={section.heading}
          heading={section.heading}
          className={`${heading} [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-500`}
        >
          {section.options.map((option) => (
            <Command.Item
              key={option.id}
              value={option.id}
              data-testid={`${testIdPrefix}${option.id}`}
              onSelect={() => onPick({ connector: option.connector, operation: option.operation })}
              className={`flex cursor-pointer rounded-md px-2 data-[selected=true]:bg-brand-50 ${
                compact ? "items-center gap-2 py-1.5 text-sm" : "items-start gap-2.5 py-2"
              }`}
            >
              <span
                className={`grid shrink-0 place-items-center rounded bg-brand-50 text-brand-700 ${compact ? "h-6 w-6" : "mt-0.5 h-7 w-7"}`}
              >
                <OptionIcon option={option} size={compact ? 13 : 15} />
              </span>
              {compact ? (
                <span className="truncate">{option.operation.label}</span>
              ) : (
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-slate-900">{option.operation.label}</span>
                  <span className="block truncate text-xs text-slate-500">{option.operation.description}</span>
                </span>
              )}
            </Command.Item>
          ))}
        </Command.Group>
      ))}
    </Command.List>
  );
}
