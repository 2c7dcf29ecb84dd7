"use client";
// Whether the canvas differs from what the running flow runs (its live version): edits change nothing live until
// they are published, and the toolbar says so.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { diffGraphs, isEmptyDiff } from "@/lib/flow-diff";
import type { FlowGraph } from "@/lib/flow-graph";
import { useTRPC } from "../../trpc";

export function useUnpublishedChanges(
  flowId: string,
  graph: FlowGraph | null,
  live: { running: boolean; versionNumber: number | null },
): boolean {
  const trpc = useTRPC();
  const liveGraph = useQuery(
    trpc.flows.liveGraph.queryOptions(
      { id: flowId },
      // Read again after a publish (the designer invalidates it), not polled.
      { enabled: live.running, staleTime: Infinity },
    ),
  );
  const published = liveGraph.data;
  return useMemo(() => {
    if (!live.running || !graph || !published || published.number !== live.versionNumber) return false;
    return !isEmptyDiff(diffGraphs(published.graph, graph));
  }, [live.running, live.versionNumber, graph, published]);
}
