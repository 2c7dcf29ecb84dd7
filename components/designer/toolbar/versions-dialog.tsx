"use client";
// "Versions": the flow's published versions, a diff between any two (or a version and the saved draft), and
// "Restore into draft". The restore carries the designer's revision, so a draft saved elsewhere is never overwritten.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { actorName, formatRelative } from "@/lib/format";
import { useTRPC } from "../../trpc";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";
import { errorMessage } from "../../ui/error-message";
import { inputClass } from "../../ui/text-input";
import { useDesignerActions, useIsDirty } from "../store/hooks";
import { useDesignerStoreApi } from "../store/provider";
import { VersionDiffView } from "./version-diff-view";

type VersionRef = number | "draft";

function refLabel(ref: VersionRef): string {
  return ref === "draft" ? "Draft (saved)" : `Version ${ref}`;
}

function parseRef(value: string): VersionRef {
  return value === "draft" ? "draft" : Number(value);
}

/** Opened from the toolbar's "More" menu, for the flow open in the designer. */
export function VersionsDialog({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.flows.versions.queryOptions({ id: flowId }));
  const [picked, setPicked] = useState<{ from: VersionRef; to: VersionRef } | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const latest = versions.data?.[0]?.number;
  // Until the user picks, compare the newest version with the draft: "what have I changed since I published?"
  const compare = picked ?? (latest === undefined ? null : { from: latest, to: "draft" as const });
  const refs: VersionRef[] = ["draft", ...(versions.data ?? []).map((version) => version.number)];

  return (
    <Dialog open onClose={onClose} title="Versions" testId="versions-dialog" size="lg">
      {versions.isError && (
        <p className="text-sm text-red-600">Could not load the versions: {errorMessage(versions.error)}</p>
      )}
      {versions.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {versions.data?.length === 0 && (
        <p data-testid="no-versions" className="text-sm text-slate-600">
          No versions yet. Every Start publishes the draft as a new version.
        </p>
      )}
      {versions.data && versions.data.length > 0 && (
        <div className="flex flex-col gap-4">
          <ul
            className="max-h-48 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
            aria-label="Published versions"
          >
            {versions.data.map((version) => (
              <li
                key={version.number}
                data-testid="version-row"
                data-version={version.number}
                className="flex items-center gap-3 px-3 py-2 text-sm"
              >
                <span className="font-medium">Version {version.number}</span>
                {version.live && (
                  <span className="rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-800">Live</span>
                )}
                <span className="text-slate-500">
                  published {formatRelative(version.createdAt)}
                  {version.publishedBy && (
                    <>
                      {" by "}
                      <span className="text-slate-700" data-testid="version-published-by" title={version.publishedBy}>
                        {actorName(version.publishedBy)}
                      </span>
                    </>
                  )}
                </span>
                <Button
                  variant="ghost"
                  className="ml-auto"
                  data-testid="restore-version-button"
                  aria-label={`Restore version ${version.number} into the draft`}
                  onClick={() => setConfirming(version.number)}
                >
                  Restore into draft
                </Button>
              </li>
            ))}
          </ul>
          {confirming !== null && (
            <RestoreConfirm flowId={flowId} number={confirming} onCancel={() => setConfirming(null)} onDone={onClose} />
          )}
          {compare && (
            <div className="flex flex-col gap-3">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <label htmlFor="diff-from">Compare</label>
                <select
                  id="diff-from"
                  data-testid="diff-from-select"
                  className={`${inputClass} w-auto`}
                  value={String(compare.from)}
                  onChange={(event) => setPicked({ ...compare, from: parseRef(event.target.value) })}
                >
                  {refs.map((ref) => (
                    <option key={ref} value={String(ref)}>
                      {refLabel(ref)}
                    </option>
                  ))}
                </select>
                <label htmlFor="diff-to">with</label>
                <select
                  id="diff-to"
                  data-testid="diff-to-select"
                  className={`${inputClass} w-auto`}
                  value={String(compare.to)}
                  onChange={(event) => setPicked({ ...compare, to: parseRef(event.target.value) })}
                >
                  {refs.map((ref) => (
                    <option key={ref} value={String(ref)}>
                      {refLabel(ref)}
                    </option>
                  ))}
                </select>
              </div>
              <DiffResult flowId={flowId} from={compare.from} to={compare.to} />
            </div>
          )}
        </div>
      )}
      <div className="mt-5 flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}

function DiffResult({ flowId, from, to }: { flowId: string; from: VersionRef; to: VersionRef }) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.flows.versionDiff.queryOptions({ id: flowId, from, to }, { enabled: from !== to }));
  if (from === to) return <p className="text-sm text-slate-500">Pick two different versions to compare.</p>;
  if (diff.isError) return <p className="text-sm text-red-600">Could not compare: {errorMessage(diff.error)}</p>;
  if (!diff.data) return <p className="text-sm text-slate-500">Comparing…</p>;
  return <VersionDiffView diff={diff.data.diff} />;
}

function RestoreConfirm(props: { flowId: string; number: number; onCancel: () => void; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dirty = useIsDirty();
  const { load } = useDesignerActions();
  const store = useDesignerStoreApi();
  const restore = useMutation(trpc.flows.restoreVersion.mutationOptions());

  async function onRestore() {
    const { revision } = store.getState();
    try {
      const restored = await restore.mutateAsync({ id: props.flowId, number: props.number, baseRevision: revision });
      load(restored.draft, restored.draftRevision);
      await queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ id: props.flowId }) });
      await queryClient.invalidateQueries({ queryKey: trpc.flows.versionDiff.queryKey() });
      toast.success(`Version ${props.number} restored into the draft. Start the flow to publish it.`);
      props.onDone();
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  return (
    <div
      data-testid="restore-confirm"
      role="alertdialog"
      aria-label={`Restore version ${props.number}`}
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
    >
      <p className="text-slate-800">
        Replace the draft with version {props.number}? The running flow is not changed until you Start again.
        {dirty && <strong className="block text-amber-800">Your unsaved changes on the canvas will be lost.</strong>}
      </p>
      <div className="mt-2 flex justify-end gap-2">
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          variant="primary"
          data-testid="confirm-restore-button"
          disabled={restore.isPending}
          onClick={() => void onRestore()}
        >
          Restore version {props.number}
        </Button>
      </div>
    </div>
  );
}
