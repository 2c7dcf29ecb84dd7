"use client";
// The draft's problems (problems.ts), kept as they were when an edit only moved steps: a drag or an arrow key
// changes no problem, and checking every step's templates again on a 200-step flow costs a frame.
import { useMemo, useRef } from "react";
import type { ConnectorManifest } from "@/lib/connector-manifest";
import type { FlowGraph, FlowNode } from "@/lib/flow-graph";
import { computeProblems, type KnownAccounts } from "./problems";

/** True when `after` differs from `before` in node positions only. */
export function onlyMoved(before: FlowGraph, after: FlowGraph): boolean {
  if (before.edges !== after.edges || before.nodes.length !== after.nodes.length) return false;
  return after.nodes.every((node, index) => {
    const old = before.nodes[index];
    return old === node || (old !== undefined && sameExceptPosition(old, node));
  });
}

function sameExceptPosition(a: FlowNode, b: FlowNode): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof FlowNode)[]);
  for (const key of keys) if (key !== "position" && a[key] !== b[key]) return false;
  return true;
}

export function useProblems(graph: FlowGraph | null, manifest: ConnectorManifest | undefined, accounts: KnownAccounts) {
  const last = useRef<{
    graph: FlowGraph | null;
    manifest: typeof manifest;
    accounts: KnownAccounts;
    problems: Map<string, string[]>;
  } | null>(null);
  return useMemo(() => {
    const previous = last.current;
    if (
      previous?.graph &&
      graph &&
      previous.manifest === manifest &&
      previous.accounts === accounts &&
      onlyMoved(previous.graph, graph)
    ) {
      last.current = { ...previous, graph };
      return previous.problems;
    }
    const problems = computeProblems(graph, manifest, accounts);
    last.current = { graph, manifest, accounts, problems };
    return problems;
  }, [graph, manifest, accounts]);
}
