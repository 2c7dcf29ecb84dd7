"use client";
// "Listen for a test event" in a webhook trigger's panel: a temporary address (valid a few minutes, authenticated as
// the flow's own) whose first request becomes the trigger's sample, shown here and pinned on the trigger, so Insert
// data, Test and Run now with data have the real shape before the flow is ever started. It starts no run.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ear, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { FlowNode } from "@/lib/flow-graph";
import { useTRPC } from "../../trpc";
import { Button } from "../../ui/button";
import { errorMessage } from "../../ui/error-message";
import { useDesignerActions, useFlowId } from "../store/hooks";
import { pinSample } from "../test-run/run-results";
import { CopyButton } from "./webhook-address";

function remaining(expiresAt: Date, now: number): string {
  const seconds = Math.max(0, Math.ceil((new Date(expiresAt).getTime() - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function Countdown({ expiresAt }: { expiresAt: Date }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span data-testid="sample-listen-countdown" className="tabular-nums">
      {remaining(expiresAt, now)}
    </span>
  );
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function SampleListener({ node }: { node: FlowNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const flowId = useFlowId();
  const { edit } = useDesignerActions();
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const query = useQuery(
    trpc.flows.sampleListener.queryOptions(
      { id: flowId },
      { refetchInterval: (current) => (current.state.data?.state === "listening" ? 1000 : false) },
    ),
  );
  const listen = useMutation(trpc.flows.listenForSample.mutationOptions());
  const cancel = useMutation(trpc.flows.stopListeningForSample.mutationOptions());
  // Only a listener for the trigger on the canvas counts: one opened for the trigger it replaced has the old shape.
  const listener =
    query.data && query.data.connectorId === node.connectorId && query.data.operation === node.operation
      ? query.data
      : null;

  // A capture seen arriving here is pinned at once; an older one is offered with a button instead, since the user
  // may have pinned another sample since.
  const watched = useRef<string | null>(null);
  useEffect(() => {
    if (!listener) return;
    if (listener.state === "listening") watched.current = listener.id;
    if (listener.state !== "captured" || watched.current !== listener.id) return;
    watched.current = null;
    edit((graph) => pinSample(graph, node.id, listener.data));
    void queryClient.invalidateQueries({ queryKey: trpc.flows.testSamples.pathKey() });
    toast.success("Test event captured: it is now the trigger's sample.");
  }, [listener, edit, node.id, queryClient, trpc]);

  const setListener = (next: typeof query.data) =>
    queryClient.setQueryData(trpc.flows.sampleListener.queryKey({ id: flowId }), next);

  async function start() {
    try {
      const opened = await listen.mutateAsync({
        id: flowId,
        trigger: { connectorId: node.connectorId, operation: node.operation, inputs: node.inputs },
      });
      watched.current = opened.id;
      setListener(opened);
      // The flow now has its webhook secret, which a signed test request needs.
      void queryClient.invalidateQueries({ queryKey: trpc.flows.webhook.queryKey({ id: flowId }) });
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  async function stop() {
    try {
      setListener(await cancel.mutateAsync({ id: flowId }));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  const listenButton = (label: string) => (
    <Button data-testid="sample-listen-start" disabled={listen.isPending} onClick={() => void start()}>
      <Ear size={14} aria-hidden /> {listen.isPending ? "Opening…" : label}
    </Button>
  );

  return (
    <section
      data-testid="sample-listener"
      aria-label="Listen for a test event"
      className="flex flex-col gap-2 rounded-md border border-slate-200 p-3"
    >
      <span className="text-sm font-medium text-slate-700">Test event</span>
      {listener?.state === "listening" ? (
        <>
          <p className="text-xs text-slate-600">
            Send one request to this test address, authenticated as the flow&apos;s own address would be. It becomes the
            trigger&apos;s sample and starts no run. Valid for <Countdown expiresAt={listener.expiresAt} />.
          </p>
          <div className="flex items-center gap-1">
            <code
              data-testid="sample-listen-url"
              title={listener.url ?? `${origin}${listener.path}`}
              className="min-w-0 flex-1 truncate rounded-md border border-amber-300 bg-amber-50 px-2 py-1.5 font-mono text-xs"
            >
              {listener.url ?? `${origin}${listener.path}`}
            </code>
            <CopyButton
              text={listener.url ?? `${origin}${listener.path}`}
              label="Copy the test address"
              testId="sample-listen-copy"
            />
          </div>
          <p data-testid="sample-listen-status" className="animate-pulse text-xs text-amber-700">
            Waiting for the request…
          </p>
          {listener.lastError && (
            <p data-testid="sample-listen-error" className="text-xs text-red-600">
              {listener.lastError}
            </p>
          )}
          <div>
            <Button variant="ghost" data-testid="sample-listen-cancel" onClick={() => void stop()}>
              <X size={14} aria-hidden /> Cancel
            </Button>
          </div>
        </>
      ) : listener?.state === "captured" ? (
        <>
          <p data-testid="sample-listen-status" className="text-xs text-emerald-700">
            Captured {listener.capturedAt ? new Date(listener.capturedAt).toLocaleString() : ""}: Insert data, Test and
            Run now with data use it.
          </p>
          <pre
            data-testid="sample-listen-data"
            className="max-h-56 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs text-slate-700"
          >
            {JSON.stringify(listener.data, null, 2)}
          </pre>
          <div className="flex flex-wrap gap-2">
            {!sameJson(node.sample, listener.data) && (
              <Button
                data-testid="sample-listen-use"
                onClick={() => edit((graph) => pinSample(graph, node.id, listener.data))}
              >
                Use as the trigger&apos;s sample
              </Button>
            )}
            {listenButton("Listen again")}
          </div>
        </>
      ) : (
        <>
          <p className="text-xs text-slate-600">
            {listener?.state === "expired"
              ? "The test address expired before a request came. "
              : listener?.state === "closed"
                ? "Listening was cancelled. "
                : ""}
            Capture a real request before starting the flow: it becomes the trigger&apos;s sample for mapping and tests.
          </p>
          <div>{listenButton("Listen for a test event")}</div>
        </>
      )}
    </section>
  );
}
