"use client";
// A field whose choices come from the remote system for the account chosen on the step (e.g. Sterling's enterprises):
// a combobox that loads them when an account is chosen, says what is happening (no account yet, loading, failed with
// the remote system's words and a Retry, nothing found, loaded with a Refresh) and still takes any typed value or
// `{{ template }}`, since the list may be out of reach while designing. A value not in the list stays, marked custom.
import { useQuery } from "@tanstack/react-query";
import { Check, ChevronsUpDown } from "lucide-react";
import { useId, useMemo, useState, type FocusEvent, type KeyboardEvent } from "react";
import type { FieldSpec } from "@/lib/schema-fields";
import { useTRPC } from "../../trpc";
import { inputClass, TextInput } from "../../ui/text-input";
import { literalDependencies, useDynamicOptionsStep } from "./dynamic-options-context";
import { capitalized, OptionsStatus } from "./dynamic-options-status";

interface InputProps {
  id: string;
  "data-testid": string;
  "aria-required"?: boolean;
  onFocus: (event: FocusEvent<HTMLInputElement>) => void;
}

/** Design-time lists change rarely; refetching on every focus would load the remote system for nothing. */
const LIST_STALE_MS = 5 * 60_000;

export function DynamicOptionsField({
  field,
  value,
  onChange,
  inputProps,
}: {
  field: FieldSpec;
  value: unknown;
  onChange: (value: unknown) => void;
  inputProps: InputProps;
}) {
  const step = useDynamicOptionsStep();
  const list = field.optionsLoader ? step?.optionLists[field.optionsLoader] : undefined;
  const trpc = useTRPC();
  const stepValues = step?.values;
  const dependsOn = list?.dependsOn;
  const dependencies = useMemo(() => literalDependencies(stepValues ?? {}, dependsOn ?? []), [stepValues, dependsOn]);
  const accountId = step?.accountId;
  const query = useQuery(
    trpc.connectors.fieldOptions.queryOptions(
      {
        connectorId: step?.connectorId ?? "",
        operation: step?.operation ?? "",
        field: field.name,
        accountId: accountId ?? "",
        values: dependencies,
      },
      {
        enabled: Boolean(step && list && accountId),
        retry: false,
        staleTime: LIST_STALE_MS,
        refetchOnWindowFocus: false,
      },
    ),
  );
  const [open, setOpen] = useState(false);
  // What the user typed since opening the list, to filter it; null shows the whole list.
  const [typed, setTyped] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const statusId = useId();

  const text = typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
  if (!step || !list) {
    // Outside a step that knows its account the field is an ordinary text field.
    return (
      <TextInput
        {...inputProps}
        placeholder={field.placeholder}
        value={text}
        onChange={(event) => onChange(event.target.value || undefined)}
      />
    );
  }

  const options = query.data?.options ?? [];
  const needle = typed?.trim().toLowerCase() ?? "";
  const shown = needle
    ? options.filter(
        (option) => option.value.toLowerCase().includes(needle) || option.label.toLowerCase().includes(needle),
      )
    : options;
  const expanded = open && options.length > 0;
  const matched = options.find((option) => option.value === text);
  const isTemplate = text.includes("{{");
  const activeIndex = Math.min(active, shown.length - 1);

  const pick = (choice: string) => {
    onChange(choice);
    setOpen(false);
    setTyped(null);
  };
  const openList = () => {
    setOpen(true);
    setActive(
      Math.max(
        0,
        shown.findIndex((option) => option.value === text),
      ),
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!expanded) return openList();
      const delta = event.key === "ArrowDown" ? 1 : -1;
      setActive((activeIndex + delta + shown.length) % Math.max(1, shown.length));
    } else if (event.key === "Enter" && expanded && shown[activeIndex]) {
      event.preventDefault();
      pick(shown[activeIndex].value);
    } else if (event.key === "Escape" && expanded) {
      // Closes the list only, not the panel or dialog around it.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="flex flex-col gap-1">
      <div className="relative">
        <input
          {...inputProps}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && shown[activeIndex] ? `${listId}-${activeIndex}` : undefined}
          aria-describedby={statusId}
          className={`${inputClass} pr-8`}
          placeholder={field.placeholder}
          value={text}
          onChange={(event) => {
            onChange(event.target.value || undefined);
            setTyped(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onClick={openList}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setTyped(null);
          }}
        />
        <button
          type="button"
          tabIndex={-1}
          aria-label={`Show the ${list.noun}`}
          data-testid={`field-options-toggle-${field.name}`}
          disabled={options.length === 0}
          className="absolute inset-y-0 right-0 grid w-8 place-items-center text-slate-400 hover:text-slate-600 disabled:text-slate-300"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            document.getElementById(inputProps.id)?.focus();
            if (expanded) setOpen(false);
            else openList();
          }}
        >
          <ChevronsUpDown size={14} aria-hidden />
        </button>
        {expanded && (
          <ul
            id={listId}
            role="listbox"
            aria-label={capitalized(list.noun)}
            data-testid={`field-options-list-${field.name}`}
            className="absolute z-20 mt-1 max-h-60 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
          >
            {shown.length === 0 && (
              <li className="px-3 py-2 text-slate-500">
                No {list.noun} match “{typed}”: the value stays as typed.
              </li>
            )}
            {shown.map((option, index) => (
              <li
                key={option.value}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={option.value === text}
                data-testid={`field-option-${field.name}-${option.value}`}
                className={`flex cursor-pointer items-center gap-2 px-3 py-1.5 ${index === activeIndex ? "bg-brand-50" : ""}`}
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(index)}
                onClick={() => pick(option.value)}
              >
                <Check size={14} aria-hidden className={option.value === text ? "text-brand-600" : "invisible"} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-slate-900">{option.label}</span>
                  {option.description && (
                    <span className="block truncate text-xs text-slate-500">{option.description}</span>
                  )}
                </span>
                {option.label !== option.value && (
                  <code className="shrink-0 text-xs text-slate-500">{option.value}</code>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <OptionsStatus
        id={statusId}
        name={field.name}
        noun={list.noun}
        query={query}
        hasAccount={Boolean(accountId)}
        chosenLabel={matched && matched.label !== matched.value ? matched.label : undefined}
        custom={query.isSuccess && text !== "" && !matched && !isTemplate}
      />
    </div>
  );
}
