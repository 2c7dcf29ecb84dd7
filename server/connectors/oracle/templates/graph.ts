// Builds the Oracle templates' graphs: a trigger followed by a chain of steps, laid out top to bottom.
import type { FlowTemplate } from "@/lib/connector-manifest";
import type { FlowNode } from "@/lib/flow-graph";

type Node = Pick<FlowNode, "id" | "connectorId" | "operation" | "label" | "inputs">;

export function chain(trigger: Node, steps: Node[]): FlowTemplate["graph"] {
  const nodes: FlowNode[] = [
    { ...trigger, type: "trigger", position: { x: 0, y: 0 } },
    ...steps.map((step, index): FlowNode => ({ ...step, type: "action", position: { x: 0, y: 150 * (index + 1) } })),
  ];
  const edges = nodes.slice(1).map((node, index) => ({
    id: `${nodes[index]?.id ?? ""}-${node.id}`,
    source: nodes[index]?.id ?? "",
    target: node.id,
    sourceHandle: "next" as const,
  }));
  return { schemaVersion: 1, nodes, edges };
}
