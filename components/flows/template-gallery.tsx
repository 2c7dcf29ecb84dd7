"use client";
// "Start from a template": the ready-made flows connectors declare, each created as a new flow to adjust.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LayoutTemplate } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { ConnectorManifest, FlowTemplate } from "@/lib/connector-manifest";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { errorMessage } from "../ui/error-message";
import { TextInput } from "../ui/text-input";

interface GalleryEntry {
  template: FlowTemplate;
  connectorName: string;
}

export function templatesOf(manifest: ConnectorManifest | undefined): GalleryEntry[] {
  return (manifest?.connectors ?? []).flatMap((connector) =>
    (connector.templates ?? []).map((template) => ({ template, connectorName: connector.name })),
  );
}

export function TemplateGalleryButton({ manifest }: { manifest: ConnectorManifest | undefined }) {
  const [open, setOpen] = useState(false);
  const entries = templatesOf(manifest);
  if (entries.length === 0) return null;
  return (
    <>
      <Button data-testid="template-gallery-button" onClick={() => setOpen(true)}>
        <LayoutTemplate size={16} aria-hidden /> Start from a template
      </Button>
      {open && <TemplateGalleryDialog entries={entries} onClose={() => setOpen(false)} />}
    </>
  );
}

function TemplateGalleryDialog({ entries, onClose }: { entries: GalleryEntry[]; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<FlowTemplate | null>(null);
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: (flow) => {
        void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        router.push(`/flows/${flow.id}`);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (picked && name.trim()) create.mutate({ name: name.trim(), templateId: picked.id });
  }

  return (
    <Dialog open onClose={onClose} title="Start from a template" testId="template-gallery-dialog" size="lg">
      <form onSubmit={submit} className="flex flex-col gap-4">
        <ul className="grid gap-2 sm:grid-cols-2" aria-label="Templates">
          {entries.map(({ template, connectorName }) => {
            const selected = picked?.id === template.id;
            return (
              <li key={template.id}>
                <button
                  type="button"
                  data-testid="template-card"
                  data-template-id={template.id}
                  aria-pressed={selected}
                  onClick={() => {
                    setPicked(template);
                    setName(template.name);
                  }}
                  className={`h-full w-full rounded-md border p-3 text-left text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${
                    selected
                      ? "border-brand-500 bg-brand-50"
                      : "border-slate-200 hover:border-slate-300 hover:bg-slate-50"
                  }`}
                >
                  <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">
                    {connectorName}
                  </span>
                  <span className="mt-0.5 block font-medium text-slate-900">{template.name}</span>
                  <span className="mt-1 block text-slate-600">{template.description}</span>
                  <span className="mt-1 block text-xs text-slate-500">{template.graph.nodes.length} steps</span>
                </button>
              </li>
            );
          })}
        </ul>
        {picked && (
          <div className="flex flex-col gap-1">
            <label htmlFor="template-flow-name" className="text-sm font-medium text-slate-700">
              Flow name
            </label>
            <TextInput
              id="template-flow-name"
              data-testid="template-flow-name"
              value={name}
              maxLength={120}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
        )}
        {create.error && (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(create.error)}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="primary"
            data-testid="create-from-template-submit"
            disabled={!picked || name.trim() === "" || create.isPending}
          >
            Create flow
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
