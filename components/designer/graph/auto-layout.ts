// "Tidy up": lays the flow out top-down with ELK's layered algorithm. Each node's paths leave from ports where the
// canvas draws its handles (an If's true on the left, false on the right), so branches end up side by side in the
// order the node shows them.
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { FlowGraph } from "@/lib/flow-graph";
import { visibleHandles } from "./graph-edit";

export const LAYOUT_NODE_WIDTH = 256;
export const LAYOUT_NODE_HEIGHT = 96;

const layoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.spacing.nodeNode": "60",
  "elk.layered.spacing.nodeNodeBetweenLayers": "70",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
};

type Size = { width: number; height: number };

/** The graph with every node moved to its laid-out spot; `sizes` are the nodes' measured sizes where known. */
export async function layoutFlow(graph: FlowGraph, sizes: ReadonlyMap<string, Size> = new Map()): Promise<FlowGraph> {
  const ids = new Set(graph.nodes.map((node) => node.id));
  const children: ElkNode[] = graph.nodes.map((node) => {
    const { width, height } = sizes.get(node.id) ?? { width: LAYOUT_NODE_WIDTH, height: LAYOUT_NODE_HEIGHT };
    const handles = [
      ...new Set([
        ...visibleHandles(graph, node),
        ...graph.edges.filter((edge) => edge.source === node.id).map((edge) => edge.sourceHandle),
      ]),
    ];
    return {
      id: node.id,
      width,
      height,
      layoutOptions: { "elk.portConstraints": "FIXED_POS" },
      ports: [
        { id: `${node.id}:in`, x: width / 2, y: 0, width: 1, height: 1, layoutOptions: { "elk.port.side": "NORTH" } },
        ...handles.map((handle, index) => ({
          id: `${node.id}:${handle}`,
          x: (width * (index + 1)) / (handles.length + 1),
          y: height,
          width: 1,
          height: 1,
          layoutOptions: { "elk.port.side": "SOUTH" },
        })),
      ],
    };
  });
  const edges: ElkExtendedEdge[] = graph.edges
    .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
    .map((edge) => ({ id: edge.id, sources: [`${edge.source}:${edge.sourceHandle}`], targets: [`${edge.target}:in`] }));
  const laidOut = await new ELK().layout({ id: "flow", layoutOptions, children, edges });
  const positions = new Map(
    (laidOut.children ?? []).map((child) => [child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) }]),
  );
  return {
    ...graph,
    nodes: graph.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })),
  };
}
