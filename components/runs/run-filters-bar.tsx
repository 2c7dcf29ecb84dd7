"use client";
// Flow, status, trigger, time range, error text and business key: each change is a new URL (see useRunFilter).
import { useQuery } from "@tanstack/react-query";
import { Search, X } from "lucide-react";
import { useState, type FormEvent } from "react";
import {
  RUN_STATUSES,
  TIME_RANGES,
  TRIGGER_KINDS,
  timeRangeLabels,
  triggerLabels,
  type ParsedRunFilter,
  type TimeRange,
} from "@/lib/run-filters";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { inputClass, TextInput } from "../ui/text-input";

const selectClass = `${inputClass} w-auto pr-8`;

function toLocalInput(date: Date | undefined): string {
  if (!date) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function RunFiltersBar(props: {
  filter: ParsedRunFilter;
  onChange: (change: Partial<ParsedRunFilter>) => void;
  /** The flow page shows one flow: no flow picker there. */
  fixedFlow?: boolean;
}) {
  const { filter, onChange } = props;
  const trpc = useTRPC();
  const flows = useQuery({ ...trpc.flows.list.queryOptions(), enabled: !props.fixedFlow });
  // Text filters apply on Enter or Search, not per keystroke: each change is a step in the browser's history.
  const [error, setError] = useState(filter.error ?? "");
  const [businessKey, setBusinessKey] = useState(filter.businessKey ?? "");
  const [seen, setSeen] = useState(filter);
  if (seen !== filter) {
    setSeen(filter);
    setError(filter.error ?? "");
    setBusinessKey(filter.businessKey ?? "");
  }
  const range: TimeRange | "" = filter.range ?? "";
  const hasAny = Object.values(filter).some((value) => value !== undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    onChange({ error: error.trim() || undefined, businessKey: businessKey.trim() || undefined });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" data-testid="run-filters" role="search">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Business key
        <TextInput
          data-testid="filter-business-key"
          placeholder="e.g. Y100001007"
          value={businessKey}
          onChange={(event) => setBusinessKey(event.target.value)}
          className="w-48"
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Error contains
        <TextInput
          data-testid="filter-error"
          placeholder="code or message"
          value={error}
          onChange={(event) => setError(event.target.value)}
          className="w-56"
        />
      </label>
      <Button type="submit" data-testid="filter-search">
        <Search size={14} aria-hidden /> Search
      </Button>
      {!props.fixedFlow && (
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Flow
          <select
            data-testid="filter-flow"
            className={selectClass}
            value={filter.flowId ?? ""}
            onChange={(event) => onChange({ flowId: event.target.value || undefined })}
          >
            <option value="">All flows</option>
            {flows.data?.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Status
        <select
          data-testid="filter-status"
          className={selectClass}
          value={filter.status ?? ""}
          onChange={(event) =>
            onChange({ status: RUN_STATUSES.find((status) => status === event.target.value) ?? undefined })
          }
        >
          <option value="">Any status</option>
          {RUN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status[0]?.toUpperCase()}
              {status.slice(1)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Trigger
        <select
          data-testid="filter-trigger"
          className={selectClass}
          value={filter.trigger ?? ""}
          onChange={(event) => onChange({ trigger: event.target.value || undefined })}
        >
          <option value="">Any trigger</option>
          {TRIGGER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {triggerLabels[kind]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Time
        <select
          data-testid="filter-range"
          className={selectClass}
          value={range}
          onChange={(event) => onChange({ range: TIME_RANGES.find((known) => known === event.target.value) })}
        >
          <option value="">Any time</option>
          {TIME_RANGES.map((known) => (
            <option key={known} value={known}>
              {timeRangeLabels[known]}
            </option>
          ))}
        </select>
      </label>
      {range === "custom" && (
        <>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            From
            <TextInput
              type="datetime-local"
              data-testid="filter-from"
              value={toLocalInput(filter.from)}
              onChange={(event) => onChange({ from: event.target.value ? new Date(event.target.value) : undefined })}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            To
            <TextInput
              type="datetime-local"
              data-testid="filter-to"
              value={toLocalInput(filter.to)}
              onChange={(event) => onChange({ to: event.target.value ? new Date(event.target.value) : undefined })}
            />
          </label>
        </>
      )}
      {hasAny && (
        <Button
          variant="ghost"
          data-testid="filter-clear"
          onClick={() =>
            onChange({
              status: undefined,
              trigger: undefined,
              range: undefined,
              error: undefined,
              businessKey: undefined,
              ...(props.fixedFlow ? {} : { flowId: undefined }),
            })
          }
        >
          <X size={14} aria-hidden /> Clear filters
        </Button>
      )}
    </form>
  );
}
