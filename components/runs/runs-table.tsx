"use client";
// The run list under the dashboard: keyset pages ("Show older runs"), sortable by start or duration, live at the top,
// with a selection for bulk actions and the CSV export of everything the filter matches.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ArrowDown, Download, History } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { formatDateTime, formatDuration } from "@/lib/format";
import { filterToSearchParams, triggerLabels, type ParsedRunFilter, type RunSort } from "@/lib/run-filters";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { StatusBadge } from "../ui/status-badge";
import { BulkActions, type Selection } from "./bulk-actions";
import { useLiveRuns } from "./use-live-runs";

function SortHeader(props: { label: string; active: boolean; onClick: () => void; testId: string }) {
  return (
    <th className="px-4 py-3" aria-sort={props.active ? "descending" : "none"}>
      <button
        type="button"
        data-testid={props.testId}
        onClick={props.onClick}
        className={`inline-flex items-center gap-1 uppercase tracking-wide ${props.active ? "text-slate-900" : "hover:text-slate-700"}`}
      >
        {props.label}
        {props.active && <ArrowDown size={12} aria-label="newest or longest first" />}
      </button>
    </th>
  );
}

export function RunsTable(props: {
  filter: ParsedRunFilter;
  sort: RunSort;
  onSort: (sort: RunSort) => void;
  search: string;
}) {
  const trpc = useTRPC();
  const { filter, sort } = props;
  const runs = useInfiniteQuery(
    trpc.runs.list.infiniteQueryOptions(
      { ...filter, sort, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const pages = runs.data?.pages.flatMap((page) => page.items) ?? [];
  const items = useLiveRuns(filter, pages, runs.isSuccess && sort === "started", props.search);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [seenSearch, setSeenSearch] = useState(props.search);
  if (seenSearch !== props.search) {
    setSeenSearch(props.search);
    setSelected(new Set());
    setAllMatching(false);
  }
  const allOnPageSelected = items.length > 0 && items.every((run) => selected.has(run.id));
  const matching = useQuery({
    ...trpc.runs.count.queryOptions({ filter }),
    enabled: allOnPageSelected && runs.hasNextPage === true,
  });
  const selection: Selection | null = allMatching
    ? { kind: "matching", count: matching.data?.count ?? items.length }
    : selected.size > 0
      ? { kind: "ids", ids: [...selected] }
      : null;
  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const exportHref = `/api/runs/export?${filterToSearchParams(filter).toString()}`;

  return (
    <section className="grid gap-3">
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-sm font-medium text-slate-700">
          Runs{sort === "duration" ? ", longest first (finished runs)" : ", newest first"}
        </h2>
        <a href={exportHref} download data-testid="export-csv">
          <Button tabIndex={-1}>
            <Download size={14} aria-hidden /> Export CSV
          </Button>
        </a>
      </div>
      {selection && (
        <BulkActions
          selection={selection}
          filter={filter}
          onDone={() => {
            setSelected(new Set());
            setAllMatching(false);
          }}
        />
      )}
      {allOnPageSelected && runs.hasNextPage && !allMatching && (
        <p className="text-sm text-slate-600" data-testid="select-all-matching-hint">
          All {items.length} runs on screen are selected.{" "}
          <button
            type="button"
            className="font-medium text-brand-700 hover:underline"
            data-testid="select-all-matching"
            onClick={() => setAllMatching(true)}
          >
            Select all{" "}
            {matching.data ? `${matching.data.capped ? "over " : ""}${matching.data.count.toLocaleString("en")}` : ""}{" "}
            runs matching the filter
          </button>
        </p>
      )}
      {runs.isPending && (
        <div data-testid="runs-loading" aria-busy className="grid animate-pulse gap-2">
          {Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="h-10 rounded bg-slate-200/70" />
          ))}
        </div>
      )}
      {runs.isError && (
        <p className="text-sm text-red-600" data-testid="runs-error">
          Could not load runs: {errorMessage(runs.error)}
        </p>
      )}
      {runs.isSuccess && items.length === 0 && (
        <div
          className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center"
          data-testid="runs-empty"
        >
          <History className="mx-auto text-slate-400" size={40} aria-hidden />
          <h2 className="mt-3 font-medium">{props.search ? "No runs match these filters" : "No runs yet"}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {props.search
              ? "Try a longer time range or clear a filter."
              : "Start a flow and click Run now, or wait for its trigger."}
          </p>
        </div>
      )}
      {items.length > 0 && (
        <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-sm shadow-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th className="w-10 px-4 py-3">
                <input
                  type="checkbox"
                  aria-label="Select all runs on screen"
                  data-testid="select-page"
                  checked={allOnPageSelected}
                  onChange={() => {
                    setAllMatching(false);
                    setSelected(allOnPageSelected ? new Set() : new Set(items.map((run) => run.id)));
                  }}
                />
              </th>
              <th className="px-4 py-3">Flow</th>
              <th className="px-4 py-3">Status</th>
              <th className="px-4 py-3">Business key</th>
              <th className="px-4 py-3">Trigger</th>
              <SortHeader
                label="Started"
                testId="sort-started"
                active={sort === "started"}
                onClick={() => props.onSort("started")}
              />
              <SortHeader
                label="Duration"
                testId="sort-duration"
                active={sort === "duration"}
                onClick={() => props.onSort("duration")}
              />
              <th className="px-4 py-3">Error</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((run) => (
              <tr key={run.id} data-testid="run-row" data-status={run.status} className="hover:bg-slate-50">
                <td className="px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label={`Select run ${run.id.slice(0, 8)}`}
                    data-testid="run-select"
                    checked={allMatching || selected.has(run.id)}
                    onChange={() => {
                      setAllMatching(false);
                      toggle(run.id);
                    }}
                  />
                </td>
                <td className="px-4 py-3 font-medium">
                  <Link href={`/runs/${run.id}`} data-testid="run-link" className="text-brand-700 hover:underline">
                    {run.flowName}
                  </Link>
                </td>
                <td className="px-4 py-3">
                  <StatusBadge status={run.status} />
                </td>
                <td className="px-4 py-3 font-mono text-xs text-slate-700" data-testid="run-business-key">
                  {run.businessKey ?? "—"}
                </td>
                <td className="px-4 py-3 text-slate-600">{triggerLabels[run.triggerKind] ?? run.triggerKind}</td>
                <td className="px-4 py-3 text-slate-600">{formatDateTime(run.startedAt ?? run.createdAt)}</td>
                <td className="px-4 py-3 tabular-nums text-slate-600">{formatDuration(run.durationMs)}</td>
                <td className="max-w-xs truncate px-4 py-3 text-slate-600" title={run.errorMessage ?? undefined}>
                  {run.errorMessage ?? ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {runs.hasNextPage && (
        <Button
          className="justify-self-start"
          onClick={() => void runs.fetchNextPage()}
          disabled={runs.isFetchingNextPage}
        >
          {runs.isFetchingNextPage ? "Loading…" : "Show older runs"}
        </Button>
      )}
    </section>
  );
}
