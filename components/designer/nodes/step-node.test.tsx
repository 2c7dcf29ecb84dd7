import { ReactFlow } from "@xyflow/react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { EdgeHandle, NodeType } from "@/lib/flow-graph";
import { StepNode, type StepFlowNode } from "./step-node";

function renderNode(nodeType: NodeType, handles: EdgeHandle[], accountName: string | null = null): string {
  const node: StepFlowNode = {
    id: "n1",
    type: "step",
    position: { x: 0, y: 0 },
    width: 256,
    height: 90,
    data: {
      stepId: "n1",
      nodeType,
      isTrigger: false,
      title: "Step",
      subtitle: "Toolbox",
      icon: "wrench",
      accountName,
      problems: [],
      handles,
    },
  };
  // Without an outer provider, ReactFlow renders the nodes it is given on the server (sized, so no measuring).
  return renderToStaticMarkup(
    <ReactFlow nodes={[node]} edges={[]} nodeTypes={{ step: StepNode }} width={800} height={600} />,
  );
}

const handleIds = (html: string) => [...html.matchAll(/data-testid="handle-n1-(\w+)"/g)].map((match) => match[1]);

describe("step node", () => {
  it("shows an If's true and false handles, labelled", () => {
    const html = renderNode("if", ["true", "false"]);
    expect(handleIds(html)).toEqual(["true", "false"]);
    expect(html).toMatch(/data-handleid="true"/);
    expect(html).toContain(">true</span>");
    expect(html).toContain(">false</span>");
  });

  it("shows a For each's each and next handles, and an action's error handle only when asked", () => {
    expect(handleIds(renderNode("forEach", ["each", "next"]))).toEqual(["each", "next"]);
    expect(handleIds(renderNode("action", ["next", "error"]))).toEqual(["next", "error"]);
    const plain = renderNode("action", ["next"]);
    expect(handleIds(plain)).toEqual(["next"]);
    // A lone next handle stays an unlabelled dot.
    expect(plain).not.toContain(">next</span>");
  });

  it("shows the chosen account's name, and nothing for a step without one", () => {
    expect(renderNode("action", ["next"], "Order API (prod)")).toMatch(
      /data-testid="node-account"[^>]*>.*Order API \(prod\)/,
    );
    expect(renderNode("action", ["next"])).not.toContain("node-account");
  });
});
