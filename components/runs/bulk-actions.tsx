"use client";
// Replay from the failed step, or cancel, for the selected runs or for all runs matching the filter. The runs go to
// the server 25 at a time, so the bar shows progress; the summary lists each refusal with its reason.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Ban, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { ParsedRunFilter } from "@/lib/run-filters";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { errorMessage } from "../ui/error-message";

const BATCH = 25;
type Action = "replayFailedStep" | "cancel";
type Outcome = { id: string; ok: true; replayRunId?: string } | { id: string; ok: false; reason: string };

export type Selection = { kind: "ids"; ids: string[] } | { kind: "matching"; count: number };

const actionNames: Record<Action, string> = { replayFailedStep: "Replay from failed step", cancel: "Cancel" };

export function BulkActions(props: { selection: Selection; filter: ParsedRunFilter; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const bulk = useMutation(trpc.runs.bulk.mutationOptions());
  const [progress, setProgress] = useState<{ action: Action; done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<{ action: Action; outcomes: Outcome[]; failure?: string } | null>(null);
  const total = props.selection.kind === "ids" ? props.selection.ids.length : props.selection.count;

  async function idsToAct(): Promise<string[]> {
    if (props.selection.kind === "ids") return props.selection.ids;
    const asOf = new Date();
    const ids: string[] = [];
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await queryClient.fetchQuery(
        trpc.runs.matchingIds.queryOptions({ filter: props.filter, after, limit: 1000, asOf }, { staleTime: 0 }),
      );
      ids.push(...page.ids);
      if (!page.next) return ids;
      after = page.next;
    }
  }

  async function run(action: Action) {
    const outcomes: Outcome[] = [];
    setProgress({ action, done: 0, total });
    try {
      const ids = await idsToAct();
      setProgress({ action, done: 0, total: ids.length });
      for (let start = 0; start < ids.length; start += BATCH) {
        outcomes.push(...(await bulk.mutateAsync({ action, ids: ids.slice(start, start + BATCH) })));
        setProgress({ action, done: outcomes.length, total: ids.length });
      }
      setSummary({ action, outcomes });
    } catch (error) {
      setSummary({ action, outcomes, failure: errorMessage(error) });
    } finally {
      setProgress(null);
      await queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() });
    }
  }

  const refused = summary?.outcomes.filter((outcome) => !outcome.ok) ?? [];
  const succeeded = summary?.outcomes.filter((outcome) => outcome.ok) ?? [];
  return (
    <div
      className="flex flex-wrap items-center gap-3 rounded-lg border border-brand-100 bg-brand-50 px-4 py-2 text-sm"
      data-testid="bulk-bar"
    >
      <span className="font-medium" data-testid="bulk-count">
        {total.toLocaleString("en")} run{total === 1 ? "" : "s"} selected
      </span>
      {progress ? (
        <span className="flex items-center gap-2" data-testid="bulk-progress" role="status">
          <progress max={progress.total} value={progress.done} className="h-2 w-40" />
          {actionNames[progress.action]}: {progress.done} of {progress.total}
        </span>
      ) : (
        <>
          <Button data-testid="bulk-replay" onClick={() => void run("replayFailedStep")}>
            <RotateCcw size={14} aria-hidden /> Replay from failed step
          </Button>
          <Button data-testid="bulk-cancel" onClick={() => void run("cancel")}>
            <Ban size={14} aria-hidden /> Cancel
          </Button>
        </>
      )}
      {summary && (
        <Dialog
          open
          title={`${actionNames[summary.action]}: done`}
          testId="bulk-summary"
          onClose={() => {
            setSummary(null);
            props.onDone();
          }}
        >
          <p className="text-sm" data-testid="bulk-summary-text">
            {summary.action === "cancel" ? "Cancelled" : "Replayed"} {succeeded.length} of {summary.outcomes.length} run
            {summary.outcomes.length === 1 ? "" : "s"}
            {refused.length > 0 ? `; ${refused.length} refused.` : "."}
          </p>
          {summary.failure && <p className="mt-2 text-sm text-red-700">Stopped early: {summary.failure}</p>}
          {refused.length > 0 && (
            <ul className="mt-3 max-h-64 divide-y divide-slate-100 overflow-auto text-sm" data-testid="bulk-refusals">
              {refused.map((outcome) => (
                <li key={outcome.id} className="py-1.5">
                  <Link href={`/runs/${outcome.id}`} className="font-mono text-xs text-brand-700 hover:underline">
                    {outcome.id.slice(0, 8)}
                  </Link>{" "}
                  <span className="text-slate-700">{outcome.ok ? "" : outcome.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </Dialog>
      )}
    </div>
  );
}
