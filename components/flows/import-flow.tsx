"use client";
// "Import" on the flows list: reads an exported flow file, shows what is wrong with it in plain words, or lets the
// user choose their own account per application (or later) before the server checks it again and creates the flow.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import type { ConnectorManifest } from "@/lib/connector-manifest";
import { parseFlowImport, type ImportedFlow } from "@/lib/flow-export";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { errorMessage } from "../ui/error-message";
import { TextInput, inputClass } from "../ui/text-input";

type Picked =
  { kind: "errors"; fileName: string; errors: string[] } | { kind: "flow"; document: unknown; flow: ImportedFlow };

/** The trigger is counted apart: an analyst counts the steps after it. */
function stepCount(steps: number): string {
  return `A trigger and ${steps === 1 ? "1 step" : `${steps} steps`}`;
}

export function ImportFlowButton({ manifest }: { manifest: ConnectorManifest | undefined }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<Picked | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file || !manifest) return;
    const text = await file.text();
    const result = parseFlowImport(text, manifest);
    if (!result.ok) setPicked({ kind: "errors", fileName: file.name, errors: result.errors });
    // parseFlowImport has just parsed the same text, so this cannot throw.
    else setPicked({ kind: "flow", document: JSON.parse(text), flow: result.flow });
  }

  return (
    <>
      <Button data-testid="import-flow-button" disabled={!manifest} onClick={() => fileInput.current?.click()}>
        <Upload size={16} aria-hidden /> Import
      </Button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-label="Flow file to import"
        data-testid="import-flow-file-input"
        disabled={!manifest}
        onChange={(event) => void onFile(event)}
      />
      {picked?.kind === "errors" && (
        <Dialog open onClose={() => setPicked(null)} title="This file cannot be imported" testId="import-errors-dialog">
          <p className="text-sm text-slate-700">
            <strong>{picked.fileName}</strong> has these problems:
          </p>
          <ul data-testid="import-errors" className="mt-2 list-disc space-y-1 pl-5 text-sm text-red-700">
            {picked.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
          <div className="mt-5 flex justify-end">
            <Button onClick={() => setPicked(null)}>Close</Button>
          </div>
        </Dialog>
      )}
      {picked?.kind === "flow" && manifest && (
        <ImportAccountsDialog
          document={picked.document}
          flow={picked.flow}
          manifest={manifest}
          onClose={() => setPicked(null)}
        />
      )}
    </>
  );
}

function ImportAccountsDialog(props: {
  document: unknown;
  flow: ImportedFlow;
  manifest: ConnectorManifest;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const accounts = useQuery(trpc.accounts.list.queryOptions({}));
  const [name, setName] = useState(props.flow.name);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const importFlow = useMutation(
    trpc.flows.import.mutationOptions({
      onSuccess: (created) => {
        void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        router.push(`/flows/${created.id}`);
      },
    }),
  );
  const connectorName = (id: string) => props.manifest.connectors.find((connector) => connector.id === id)?.name ?? id;

  function submit(event: FormEvent) {
    event.preventDefault();
    // "Choose later" is the empty option: those applications are left out.
    const accountIds = Object.fromEntries(Object.entries(chosen).filter(([, id]) => id !== ""));
    importFlow.mutate({ document: props.document, accounts: accountIds, name: name.trim() || undefined });
  }

  return (
    <Dialog open onClose={props.onClose} title="Import flow" testId="import-flow-dialog">
      <form onSubmit={submit} className="flex flex-col gap-4">
        <p className="text-sm text-slate-600">
          {stepCount(props.flow.graph.nodes.length - 1)}. Accounts are never exported: choose yours for each
          application, or later in its steps.
        </p>
        <div className="flex flex-col gap-1">
          <label htmlFor="import-flow-name" className="text-sm font-medium text-slate-700">
            Name
          </label>
          <TextInput
            id="import-flow-name"
            data-testid="import-flow-name"
            value={name}
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        {props.flow.applications.map((connectorId) => (
          <div key={connectorId} className="flex flex-col gap-1">
            <label htmlFor={`import-account-${connectorId}`} className="text-sm font-medium text-slate-700">
              {connectorName(connectorId)} account
            </label>
            <select
              id={`import-account-${connectorId}`}
              data-testid={`import-account-${connectorId}`}
              className={inputClass}
              value={chosen[connectorId] ?? ""}
              onChange={(event) => setChosen((current) => ({ ...current, [connectorId]: event.target.value }))}
            >
              <option value="">Choose later</option>
              {(accounts.data ?? [])
                .filter((account) => account.connectorId === connectorId)
                .map((account) => (
                  <option key={account.id} value={account.id}>
                    {account.name}
                  </option>
                ))}
            </select>
          </div>
        ))}
        {importFlow.error && (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(importFlow.error)}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="primary"
            data-testid="import-flow-submit"
            disabled={importFlow.isPending || name.trim() === ""}
          >
            Import flow
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
