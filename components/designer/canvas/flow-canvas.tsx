"use client";
// The canvas shows the draft graph from the store; every change the user makes on it goes back through graph-edit,
// one store edit (one undo step) per gesture. Selection lives in the store too, so shortcuts and the panel share it.
import { useQuery } from "@tanstack/react-query";
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  useReactFlow,
} from "@xyflow/react";
import { Map as MapIcon } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ConnectorManifest, ResolvedOperation } from "@/lib/connector-manifest";
import { edgeHandles, type EdgeHandle } from "@/lib/flow-graph";
import { useTRPC } from "../../trpc";
import { useCanvasEdges, useCanvasNodes, type Position, type Size } from "./canvas-elements";
import {
  useDesignerActions,
  useFitRequest,
  useFlowGraph,
  useSelectedEdgeIds,
  useSelectedNodeId,
  useSelectedNodeIds,
  useTestResults,
} from "../store/hooks";
import { useDesignerStoreApi } from "../store/provider";
import { connect, defaultInputs, insertStepOnEdge, moveNodes } from "../graph/graph-edit";
import { InsertEdge, InsertStepContext, InsertStepPicker, type InsertPoint } from "./insert-edge";
import { StepNode, type StepFlowNode } from "../nodes/step-node";
import { useDesignerShortcuts } from "./use-designer-shortcuts";
import { useKeepInView } from "./use-keep-in-view";

const nodeTypes = { step: StepNode };
const edgeTypes = { insert: InsertEdge };
const fitOptions = { duration: 200, maxZoom: 1, padding: 0.3 };
const initialFitOptions = { maxZoom: 1, padding: 0.3 };
const proOptions = { hideAttribution: true };
const multiSelectionKeys = ["Shift", "Meta", "Control"];
const noPositions: ReadonlyMap<string, Position> = new Map();
// A small flow fits the canvas and its overview only covers steps; past this many steps the overview shows itself.
const minimapFromSteps = 8;
const minimapStyle = { width: 150, height: 100 };
// What screen readers hear on reaching a step or a connection, in the designer's words.
const ariaLabels = {
  "node.a11yDescription.default":
    "Press Enter or Space to select the step and open its settings, then F6 or Alt+Enter to go to its fields and again to come back. Arrow keys move the selected step, Shift with an arrow moves it further. Delete removes it, Escape clears the selection.",
  "node.a11yDescription.ariaLiveMessage": ({ direction, x, y }: { direction: string; x: number; y: number }) =>
    `Moved the step ${direction}, to x ${x}, y ${y}.`,
  "edge.a11yDescription.default": "Press Enter or Space to select the connection, then Delete to remove it.",
  "minimap.ariaLabel": "Overview of the flow",
};

function handleOf(value: string | null | undefined): EdgeHandle {
  return edgeHandles.find((handle) => handle === value) ?? "next";
}

/** Applies React Flow's select changes to the ids selected so far. */
function applySelect(
  current: readonly string[],
  changes: ReadonlyArray<{ type: string; id?: string; selected?: boolean }>,
): string[] | null {
  const selected = new Set(current);
  let touched = false;
  for (const change of changes) {
    if (change.type !== "select" || change.id === undefined) continue;
    touched = true;
    if (change.selected) selected.add(change.id);
    else selected.delete(change.id);
  }
  return touched ? [...selected] : null;
}

export function FlowCanvas({
  manifest,
  problems,
}: {
  manifest: ConnectorManifest | undefined;
  problems: ReadonlyMap<string, string[]>;
}) {
  const trpc = useTRPC();
  const graph = useFlowGraph();
  const selectedNodeIds = useSelectedNodeIds();
  const selectedEdgeIds = useSelectedEdgeIds();
  const selectedId = useSelectedNodeId();
  const fitRequest = useFitRequest();
  const testResults = useTestResults();
  const { edit, select, setSelection } = useDesignerActions();
  const store = useDesignerStoreApi();
  const { fitView } = useReactFlow();
  const nodeCount = graph?.nodes.length ?? 0;
  const accounts = useQuery(trpc.accounts.list.queryOptions({})).data;
  const accountIds = useMemo(() => new Set((accounts ?? []).map((account) => account.id)), [accounts]);
  const [insertPoint, setInsertPoint] = useState<InsertPoint | null>(null);
  // React Flow measures each node; the sizes must go back on the nodes we pass, or the minimap cannot draw them.
  const [sizes, setSizes] = useState<ReadonlyMap<string, Size>>(new Map());
  useDesignerShortcuts(accountIds);

  // A tidy-up moves everything: show it all. (Added and selected steps are panned to by useKeepInView instead.)
  useEffect(() => {
    if (fitRequest === 0) return;
    const frame = requestAnimationFrame(() => void fitView(fitOptions));
    return () => cancelAnimationFrame(frame);
  }, [fitRequest, fitView]);

  // null follows the flow's size; a press on the overview button overrides that for this visit.
  const [minimapChoice, setMinimapChoice] = useState<boolean | null>(null);
  const showMinimap = minimapChoice ?? nodeCount >= minimapFromSteps;

  // While a drag is on, the dragged nodes' positions stay here and the store (undo history, problems, autosave, the
  // rest of the designer) hears only where they came to rest: one edit per drag instead of one per mouse move.
  const [dragged, setDragged] = useState<ReadonlyMap<string, Position>>(noPositions);
  const dragging = useRef(false);
  useKeepInView({ graph, selectedId, dragging });
  const nodes = useCanvasNodes({ graph, manifest, selectedNodeIds, problems, accounts, testResults, sizes }, dragged);
  const edges = useCanvasEdges(graph, selectedEdgeIds);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      const moving = new Map<string, Position>();
      const resting = new Map<string, Position>();
      for (const change of changes) {
        if (change.type === "position" && change.position)
          (change.dragging ? moving : resting).set(change.id, change.position);
      }
      if (moving.size > 0) setDragged((current) => new Map([...current, ...moving]));
      // A drag's end, or an arrow key: the move lands in the store as one edit (edit-history joins quick repeats).
      if (resting.size > 0) {
        edit((current) => moveNodes(current, resting));
        setDragged((current) => {
          const left = new Map([...current].filter(([id]) => !resting.has(id)));
          return left.size === 0 ? noPositions : left;
        });
      }
      const measured = changes.flatMap((change) =>
        change.type === "dimensions" && change.dimensions ? [{ id: change.id, ...change.dimensions }] : [],
      );
      if (measured.length > 0) {
        setSizes((current) => {
          const changed = measured.filter(
            ({ id, width, height }) => current.get(id)?.width !== width || current.get(id)?.height !== height,
          );
          if (changed.length === 0) return current;
          const next = new Map(current);
          for (const { id, width, height } of changed) next.set(id, { width, height });
          return next;
        });
      }
      const state = store.getState();
      const nodeIds = applySelect(state.selectedNodeIds, changes);
      if (nodeIds) setSelection(nodeIds, state.selectedEdgeIds);
    },
    [edit, setSelection, store],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const state = store.getState();
      const edgeIds = applySelect(state.selectedEdgeIds, changes);
      if (edgeIds) setSelection(state.selectedNodeIds, edgeIds);
    },
    [setSelection, store],
  );
  const onConnect = useCallback(
    (connection: Connection) =>
      edit((current) => connect(current, connection.source, connection.target, handleOf(connection.sourceHandle))),
    [edit],
  );
  const closePicker = useCallback(() => setInsertPoint(null), []);
  const clearSelection = useCallback(() => select(null), [select]);
  const insertChosen = useCallback(
    (edgeId: string, { connector, operation }: ResolvedOperation) => {
      setInsertPoint(null);
      let added = "";
      edit((current) => {
        const result = insertStepOnEdge(current, edgeId, {
          connectorId: connector.id,
          operation: operation.key,
          inputs: defaultInputs(operation.inputSchema),
        });
        added = result?.nodeId ?? "";
        return result?.graph ?? current;
      });
      if (added) select(added);
    },
    [edit, select],
  );

  return (
    <InsertStepContext.Provider value={setInsertPoint}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onPaneClick={clearSelection}
        onNodeDragStart={() => (dragging.current = true)}
        onNodeDragStop={() => (dragging.current = false)}
        fitView
        fitViewOptions={initialFitOptions}
        // Deleting goes through the designer's shortcuts, so a deleted selection is one undo step.
        deleteKeyCode={null}
        multiSelectionKeyCode={multiSelectionKeys}
        selectionKeyCode="Shift"
        proOptions={proOptions}
        ariaLabelConfig={ariaLabels}
      >
        <Background gap={20} color="#cbd5e1" />
        <Controls
          showInteractive={false}
          fitViewOptions={fitOptions}
          className="!rounded-md !border !border-slate-200 !shadow-sm"
        >
          <ControlButton
            data-testid="minimap-toggle"
            aria-pressed={showMinimap}
            aria-label="Overview map"
            title={showMinimap ? "Hide the overview" : "Show the overview"}
            onClick={() => setMinimapChoice(!showMinimap)}
          >
            <MapIcon aria-hidden className={`!fill-none ${showMinimap ? "text-brand-600" : ""}`} />
          </ControlButton>
        </Controls>
        {showMinimap && (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Overview of the flow"
            nodeColor="#c7d2fe"
            nodeStrokeColor="#3b6cf6"
            nodeBorderRadius={6}
            style={minimapStyle}
            className="!m-2.5 !rounded-md !border !border-slate-200 !opacity-90 !shadow-sm hover:!opacity-100"
          />
        )}
      </ReactFlow>
      {insertPoint && (
        <InsertStepPicker
          point={insertPoint}
          manifest={manifest}
          onPick={(choice) => insertChosen(insertPoint.edgeId, choice)}
          onClose={closePicker}
        />
      )}
    </InsertStepContext.Provider>
  );
}
