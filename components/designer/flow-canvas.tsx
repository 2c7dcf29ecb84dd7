"use client";
// The canvas shows the draft graph from the store; every change the user makes on it goes back through graph-edit.
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type Connection,
  useReactFlow,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo } from "react";
import type { ConnectorManifest } from "@/lib/connector-manifest";
import { edgeHandles, type EdgeHandle } from "@/lib/flow-graph";
import { connect, moveNode, removeEdges, removeNodes, visibleHandles } from "./graph-edit";
import { useDesignerStore } from "./designer-store";
import { resolveOperation } from "./manifest-lookup";
import { StepNode, type StepFlowNode } from "./step-node";

const nodeTypes = { step: StepNode };

const edgeColors: Partial<Record<EdgeHandle, string>> = { true: "#10b981", false: "#64748b", error: "#ef4444", each: "#8b5cf6" };

function handleOf(value: string | null | undefined): EdgeHandle {
  return edgeHandles.find((handle) => handle === value) ?? "next";
}

export function FlowCanvas({ manifest, problems }: { manifest: ConnectorManifest | undefined; problems: ReadonlyMap<string, string[]> }) {
  const graph = useDesignerStore((state) => state.graph);
  const selectedId = useDesignerStore((state) => state.selectedId);
  const edit = useDesignerStore((state) => state.edit);
  const select = useDesignerStore((state) => state.select);
  const { fitView } = useReactFlow();
  const nodeCount = graph?.nodes.length ?? 0;

  // A step added at the end of the chain may land outside the view; bring the whole flow back into sight.
  useEffect(() => {
    if (nodeCount === 0) return;
    const frame = requestAnimationFrame(() => void fitView({ duration: 200, maxZoom: 1, padding: 0.3 }));
    return () => cancelAnimationFrame(frame);
  }, [nodeCount, fitView]);

  const nodes = useMemo<StepFlowNode[]>(
    () =>
      (graph?.nodes ?? []).map((node) => {
        const resolved = resolveOperation(manifest, node);
        return {
          id: node.id,
          type: "step",
          position: node.position,
          selected: node.id === selectedId,
          deletable: node.type !== "trigger",
          data: {
            stepId: node.id,
            nodeType: node.type,
            handles: graph ? visibleHandles(graph, node) : [],
            isTrigger: node.type === "trigger",
            title: node.label || resolved?.operation.label || `${node.connectorId}.${node.operation}`,
            subtitle: resolved?.connector.name ?? node.connectorId,
            icon: resolved?.connector.icon,
            problems: problems.get(node.id) ?? [],
          },
        };
      }),
    [graph, manifest, selectedId, problems],
  );
  const edges = useMemo<Edge[]>(
    () =>
      (graph?.edges ?? []).map((edge) => ({
        id: edge.id,
        source: edge.source,
        sourceHandle: edge.sourceHandle,
        target: edge.target,
        label: edge.sourceHandle === "next" ? undefined : edge.sourceHandle,
        style: { strokeWidth: 2, stroke: edgeColors[edge.sourceHandle] },
      })),
    [graph],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      for (const change of changes) {
        if (change.type === "position" && change.position) {
          const position = change.position;
          edit((current) => moveNode(current, change.id, position));
        } else if (change.type === "remove") {
          edit((current) => removeNodes(current, [change.id]));
        } else if (change.type === "select" && change.selected) {
          select(change.id);
        }
      }
    },
    [edit, select],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const removed = changes.flatMap((change) => (change.type === "remove" ? [change.id] : []));
      if (removed.length > 0) edit((current) => removeEdges(current, removed));
    },
    [edit],
  );
  const onConnect = useCallback(
    (connection: Connection) =>
      edit((current) => connect(current, connection.source, connection.target, handleOf(connection.sourceHandle))),
    [edit],
  );

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onPaneClick={() => select(null)}
      fitView
      fitViewOptions={{ maxZoom: 1, padding: 0.3 }}
      deleteKeyCode={["Delete", "Backspace"]}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={20} color="#cbd5e1" />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable nodeColor="#c7d2fe" nodeStrokeColor="#3b6cf6" nodeBorderRadius={6} />
    </ReactFlow>
  );
}
