"use client";
// The step's account: one of the application's saved accounts, or a new one connected in place without leaving the
// designer (the same form as on the Applications page).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import type { AccountNeed } from "@/lib/account-use";
import { AccountFormDialog } from "../../accounts/account-form-dialog";
import { AccountStatusBadge } from "../../accounts/account-status-badge";
import type { ConnectorWithAuth } from "../../accounts/account-types";
import { useTRPC } from "../../trpc";
import { Button } from "../../ui/button";
import { errorMessage } from "../../ui/error-message";
import { inputClass } from "../../ui/text-input";

/** The account row of a step: the picker, or a note where the step uses no account (the application calls it). */
export function StepAccount(props: {
  connector: ConnectorWithAuth;
  need: AccountNeed;
  accountId: string | undefined;
  onChange: (accountId: string | undefined) => void;
}) {
  if (props.need !== "none") return <AccountPicker {...props} required={props.need === "required"} />;
  return (
    <div className="flex flex-col gap-1" data-testid="account-not-needed">
      <span className="text-sm font-medium text-slate-700">Account</span>
      <p className="rounded border border-slate-200 bg-slate-50 px-2 py-1.5 text-xs text-slate-600">
        No account needed: {props.connector.name} calls this flow.
      </p>
    </div>
  );
}

function AccountPicker({
  connector,
  accountId,
  required,
  onChange,
}: {
  connector: ConnectorWithAuth;
  accountId: string | undefined;
  required: boolean;
  onChange: (accountId: string | undefined) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const accounts = useQuery(trpc.accounts.list.queryOptions({ connectorId: connector.id }));
  const [connecting, setConnecting] = useState(false);
  const list = accounts.data ?? [];
  const chosen = list.find((account) => account.id === accountId);
  const missing = accountId !== undefined && accounts.isSuccess && !chosen;

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="step-account" className="text-sm font-medium text-slate-700">
        Account
        {required && (
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        )}
      </label>
      <div className="flex gap-2">
        <select
          id="step-account"
          data-testid="account-select"
          className={inputClass}
          value={missing ? "" : (accountId ?? "")}
          aria-required={required || undefined}
          disabled={accounts.isPending}
          onChange={(event) => onChange(event.target.value || undefined)}
        >
          <option value="">
            {accounts.isPending ? "Loading accounts…" : required ? "Choose an account" : "No account"}
          </option>
          {list.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name}
            </option>
          ))}
        </select>
        <Button data-testid="connect-new-account" className="shrink-0" onClick={() => setConnecting(true)}>
          <Plus size={14} aria-hidden /> New
        </Button>
      </div>
      {accounts.isError && (
        <p className="text-xs text-red-600">Could not load the accounts: {errorMessage(accounts.error)}</p>
      )}
      {missing && <p className="text-xs text-red-600">The chosen account was deleted. Choose another one.</p>}
      {chosen && (
        <div className="mt-1">
          <AccountStatusBadge account={chosen} />
        </div>
      )}
      {!required && !accountId && (
        <p className="text-xs text-slate-500" data-testid="account-optional-note">
          {connector.auth.accountRequired
            ? `No ${connector.name} account needed with these settings.`
            : "Without an account, give the step a full URL and any credentials it needs."}
        </p>
      )}
      {connecting && (
        <AccountFormDialog
          connector={connector}
          takenNames={list.map((account) => account.name)}
          onSaved={(account) => {
            setConnecting(false);
            onChange(account.id);
            void queryClient.invalidateQueries({ queryKey: trpc.accounts.list.queryKey() });
          }}
          onClose={() => setConnecting(false)}
        />
      )}
    </div>
  );
}
