"use client";
// Applications and APIs: every connector, what it can start a flow with and do, grouped as the vendor groups them.
import { useQuery } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, Search } from "lucide-react";
import { useState } from "react";
import type { ManifestConnector, ManifestOperation } from "@/lib/connector-manifest";
import { hasAuth } from "../accounts/account-types";
import { ConnectorAccounts } from "../accounts/connector-accounts";
import { ConnectorIcon } from "../connector-icon";
import { useTRPC } from "../trpc";
import { errorMessage } from "../ui/error-message";
import { PageHeader } from "../ui/page-header";

function groupBy(operations: ManifestOperation[]): Array<[string, ManifestOperation[]]> {
  const groups = new Map<string, ManifestOperation[]>();
  for (const operation of operations) groups.set(operation.group, [...(groups.get(operation.group) ?? []), operation]);
  return [...groups.entries()];
}

function OperationGroups({ title, operations }: { title: string; operations: ManifestOperation[] }) {
  if (operations.length === 0) return null;
  return (
    <div>
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {groupBy(operations).map(([group, list]) => (
        <div key={group} className="mb-3">
          <p className="text-sm font-medium text-slate-700">{group}</p>
          <ul className="mt-1 flex flex-col gap-1">
            {list.map((operation) => (
              <li key={operation.key} className="text-sm">
                <span className="font-medium">{operation.label}</span>
                <span className="text-slate-500"> — {operation.description}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function matches(connector: ManifestConnector, needle: string): boolean {
  if (!needle) return true;
  const text = [
    connector.name,
    connector.description,
    ...[...connector.triggers, ...connector.actions].map((op) => `${op.label} ${op.group}`),
  ];
  return text.join(" ").toLowerCase().includes(needle);
}

export function Catalog() {
  const trpc = useTRPC();
  const manifest = useQuery(trpc.connectors.manifest.queryOptions(undefined, { staleTime: Infinity }));
  // One list for every application: the collapsed rows show their counts, the open one its accounts.
  const accounts = useQuery(trpc.accounts.list.queryOptions({}));
  const [query, setQuery] = useState("");
  const [expanded, setExpanded] = useState<string | null>(null);
  const needle = query.trim().toLowerCase();
  const connectors = (manifest.data?.connectors ?? []).filter((connector) => matches(connector, needle));

  return (
    <>
      <PageHeader
        title="Applications and APIs"
        description="The systems your flows can listen to and act on, and the accounts you connect them with."
      />
      <section className="flex flex-col gap-4 p-8">
        <label className="flex max-w-md items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm">
          <Search size={16} aria-hidden className="text-slate-400" />
          <input
            data-testid="catalog-search"
            aria-label="Search applications"
            placeholder="Search applications, events and actions"
            className="w-full text-sm outline-none"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        {accounts.isError && (
          <p className="text-sm text-red-600">Could not load the accounts: {errorMessage(accounts.error)}</p>
        )}
        {manifest.isError && (
          <p className="text-sm text-red-600">Could not load the catalog: {errorMessage(manifest.error)}</p>
        )}
        {manifest.isSuccess && connectors.length === 0 && (
          <p className="text-sm text-slate-500">No application matches “{query}”.</p>
        )}
        <ul className="flex flex-col gap-3">
          {connectors.map((connector) => {
            const open = expanded === connector.id;
            const own = (accounts.data ?? []).filter((account) => account.connectorId === connector.id);
            return (
              <li
                key={connector.id}
                data-testid={`application-${connector.id}`}
                className="rounded-xl border border-slate-200 bg-white shadow-sm"
              >
                <button
                  type="button"
                  aria-expanded={open}
                  data-testid={`application-toggle-${connector.id}`}
                  onClick={() => setExpanded(open ? null : connector.id)}
                  className="flex w-full items-center gap-4 px-5 py-4 text-left"
                >
                  <span className="grid h-10 w-10 place-items-center rounded-lg bg-brand-50 text-brand-700">
                    <ConnectorIcon name={connector.icon} size={20} />
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block font-semibold">{connector.name}</span>
                    <span className="block text-sm text-slate-600">{connector.description}</span>
                  </span>
                  <span className="text-right text-xs text-slate-500">
                    {plural(connector.triggers.length, "event")} · {plural(connector.actions.length, "action")}
                    {connector.auth && (
                      <span data-testid="account-count" className="block font-medium text-slate-700">
                        {plural(own.length, "account")}
                      </span>
                    )}
                  </span>
                  {open ? <ChevronDown size={18} aria-hidden /> : <ChevronRight size={18} aria-hidden />}
                </button>
                {open && hasAuth(connector) && <ConnectorAccounts connector={connector} accounts={own} />}
                {open && (
                  <div className="grid gap-6 border-t border-slate-100 px-5 py-4 md:grid-cols-2">
                    <OperationGroups title="Events" operations={connector.triggers} />
                    <OperationGroups title="Actions" operations={connector.actions} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
