"use client";
// The webhook trigger's address and secret in the side panel: what a user copies into the system that calls the flow.
// The secret stays hidden until asked for, and Rotate asks twice because every caller must then be reconfigured.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Copy, Eye, EyeOff, RefreshCw } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { FlowNode } from "@/lib/flow-graph";
import { useTRPC } from "../../trpc";
import { Button } from "../../ui/button";
import { errorMessage } from "../../ui/error-message";
import { useFlowId } from "../store/hooks";

export function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <Button
      variant="ghost"
      data-testid={testId}
      aria-label={label}
      title={label}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => toast.error("The browser did not allow copying; select the text and copy it instead."),
        )
      }
    >
      {copied ? <Check size={15} aria-hidden /> : <Copy size={15} aria-hidden />}
    </Button>
  );
}

const valueClass =
  "min-w-0 flex-1 truncate rounded-md border border-slate-200 bg-slate-50 px-2 py-1.5 font-mono text-xs";

/** `callerHint`: a connector trigger's own words for how its caller authenticates, instead of the Toolbox signature. */
export function WebhookAddress({ node, callerHint }: { node: FlowNode; callerHint?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const flowId = useFlowId();
  const flow = useQuery(trpc.flows.get.queryOptions({ id: flowId }));
  // Read afresh whenever the panel opens: a Start moments ago (within the default stale time) made the address.
  const info = useQuery(trpc.flows.webhook.queryOptions({ id: flowId }, { refetchOnMount: "always" }));
  const rotate = useMutation(trpc.flows.rotateWebhookSecret.mutationOptions());
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [origin, setOrigin] = useState("");

  // Start, Stop and republishing change whether the address listens (and the first Start makes it).
  const status = flow.data?.status;
  const versionId = flow.data?.publishedVersion?.id;
  const { refetch } = info;
  const seenFlowState = useRef<string | undefined>(undefined);
  useEffect(() => {
    const current = `${status}:${versionId}`;
    if (seenFlowState.current !== undefined && seenFlowState.current !== current) void refetch();
    seenFlowState.current = current;
  }, [status, versionId, refetch]);
  useEffect(() => setOrigin(window.location.origin), []);

  async function onRotate() {
    setConfirming(false);
    try {
      const next = await rotate.mutateAsync({ id: flowId });
      queryClient.setQueryData(trpc.flows.webhook.queryKey({ id: flowId }), next);
      setShown(true);
      toast.success("New secret made. Requests signed with the old one are refused from now on.");
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  if (info.isPending) return <p className="text-sm text-slate-500">Loading the webhook address…</p>;
  if (info.isError) return <p className="text-sm text-red-600">{errorMessage(info.error)}</p>;
  const { path, secret, secretProblem, listening, lastFiredAt, lastError } = info.data;
  if (!path) {
    return (
      <p data-testid="webhook-info-pending" className="rounded-md bg-slate-50 p-3 text-sm text-slate-600">
        The webhook URL and its secret appear here once the flow is started.
      </p>
    );
  }
  // The address the outside world uses (CONFLUX_PUBLIC_URL), else this page's own.
  const url = info.data.url ?? `${origin}${path}`;
  const eventIdHeader = typeof node.inputs.eventIdHeader === "string" ? node.inputs.eventIdHeader : "X-Event-Id";
  const verifies = node.inputs.verifySignature !== false;

  return (
    <section data-testid="webhook-info" aria-label="Webhook address" className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium text-slate-700">Webhook URL (POST)</span>
        <div className="flex items-center gap-1">
          <code data-testid="webhook-url" className={valueClass} title={url}>
            {url}
          </code>
          <CopyButton text={url} label="Copy the webhook URL" testId="webhook-copy-url" />
        </div>
        <p data-testid="webhook-listening" className={`text-xs ${listening ? "text-emerald-700" : "text-amber-700"}`}>
          {listening
            ? "Listening: requests start runs."
            : "Not listening: start the flow with this trigger to accept requests."}
          {lastFiredAt && ` Last run started ${new Date(lastFiredAt).toLocaleString()}.`}
        </p>
        {lastError && <p className="text-xs text-red-600">{lastError}</p>}
      </div>
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium text-slate-700">{callerHint ? "Secret" : "Signing secret"}</span>
        {secret ? (
          <div className="flex items-center gap-1">
            <code data-testid="webhook-secret" className={valueClass}>
              {shown ? secret : "•".repeat(24)}
            </code>
            <Button
              variant="ghost"
              data-testid="webhook-show-secret"
              aria-label={shown ? "Hide the secret" : "Show the secret"}
              title={shown ? "Hide" : "Show"}
              onClick={() => setShown(!shown)}
            >
              {shown ? <EyeOff size={15} aria-hidden /> : <Eye size={15} aria-hidden />}
            </Button>
            <CopyButton text={secret} label="Copy the secret" testId="webhook-copy-secret" />
          </div>
        ) : (
          <p className="text-xs text-red-600">{secretProblem ?? "The secret cannot be shown."}</p>
        )}
        <div className="flex items-center gap-2">
          <Button
            variant={confirming ? "danger" : "secondary"}
            data-testid="webhook-rotate-secret"
            disabled={rotate.isPending}
            onClick={() => (confirming ? void onRotate() : setConfirming(true))}
          >
            <RefreshCw size={14} aria-hidden /> {confirming ? "Rotate: callers need the new secret" : "Rotate"}
          </Button>
          {confirming && (
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          )}
        </div>
      </div>
      {callerHint ? (
        <p data-testid="webhook-caller-hint" className="rounded-md bg-slate-50 p-3 text-xs text-slate-600">
          {callerHint}
        </p>
      ) : node.connectorId !== "core" ? (
        // An application's own event trigger: the application proves itself its own way (its fields say how), so
        // the Toolbox webhook's signing rules below do not apply.
        <p data-testid="webhook-connector-note" className="rounded-md bg-slate-50 p-3 text-xs text-slate-600">
          Enter this URL and the secret where the application sends its events; the fields below say how it signs in.
        </p>
      ) : (
        <div className="rounded-md bg-slate-50 p-3 text-xs text-slate-600">
          {verifies ? (
            <div data-testid="webhook-signing-hint">
              <p>
                Sign each request: send{" "}
                <code>X-Conflux-Signature: t=&lt;unix seconds&gt;,h=&lt;header;header&gt;,v2=&lt;hex&gt;</code>, where
                hex is the HMAC-SHA256, keyed with the secret, of these lines joined by a newline:
              </p>
              <pre className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-[11px] leading-snug">
                {[
                  "v2",
                  "<t>",
                  `<${eventIdHeader} value, or empty>`,
                  "<query string without ?, or empty>",
                  "<h>",
                  "<name>:<value>   (a line per header in h)",
                  "<raw body>",
                ].join("\n")}
              </pre>
              <p className="mt-1">
                The flow sees only the headers listed in <code>h</code>. A signature is accepted once and for 5 minutes.
              </p>
            </div>
          ) : (
            <p className="text-amber-800">Signatures are not checked: anyone who knows the URL can start this flow.</p>
          )}
          <p className="mt-1">
            Send a unique <code>{eventIdHeader}</code> header so that a retried delivery never starts a second run. JSON
            bodies (Content-Type: application/json) arrive parsed; others as text.
          </p>
        </div>
      )}
    </section>
  );
}
