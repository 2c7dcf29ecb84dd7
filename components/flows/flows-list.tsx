"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus, Trash2, Workflow } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { formatRelative } from "@/lib/format";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { errorMessage } from "../ui/error-message";
import { NameDialog } from "../ui/name-dialog";
import { PageHeader } from "../ui/page-header";
import { StatusBadge } from "../ui/status-badge";
import { SavedFlowExportButton } from "./export-flow-button";
import { ImportFlowButton } from "./import-flow";
import { TemplateGalleryButton } from "./template-gallery";

type Target = { id: string; name: string };

export function FlowsList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  // Fetched again whenever the list is shown: a flow created while the list's first fetch was in flight (then opened
  // in the designer) is missing from that fetch's answer, and TanStack Query does not refetch for an invalidation
  // that arrives during a first fetch.
  const flows = useQuery(trpc.flows.list.queryOptions(undefined, { refetchOnMount: "always" }));
  const manifest = useQuery(trpc.connectors.manifest.queryOptions(undefined, { staleTime: Infinity })).data;
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Target | null>(null);
  const [deleting, setDeleting] = useState<Target | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });

  const create = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: (flow) => {
        void invalidate();
        router.push(`/flows/${flow.id}`);
      },
    }),
  );
  const rename = useMutation(
    trpc.flows.rename.mutationOptions({
      onSuccess: () => {
        setRenaming(null);
        void invalidate();
      },
    }),
  );
  const remove = useMutation(
    trpc.flows.delete.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        void invalidate();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <>
      <PageHeader
        title="Flows"
        description="Each flow starts from a trigger and runs its actions in order."
        actions={
          <div className="flex items-center gap-2">
            <ImportFlowButton manifest={manifest} />
            <TemplateGalleryButton manifest={manifest} />
            <Button variant="primary" data-testid="new-flow-button" onClick={() => setCreating(true)}>
              <Plus size={16} aria-hidden /> New flow
            </Button>
          </div>
        }
      />
      <section className="p-8">
        {flows.isPending && <p className="text-sm text-slate-500">Loading flows…</p>}
        {flows.isError && <p className="text-sm text-red-600">Could not load flows: {errorMessage(flows.error)}</p>}
        {flows.data && flows.data.length === 0 && (
          <div className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center">
            <Workflow className="mx-auto text-slate-400" size={40} aria-hidden />
            <h2 className="mt-3 font-medium">No flows yet</h2>
            <p className="mt-1 text-sm text-slate-600">
              Create a flow to connect a trigger to the actions it should run.
            </p>
            <Button variant="primary" className="mt-4" onClick={() => setCreating(true)}>
              <Plus size={16} aria-hidden /> Create your first flow
            </Button>
          </div>
        )}
        {flows.data && flows.data.length > 0 && (
          <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-sm shadow-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Name</th>
                <th className="px-4 py-3">Status</th>
                <th className="px-4 py-3">Version</th>
                <th className="px-4 py-3">Last run</th>
                <th className="px-4 py-3">Edited</th>
                <th className="px-4 py-3 text-right">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {flows.data.map((flow) => (
                <tr
                  key={flow.id}
                  data-testid="flow-row"
                  data-flow-name={flow.name}
                  className="whitespace-nowrap hover:bg-slate-50"
                >
                  <td className="whitespace-normal px-4 py-3 font-medium">
                    {/* A floor under the name's width: otherwise the table squeezes it into three lines beside wide buttons. */}
                    <div className="min-w-56">
                      <Link
                        href={`/flows/${flow.id}`}
                        data-testid="flow-link"
                        className="text-brand-700 hover:underline"
                      >
                        {flow.name}
                      </Link>
                    </div>
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={flow.status} />
                  </td>
                  <td className="px-4 py-3 text-slate-600">
                    {flow.publishedVersionNumber ? `v${flow.publishedVersionNumber}` : "—"}
                  </td>
                  <td className="px-4 py-3">
                    {flow.lastRun ? (
                      <Link
                        href={`/runs/${flow.lastRun.id}`}
                        className="inline-flex items-center gap-2 hover:underline"
                      >
                        <StatusBadge status={flow.lastRun.status} />
                        <span className="text-slate-500">{formatRelative(flow.lastRun.createdAt)}</span>
                      </Link>
                    ) : (
                      <span className="text-slate-400">No runs</span>
                    )}
                    {flow.lastRun && (
                      <Link
                        href={`/runs?flowId=${encodeURIComponent(flow.id)}`}
                        data-testid="flow-runs-link"
                        aria-label={`Runs of ${flow.name}`}
                        className="ml-3 text-xs text-brand-700 hover:underline"
                      >
                        All runs
                      </Link>
                    )}
                  </td>
                  <td className="px-4 py-3 text-slate-500">{formatRelative(flow.updatedAt)}</td>
                  <td className="px-4 py-3">
                    <div className="flex justify-end gap-1">
                      <SavedFlowExportButton id={flow.id} name={flow.name} />
                      <Button
                        variant="ghost"
                        aria-label={`Rename ${flow.name}`}
                        title="Rename"
                        data-testid="rename-flow-button"
                        onClick={() => setRenaming({ id: flow.id, name: flow.name })}
                      >
                        <Pencil size={15} aria-hidden />
                      </Button>
                      <Button
                        variant="ghost"
                        aria-label={`Delete ${flow.name}`}
                        data-testid="delete-flow-button"
                        className="text-red-600 hover:text-red-700"
                        title="Delete"
                        onClick={() => setDeleting({ id: flow.id, name: flow.name })}
                      >
                        <Trash2 size={15} aria-hidden />
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {creating && (
        <NameDialog
          open
          noun="flow"
          placeholder="e.g. Sterling orders to IOM"
          title="New flow"
          submitLabel="Create flow"
          pending={create.isPending}
          error={create.error ? errorMessage(create.error) : undefined}
          inputTestId="new-flow-name-input"
          submitTestId="create-flow-submit"
          onSubmit={(name) => create.mutate({ name })}
          onClose={() => setCreating(false)}
        />
      )}
      {renaming && (
        <NameDialog
          open
          noun="flow"
          placeholder="e.g. Sterling orders to IOM"
          title="Rename flow"
          submitLabel="Rename"
          initialName={renaming.name}
          pending={rename.isPending}
          error={rename.error ? errorMessage(rename.error) : undefined}
          inputTestId="rename-flow-input"
          submitTestId="rename-flow-submit"
          onSubmit={(name) => rename.mutate({ id: renaming.id, name })}
          onClose={() => setRenaming(null)}
        />
      )}
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete flow?"
        testId="delete-flow-dialog"
      >
        <p className="text-sm text-slate-700">
          <strong>{deleting?.name}</strong> and its run history will be deleted. A running flow is stopped first. This
          cannot be undone.
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <Button onClick={() => setDeleting(null)}>Cancel</Button>
          <Button
            variant="danger"
            data-testid="confirm-delete-button"
            disabled={remove.isPending}
            onClick={() => deleting && remove.mutate({ id: deleting.id })}
          >
            Delete flow
          </Button>
        </div>
      </Dialog>
    </>
  );
}
