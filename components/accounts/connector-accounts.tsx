"use client";
// One application's saved accounts, as App Connect's catalog shows them: Connect, then per account its status, the
// flows that use it, and an options menu with Test connection, Edit, Rename and Delete.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Pencil, PlugZap, Plus, TextCursorInput, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { formatDate, formatRelative } from "@/lib/format";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { NameDialog } from "../ui/name-dialog";
import { OptionsMenu } from "../ui/options-menu";
import { AccountFormDialog } from "./account-form-dialog";
import { AccountStatusBadge } from "./account-status-badge";
import { modeLabel, type Account, type ConnectorWithAuth } from "./account-types";
import { DeleteAccountDialog } from "./delete-account-dialog";

type Dialogs = { kind: "connect" } | { kind: "edit" | "rename" | "delete"; account: Account } | null;

function UsedBy({ account }: { account: Account }) {
  const count = account.usedBy.length;
  if (count === 0) return <span className="text-slate-400">Not used by any flow</span>;
  return (
    <details className="group">
      <summary data-testid="account-used-by" className="cursor-pointer text-slate-600 hover:text-slate-900">
        Used by {count} flow{count === 1 ? "" : "s"}
      </summary>
      <ul className="mt-1 flex flex-col gap-0.5 pl-4">
        {account.usedBy.map((use) => (
          <li key={use.flowId}>
            <Link href={`/flows/${use.flowId}`} className="text-brand-700 hover:underline">
              {use.flowName}
            </Link>{" "}
            <span className="text-xs text-slate-500">({use.status})</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ConnectorAccounts({
  connector,
  accounts,
}: {
  connector: ConnectorWithAuth;
  accounts: readonly Account[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialogs>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.accounts.list.queryKey() });
  const close = () => setDialog(null);
  const test = useMutation(
    trpc.accounts.test.mutationOptions({
      onSuccess: (account) => {
        if (account.status === "connected") toast.success(`${account.name}: connected.`);
        else
          toast.error(`${account.name}: ${account.statusMessage ?? "the connection test failed."}`, {
            duration: 10_000,
          });
      },
      onError: (error) => toast.error(errorMessage(error), { duration: 10_000 }),
      onSettled: refresh,
    }),
  );
  const rename = useMutation(
    trpc.accounts.rename.mutationOptions({
      onSuccess: () => {
        close();
        void refresh();
      },
    }),
  );
  const names = accounts.map((account) => account.name);

  return (
    <section data-testid={`accounts-${connector.id}`} className="border-t border-slate-100 px-5 py-4">
      <div className="mb-3 flex items-center justify-between gap-4">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Accounts</h3>
        <Button
          variant="primary"
          data-testid={`connect-${connector.id}`}
          onClick={() => setDialog({ kind: "connect" })}
        >
          <Plus size={15} aria-hidden /> Connect
        </Button>
      </div>
      {accounts.length === 0 ? (
        <p className="text-sm text-slate-500">No account yet. Connect one to use {connector.name} in your flows.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
          {accounts.map((account) => (
            <li
              key={account.id}
              data-testid="account-row"
              data-account-name={account.name}
              className="flex flex-wrap items-start gap-x-4 gap-y-1 px-4 py-3 text-sm"
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium" data-testid="account-name">
                  {account.name}
                </p>
                <p className="text-xs text-slate-500">
                  {connector.auth.modes.length > 1 && <>{modeLabel(connector, account.mode)} · </>}
                  {account.lastTestedAt ? `tested ${formatRelative(account.lastTestedAt)}` : "never tested"}
                  {account.certificateExpiresAt && (
                    <> · certificate valid until {formatDate(account.certificateExpiresAt)}</>
                  )}
                </p>
                {account.statusMessage && account.status !== "connected" && (
                  <p data-testid="account-status-message" className="mt-1 text-xs text-red-700">
                    {account.statusMessage}
                  </p>
                )}
              </div>
              <AccountStatusBadge account={account} />
              <div className="w-40 text-xs">
                <UsedBy account={account} />
              </div>
              <OptionsMenu
                label={`Options for ${account.name}`}
                testId="account-options"
                items={[
                  ...(connector.testable
                    ? [
                        {
                          label: "Test connection",
                          icon: PlugZap,
                          testId: "account-test",
                          onSelect: () => test.mutate({ id: account.id }),
                        },
                      ]
                    : []),
                  {
                    label: "Edit credentials",
                    icon: Pencil,
                    testId: "account-edit",
                    onSelect: () => setDialog({ kind: "edit", account }),
                  },
                  {
                    label: "Rename",
                    icon: TextCursorInput,
                    testId: "account-rename",
                    onSelect: () => setDialog({ kind: "rename", account }),
                  },
                  {
                    label: "Delete",
                    icon: Trash2,
                    testId: "account-delete",
                    danger: true,
                    onSelect: () => setDialog({ kind: "delete", account }),
                  },
                ]}
              />
            </li>
          ))}
        </ul>
      )}
      {test.isPending && (
        <p role="status" data-testid="account-testing" className="mt-2 text-xs text-slate-500">
          Testing the connection…
        </p>
      )}

      {(dialog?.kind === "connect" || dialog?.kind === "edit") && (
        <AccountFormDialog
          connector={connector}
          account={dialog.kind === "edit" ? dialog.account : undefined}
          takenNames={names}
          onSaved={() => {
            close();
            void refresh();
          }}
          onClose={() => {
            close();
            void refresh();
          }}
        />
      )}
      {dialog?.kind === "rename" && (
        <NameDialog
          open
          noun="account"
          title="Rename account"
          submitLabel="Rename"
          initialName={dialog.account.name}
          pending={rename.isPending}
          error={rename.error ? errorMessage(rename.error) : undefined}
          inputTestId="rename-account-input"
          submitTestId="rename-account-submit"
          onSubmit={(name) => rename.mutate({ id: dialog.account.id, name })}
          onClose={() => {
            rename.reset();
            close();
          }}
        />
      )}
      {dialog?.kind === "delete" && (
        <DeleteAccountDialog
          account={dialog.account}
          onClose={close}
          onDeleted={() => {
            close();
            void refresh();
          }}
        />
      )}
    </section>
  );
}
