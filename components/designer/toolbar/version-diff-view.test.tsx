import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { diffGraphs } from "@/lib/flow-diff";
import { emptyFlowGraph, type FlowGraph } from "@/lib/flow-graph";
import { VersionDiffView } from "./version-diff-view";

function withLog(message: string): FlowGraph {
  const graph = emptyFlowGraph();
  graph.nodes.push({
    id: "log",
    type: "action",
    position: { x: 0, y: 150 },
    connectorId: "core",
    operation: "log",
    label: "Log it",
    inputs: { message },
  });
  graph.edges.push({ id: "e1", source: "trigger", target: "log", sourceHandle: "next" });
  return graph;
}

describe("VersionDiffView", () => {
  it("says when there is no difference", () => {
    const html = renderToStaticMarkup(<VersionDiffView diff={diffGraphs(withLog("a"), withLog("a"))} />);
    expect(html).toContain("No differences.");
  });

  it("shows changed fields and connections by step name", () => {
    expect(renderToStaticMarkup(<VersionDiffView diff={diffGraphs(withLog("a"), withLog("b"))} />)).toContain(
      'Log it</span><span class="text-slate-600"> — message',
    );
    const html = renderToStaticMarkup(<VersionDiffView diff={diffGraphs(emptyFlowGraph(), withLog("a"))} />);
    expect(html).toContain("Steps added");
    expect(html).toContain("manual → Log it");
  });
});
