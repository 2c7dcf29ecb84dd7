"use client";
// The dashboard above the run list: counts, failure rate and duration percentiles for the filter's time range (24 h
// unless it names one), runs over time, the flows that fail most and the most frequent errors. Every flow and error
// links to its runs. On a flow's page (`compact`) it shows that flow alone: no list of failing flows, smaller tiles.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { AlertTriangle, BarChart3 } from "lucide-react";
import { formatDuration, formatRelative } from "@/lib/format";
import { filterToSearchParams, timeRangeLabels, type ParsedRunFilter } from "@/lib/run-filters";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { RunsChart } from "./runs-chart";

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(rate < 0.1 ? 1 : 0)} %`);

function Stat(props: { label: string; value: string; testId: string; tone?: "bad"; compact?: boolean }) {
  return (
    <div
      className={`rounded-lg border border-slate-200 bg-white shadow-sm ${props.compact ? "px-3 py-2" : "px-4 py-3"}`}
    >
      <div className="truncate text-xs font-medium uppercase tracking-wide text-slate-500">{props.label}</div>
      <div
        data-testid={props.testId}
        className={`mt-1 font-semibold tabular-nums ${props.compact ? "text-lg" : "text-2xl"} ${props.tone === "bad" ? "text-[#B34700]" : "text-slate-900"}`}
      >
        {props.value}
      </div>
    </div>
  );
}

export function RunsDashboard(props: {
  filter: ParsedRunFilter;
  linkTo: (filter: ParsedRunFilter) => string;
  /** One flow's dashboard, on its designer page: its figures, chart and errors, in less room. */
  compact?: boolean;
}) {
  const trpc = useTRPC();
  const { filter, compact } = props;
  const chartHeight = compact ? "h-44" : "h-64";
  // The flow page's panel is as wide as the canvas: its tiles follow the panel's width, not the window's.
  const tiles = compact ? "grid grid-cols-3 gap-2 @3xl:grid-cols-6" : "grid grid-cols-2 gap-3 md:grid-cols-6";
  const board = useQuery(
    trpc.runs.dashboard.queryOptions(filter, { refetchInterval: 15_000, placeholderData: keepPreviousData }),
  );
  const rangeLabel = filter.range ? timeRangeLabels[filter.range] : timeRangeLabels["24h"];
  const rangeFilter: ParsedRunFilter = filter.range ? {} : { range: "24h" };

  if (board.isPending) {
    return (
      <section data-testid="dashboard-loading" aria-busy className="@container grid animate-pulse gap-4">
        <div className={tiles}>
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className={`${compact ? "h-[62px]" : "h-[74px]"} rounded-lg bg-slate-200/70`} />
          ))}
        </div>
        <div className={`${chartHeight} rounded-lg bg-slate-200/70`} />
      </section>
    );
  }
  if (board.isError) {
    return (
      <section
        data-testid="dashboard-error"
        className="flex items-center justify-between rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800"
      >
        <span className="flex items-center gap-2">
          <AlertTriangle size={16} aria-hidden /> Could not load the dashboard: {errorMessage(board.error)}
        </span>
        <Button onClick={() => void board.refetch()}>Try again</Button>
      </section>
    );
  }
  const { totals, series, failingFlows, errors, bucketSeconds, approximatePercentiles } = board.data;
  // Over days the percentiles come from rollup histograms, within 5 %: say so.
  const about = approximatePercentiles && totals.p50 !== null ? "≈ " : "";
  return (
    <section
      data-testid="dashboard"
      className={`@container grid ${compact ? "gap-3" : "gap-4"}`}
      aria-label={`Dashboard, ${rangeLabel}`}
    >
      <div className={tiles}>
        <Stat compact={compact} label="Runs" value={totals.total.toLocaleString("en")} testId="stat-total" />
        <Stat
          compact={compact}
          label="Succeeded"
          value={totals.succeeded.toLocaleString("en")}
          testId="stat-succeeded"
        />
        <Stat
          compact={compact}
          label="Failed"
          value={totals.failed.toLocaleString("en")}
          testId="stat-failed"
          tone={totals.failed > 0 ? "bad" : undefined}
        />
        <Stat compact={compact} label="Failure rate" value={percent(totals.failureRate)} testId="stat-failure-rate" />
        <Stat compact={compact} label="p50 duration" value={about + formatDuration(totals.p50)} testId="stat-p50" />
        <Stat compact={compact} label="p95 duration" value={about + formatDuration(totals.p95)} testId="stat-p95" />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-2 text-sm font-medium text-slate-700">Runs over time · {rangeLabel}</h2>
        {totals.total === 0 ? (
          <div
            data-testid="dashboard-empty"
            className={`flex ${chartHeight} flex-col items-center justify-center text-slate-500`}
          >
            <BarChart3 size={32} aria-hidden className="text-slate-300" />
            <p className="mt-2 text-sm">
              {compact
                ? "This flow has no runs in this range."
                : `No runs in this range${Object.keys(filter).length > 1 ? " match the filters" : ""}.`}
            </p>
          </div>
        ) : (
          <RunsChart series={series} bucketSeconds={bucketSeconds} className={chartHeight} />
        )}
      </div>
      <div className={`grid gap-4 ${compact ? "" : "md:grid-cols-2"}`}>
        {!compact && (
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="mb-2 text-sm font-medium text-slate-700">Flows that fail most</h2>
            {failingFlows.length === 0 ? (
              <p className="text-sm text-slate-500">No failed runs in this range.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="failing-flows">
                {failingFlows.map((flow) => (
                  <li key={flow.flowId} className="flex items-center justify-between gap-3 py-2">
                    <a
                      className="truncate font-medium text-brand-700 hover:underline"
                      href={props.linkTo({ ...rangeFilter, ...filter, flowId: flow.flowId, status: "failed" })}
                    >
                      {flow.flowName}
                    </a>
                    <span className="shrink-0 tabular-nums text-slate-600">
                      {flow.failed.toLocaleString("en")} of {flow.total.toLocaleString("en")} ·{" "}
                      {percent(flow.failureRate)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="mb-2 text-sm font-medium text-slate-700">Most frequent errors</h2>
          {errors.length === 0 ? (
            <p className="text-sm text-slate-500">No errors in this range.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="top-errors">
              {errors.map((error) => (
                <li key={`${error.code}:${error.message}`} className="flex items-start justify-between gap-3 py-2">
                  <a
                    data-testid="top-error"
                    className="min-w-0 hover:underline"
                    href={props.linkTo({
                      ...rangeFilter,
                      ...filter,
                      status: "failed",
                      error: (error.message ?? error.code ?? "").slice(0, 200) || undefined,
                    })}
                  >
                    <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                      {error.code ?? "—"}
                    </span>
                    <span className="text-slate-800">{error.message ?? "(no message)"}</span>
                  </a>
                  <span className="shrink-0 text-right tabular-nums text-slate-600">
                    {error.count.toLocaleString("en")}×
                    <span className="block text-xs text-slate-400">last {formatRelative(error.lastSeen)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

/** A link to /runs (or the given page) with a filter. */
export function runsHref(path: string, filter: ParsedRunFilter): string {
  const query = filterToSearchParams(filter).toString();
  return query ? `${path}?${query}` : path;
}
