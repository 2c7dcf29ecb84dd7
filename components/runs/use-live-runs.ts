"use client";
// Keeps a run list on screen live without reading it again: every 3 s it asks only for runs newer than the list's
// top row and for the current rows of the runs it shows unfinished, and lays those over the pages it has.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { ParsedRunFilter } from "@/lib/run-filters";
import { useTRPC } from "../trpc";
import type { RunRow } from "./run-row";

const LIVE_MS = 3000;

export function useLiveRuns(filter: ParsedRunFilter, pages: RunRow[], enabled: boolean, resetKey: string) {
  const trpc = useTRPC();
  const [fresh, setFresh] = useState<RunRow[]>([]);
  const [updated, setUpdated] = useState<Map<string, RunRow>>(new Map());
  const [seenKey, setSeenKey] = useState(resetKey);
  if (seenKey !== resetKey) {
    setSeenKey(resetKey);
    setFresh([]);
    setUpdated(new Map());
  }
  const rows = useMemo(() => {
    const known = new Set(pages.map((run) => run.id));
    const merged = [...fresh.filter((run) => !known.has(run.id)), ...pages];
    return merged.map((run) => updated.get(run.id) ?? run);
  }, [fresh, pages, updated]);
  const top = rows[0];
  const watch = rows.filter((run) => run.status === "queued" || run.status === "running").slice(0, 200);
  const live = useQuery(
    trpc.runs.live.queryOptions(
      {
        filter,
        after: top ? { createdAt: top.createdAt, id: top.id } : null,
        watch: watch.map((run) => run.id),
      },
      { enabled, refetchInterval: LIVE_MS, refetchIntervalInBackground: false },
    ),
  );
  useEffect(() => {
    const data = live.data;
    if (!data) return;
    if (data.fresh.length > 0) {
      setFresh((previous) => {
        const ids = new Set(data.fresh.map((run) => run.id));
        return [...data.fresh, ...previous.filter((run) => !ids.has(run.id))].slice(0, 500);
      });
    }
    if (data.updated.length > 0) {
      setUpdated((previous) => {
        const next = new Map(previous);
        for (const run of data.updated) next.set(run.id, run);
        return next;
      });
    }
  }, [live.data]);
  return rows;
}
