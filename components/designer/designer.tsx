"use client";
// The flow designer: toolbar, canvas and the selected step's panel, around one draft graph in the flow's designer
// store (DesignerStoreProvider, which the page keys by the flow id, so every flow opens with a store of its own).
import { useIsMutating, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { FlowRunsPanel } from "../runs/flow-runs-panel";
import { useTRPC } from "../trpc";
import { errorMessage } from "../ui/error-message";
import { useDesignerActions, useFlowGraph, useFlowId, useSelectedNodeId } from "./store/hooks";
import { DesignerToolbar } from "./toolbar/designer-toolbar";
import { FlowCanvas } from "./canvas/flow-canvas";
import { appendStep, defaultInputs, findNode } from "./graph/graph-edit";
import { NodePanel } from "./panel/node-panel";
import { startRefusedNotice } from "./problems/problems-panel";
import { RunPayloadDialog } from "./toolbar/run-payload-dialog";
import { StartDialog, type PollFrom } from "./toolbar/start-dialog";
import { SAVE_ERROR_TOAST, useDraftSaver } from "./use-draft-saver";
import { useProblems } from "./problems/use-problems";
import { NodeFocuser } from "./canvas/node-focuser";
import { bestSampleData, TestFlowDialog } from "./test-run/sample-dialog";
import { TestRunBanner } from "./test-run/results-view";
import { useRunNowWatcher } from "./mapping/use-available-data";
import { useTestRun } from "./test-run/use-test-run";
import { StopDialog } from "./toolbar/stop-dialog";
import { useUnpublishedChanges } from "./toolbar/use-unpublished-changes";

export function Designer() {
  const trpc = useTRPC();
  const flowId = useFlowId();
  const queryClient = useQueryClient();
  const flow = useQuery(trpc.flows.get.queryOptions({ id: flowId }, { refetchOnWindowFocus: false }));
  const manifest = useQuery(trpc.connectors.manifest.queryOptions(undefined, { staleTime: Infinity })).data;
  // One field each, so the designer re-renders only when one of these changes, not on every store update.
  const graph = useFlowGraph();
  const selectedId = useSelectedNodeId();
  const { load, edit, select, openProblemsWith } = useDesignerActions();
  const { save, state: saveState, problem: saveProblem } = useDraftSaver();
  const accounts = useQuery(trpc.accounts.list.queryOptions({})).data;
  const problems = useProblems(graph, manifest, accounts);
  const problemCount = [...problems.values()].reduce((sum, list) => sum + list.length, 0);
  const refreshFlow = () => queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ id: flowId }) });

  // Once per store: later reads of the flow (after Start, say) must not replace the draft being edited. A save still
  // on its way from the designer just left (see useDraftSaver) is waited for: it puts the draft it saved in the cache.
  const loaded = graph !== null;
  const savesPending = useIsMutating({ mutationKey: trpc.flows.saveDraft.mutationKey() }) > 0;
  useEffect(() => {
    if (flow.data && !loaded && !savesPending) load(flow.data.draft, flow.data.draftRevision);
  }, [flow.data, loaded, savesPending, load]);

  // The designer's toasts (Started, Run queued…) speak of this flow: they must not follow the user to the run page.
  // A failed save stays: it is the only sign that the last edits were not saved.
  useEffect(
    () => () => {
      for (const shown of toast.getToasts()) if (shown.id !== SAVE_ERROR_TOAST) toast.dismiss(shown.id);
    },
    [],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void save();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save]);

  const start = useMutation(trpc.flows.start.mutationOptions());
  const stop = useMutation(trpc.flows.stop.mutationOptions());
  const runNow = useMutation(trpc.flows.runNow.mutationOptions());
  const watchRun = useRunNowWatcher(flowId);

  const [runWithData, setRunWithData] = useState(false);
  const [testOpen, setTestOpen] = useState(false);
  const test = useTestRun(save);
  const [pollStart, setPollStart] = useState<{ hasCursor: boolean; lastError: string | null } | null>(null);
  const [stopAsked, setStopAsked] = useState(false);
  const running = flow.data?.status === "running";
  const unpublished = useUnpublishedChanges(flowId, graph, {
    running,
    versionNumber: flow.data?.publishedVersion?.number ?? null,
  });

  async function onStart() {
    // The server checks again on Start; refusing here opens the list of problems, each a click away from its field.
    if (problemCount > 0) {
      openProblemsWith(startRefusedNotice(problemCount));
      return;
    }
    if (!(await save())) return;
    // A polling trigger first asks which items to process; if asking fails, the server's default applies.
    const options = await queryClient
      .fetchQuery(trpc.flows.startOptions.queryOptions({ id: flowId }))
      .catch(() => undefined);
    if (options?.polling) setPollStart(options);
    else await startWith(undefined);
  }

  async function startWith(pollFrom: PollFrom | undefined) {
    setPollStart(null);
    try {
      const { versionNumber } = await start.mutateAsync({ id: flowId, pollFrom });
      toast.success(
        running
          ? `Published version ${versionNumber}: new requests and polls use it; runs under way finish on theirs.`
          : `Started version ${versionNumber}.`,
      );
    } catch (error) {
      toast.error(errorMessage(error), { duration: 10_000 });
    }
    await refreshFlow();
    await queryClient.invalidateQueries({ queryKey: trpc.flows.liveGraph.queryKey({ id: flowId }) });
  }

  /**
   * Publishes the canvas while the flow runs: one transaction moves the trigger to the new version, so no request
   * finds the flow stopped, and a polling trigger keeps its cursor (no Start dialog: nothing is skipped or repeated).
   */
  async function onPublish() {
    if (problemCount > 0) {
      openProblemsWith(startRefusedNotice(problemCount));
      return;
    }
    if (!(await save())) return;
    await startWith(undefined);
  }

  async function onStop() {
    setStopAsked(false);
    try {
      await stop.mutateAsync({ id: flowId });
      toast.success("Stopped. The flow starts no new runs.");
    } catch (error) {
      toast.error(errorMessage(error));
    }
    await refreshFlow();
  }

  async function onRunNow(payload?: unknown) {
    try {
      const { runId } = await runNow.mutateAsync({ id: flowId, payload });
      watchRun(runId);
      setRunWithData(false);
      toast.success(
        <span>
          Run queued.{" "}
          <Link data-testid="run-link" href={`/runs/${runId}`} className="font-medium underline">
            Open the run
          </Link>
        </span>,
      );
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  if (flow.isError) {
    return (
      <div className="p-8">
        <p className="text-red-600">Could not open this flow: {errorMessage(flow.error)}</p>
        <Link href="/flows" className="mt-2 inline-block text-brand-700 underline">
          Back to flows
        </Link>
      </div>
    );
  }
  if (!flow.data || !graph) return <p className="p-8 text-sm text-slate-500">Opening the flow…</p>;

  const selected = selectedId ? findNode(graph, selectedId) : undefined;

  return (
    <div className="flex h-full flex-col">
      <DesignerToolbar
        name={flow.data.name}
        status={flow.data.status}
        versionNumber={flow.data.publishedVersion?.number ?? null}
        saveState={saveState}
        saveDetail={saveProblem?.message}
        problemCount={problemCount}
        problems={problems}
        manifest={manifest}
        busy={start.isPending || stop.isPending || runNow.isPending}
        onAddStep={({ connector, operation }) => {
          let added = "";
          edit((current) => {
            const result = appendStep(current, {
              connectorId: connector.id,
              operation: operation.key,
              inputs: defaultInputs(operation.inputSchema),
            });
            added = result.nodeId;
            return result.graph;
          });
          if (added) select(added);
        }}
        onSave={() => void save()}
        onStart={() => void onStart()}
        onStop={() => setStopAsked(true)}
        unpublished={unpublished}
        onPublish={() => void onPublish()}
        onRunNow={() => void onRunNow()}
        onRunWithData={() => {
          test.refreshSamples();
          setRunWithData(true);
        }}
        onTest={() => {
          test.refreshSamples();
          setTestOpen(true);
        }}
        testing={test.starting}
      />
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="relative min-h-0 flex-1" data-testid="designer-canvas">
            <ReactFlowProvider>
              <FlowCanvas manifest={manifest} problems={problems} />
              <NodeFocuser />
            </ReactFlowProvider>
            <TestRunBanner />
          </div>
          <FlowRunsPanel flowId={flowId} />
        </div>
        {selected && <NodePanel key={selected.id} node={selected} manifest={manifest} />}
        {pollStart && (
          <StartDialog
            hasCursor={pollStart.hasCursor}
            lastError={pollStart.lastError}
            busy={start.isPending}
            onStart={(pollFrom) => void startWith(pollFrom)}
            onClose={() => setPollStart(null)}
          />
        )}
        {testOpen && (
          <TestFlowDialog
            samples={test.samples}
            pending={test.starting}
            onRun={async (payload) => {
              await test.startTest(payload);
              setTestOpen(false);
            }}
            onClose={() => setTestOpen(false)}
          />
        )}
        {stopAsked && (
          <StopDialog
            webhook={graph.nodes.some((node) => node.type === "trigger" && node.operation === "webhook")}
            busy={stop.isPending}
            onStop={() => void onStop()}
            onClose={() => setStopAsked(false)}
          />
        )}
        {runWithData && (
          <RunPayloadDialog
            initial={bestSampleData(test.samples)}
            pending={runNow.isPending}
            onRun={(payload) => void onRunNow(payload)}
            onClose={() => setRunWithData(false)}
          />
        )}
      </div>
    </div>
  );
}
