"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import Link from "next/link";
import { formatDateTime, formatDuration } from "@/lib/format";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { PageHeader } from "../ui/page-header";
import { StatusBadge } from "../ui/status-badge";

const triggerLabels: Record<string, string> = {
  manual: "Run now",
  schedule: "Schedule",
  poll: "New event",
  webhook: "Webhook",
};

export function RunsList() {
  const trpc = useTRPC();
  // The list refreshes itself so queued runs turn into results without a reload.
  const runs = useInfiniteQuery(
    trpc.runs.list.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, refetchInterval: 3000 },
    ),
  );
  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader title="Runs" description="Every run of every flow, newest first." />
      <section className="p-8">
        {runs.isPending && <p className="text-sm text-slate-500">Loading runs…</p>}
        {runs.isError && <p className="text-sm text-red-600">Could not load runs: {errorMessage(runs.error)}</p>}
        {runs.isSuccess && items.length === 0 && (
          <div className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center">
            <History className="mx-auto text-slate-400" size={40} aria-hidden />
            <h2 className="mt-3 font-medium">No runs yet</h2>
            <p className="mt-1 text-sm text-slate-600">Start a flow and click Run now, or wait for its trigger.</p>
          </div>
        )}
        {items.length > 0 && (
          <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-sm shadow-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Flow</th>
                <th className="px-4 py-3">Status</th>
                <th className="px-4 py-3">Trigger</th>
                <th className="px-4 py-3">Started</th>
                <th className="px-4 py-3">Duration</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((run) => (
                <tr key={run.id} data-testid="run-row" data-status={run.status} className="hover:bg-slate-50">
                  <td className="px-4 py-3 font-medium">
                    <Link href={`/runs/${run.id}`} data-testid="run-link" className="text-brand-700 hover:underline">
                      {run.flowName}
                    </Link>
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={run.status} />
                  </td>
                  <td className="px-4 py-3 text-slate-600">{triggerLabels[run.triggerKind] ?? run.triggerKind}</td>
                  <td className="px-4 py-3 text-slate-600">{formatDateTime(run.startedAt ?? run.createdAt)}</td>
                  <td className="px-4 py-3 tabular-nums text-slate-600">{formatDuration(run.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {runs.hasNextPage && (
          <Button className="mt-4" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
            {runs.isFetchingNextPage ? "Loading…" : "Show older runs"}
          </Button>
        )}
      </section>
    </>
  );
}
