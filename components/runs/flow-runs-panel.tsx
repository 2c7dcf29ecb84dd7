"use client";
// One flow's runs dashboard under its canvas: collapsed to a bar until asked for, so the dashboard is only queried
// when someone looks at it. The figures, chart and errors are /runs's own (RunsDashboard), narrowed to this flow.
import { Activity, ChevronDown, ChevronUp, ArrowRight } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { TIME_RANGES, timeRangeLabels, type TimeRange } from "@/lib/run-filters";
import { runsHref, RunsDashboard } from "./runs-dashboard";

/** Custom ranges need two dates: that belongs on /runs, not in this bar. */
const PANEL_RANGES = TIME_RANGES.filter((range): range is Exclude<TimeRange, "custom"> => range !== "custom");

export function FlowRunsPanel({ flowId }: { flowId: string }) {
  const [open, setOpen] = useState(false);
  const [range, setRange] = useState<Exclude<TimeRange, "custom">>("24h");
  const filter = { flowId, range };
  return (
    <section
      data-testid="flow-runs-panel"
      aria-label="This flow's runs"
      className="flex max-h-[60%] shrink-0 flex-col border-t border-slate-200 bg-white"
    >
      <div className="flex items-center gap-3 px-3 py-1.5">
        <button
          type="button"
          data-testid="flow-runs-toggle"
          aria-expanded={open}
          aria-controls="flow-runs-body"
          onClick={() => setOpen((was) => !was)}
          className="inline-flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded px-1 py-0.5 text-sm font-medium text-slate-700 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        >
          <Activity size={14} aria-hidden className="text-brand-700" />
          Runs dashboard
          {open ? <ChevronDown size={14} aria-hidden /> : <ChevronUp size={14} aria-hidden />}
        </button>
        {open && (
          <>
            <select
              data-testid="flow-runs-range"
              aria-label="Time range"
              className="rounded-md border border-slate-300 bg-white py-1 pl-2 pr-7 text-xs text-slate-700 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
              value={range}
              onChange={(event) => setRange(PANEL_RANGES.find((known) => known === event.target.value) ?? "24h")}
            >
              {PANEL_RANGES.map((known) => (
                <option key={known} value={known}>
                  {timeRangeLabels[known]}
                </option>
              ))}
            </select>
            <Link
              href={runsHref("/runs", filter)}
              data-testid="flow-runs-open-all"
              className="ml-auto inline-flex shrink-0 items-center gap-1 whitespace-nowrap text-xs font-medium text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            >
              Open all runs
              <ArrowRight size={12} aria-hidden />
            </Link>
          </>
        )}
      </div>
      {open && (
        <div id="flow-runs-body" className="min-h-0 overflow-y-auto bg-slate-50 p-3">
          <RunsDashboard compact filter={filter} linkTo={(next) => runsHref("/runs", next)} />
        </div>
      )}
    </section>
  );
}
