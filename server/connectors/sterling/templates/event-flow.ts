// Builds the Sterling templates' graphs: one Sterling event followed by a chain of steps, laid out top to bottom.
import type { FlowTemplate } from "@/lib/connector-manifest";
import type { FlowNode } from "@/lib/flow-graph";

type Step = Pick<FlowNode, "id" | "connectorId" | "operation" | "label" | "inputs">;

export function eventFlow(trigger: { operation: string; label: string }, steps: Step[]): FlowTemplate["graph"] {
  const nodes: FlowNode[] = [
    {
      id: "trigger",
      type: "trigger",
      position: { x: 0, y: 0 },
      connectorId: "sterling",
      operation: trigger.operation,
      label: trigger.label,
      // The event filters keep their defaults (sales orders, every enterprise and node): the user narrows them.
      inputs: { documentType: "0001", intervalSeconds: 60 },
    },
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
