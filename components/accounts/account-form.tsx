"use client";
// Connect or edit an account: the form is generated from the connector's declared connection modes and fields, so a
// new connector gets its Connect form without browser code. The server checks the same declaration on save and
// tests the connection; a failed test keeps the saved account and the form open, so the user fixes it in place.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { changedDestinations, isWriteOnly, type AccountPreset, type ConnectionMode } from "@/lib/account-fields";
import { useTRPC } from "../trpc";
import { useAccess } from "../auth/use-access";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextInput } from "../ui/text-input";
import { AccountFieldInput } from "./account-field-input";
import { errorField, type Account, type ConnectorWithAuth } from "./account-types";
import { RateLimitFields, useRateLimitOverrides } from "./rate-limit-fields";

function initialValues(mode: ConnectionMode, saved: Record<string, string>, carried: Record<string, string> = {}) {
  const values: Record<string, string> = {};
  for (const field of mode.fields) {
    if (isWriteOnly(field)) values[field.key] = carried[field.key] ?? "";
    else values[field.key] = carried[field.key] ?? saved[field.key] ?? field.default ?? "";
  }
  return values;
}

function suggestedName(connector: ConnectorWithAuth, taken: readonly string[], base?: string): string {
  if (base && !taken.includes(base)) return base;
  for (let index = 1; ; index += 1) {
    const name = base ? `${base} ${index + 1}` : `${connector.name} account ${index}`;
    if (!taken.includes(name)) return name;
  }
}

export function AccountForm({
  connector,
  account: initialAccount,
  takenNames = [],
  onSaved,
  onCancel,
}: {
  connector: ConnectorWithAuth;
  /** The account being edited; absent when connecting a new one. */
  account?: Account;
  /** Names already used for this application, to suggest a free one. */
  takenNames?: readonly string[];
  onSaved: (account: Account) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const build = useAccess("build");
  // After a failed test the account exists, so the form switches from "connect" to "edit" for the next try.
  const [account, setAccount] = useState(initialAccount);
  const [modeKey, setModeKey] = useState(account?.mode ?? connector.auth.modes[0]?.key ?? "");
  const mode = connector.auth.modes.find((candidate) => candidate.key === modeKey) ?? connector.auth.modes[0];
  const [name, setName] = useState(account?.name ?? suggestedName(connector, takenNames));
  const [values, setValues] = useState(() => (mode ? initialValues(mode, account?.values ?? {}) : {}));
  const [testFailure, setTestFailure] = useState<string | null>(null);
  const rateLimits = useRateLimitOverrides(initialAccount);
  const create = useMutation(trpc.accounts.create.mutationOptions());
  const update = useMutation(trpc.accounts.update.mutationOptions());
  const pending = create.isPending || update.isPending;
  const failed = account ? update.error : create.error;
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const invalidField = nameProblem ? "name" : failed ? errorField(failed) : undefined;

  if (!mode) return <p className="text-sm text-red-600">{connector.name} declares no way to connect.</p>;
  // Saved secrets stay with the host they were entered for: pointing the account elsewhere asks for them again.
  const moved = account?.mode === mode.key ? changedDestinations(mode, account.values, values) : [];
  const saved = new Set(account?.mode === mode.key && moved.length === 0 ? account.secretsSet : []);
  const secretsAgain = account?.mode === mode.key && moved.length > 0 && account.secretsSet.length > 0;

  function applyPreset(preset: AccountPreset) {
    const next = connector.auth.modes.find((candidate) => candidate.key === preset.mode);
    if (!next) return;
    setModeKey(next.key);
    setValues(initialValues(next, {}, preset.values));
    setName(suggestedName(connector, takenNames, preset.accountName));
  }

  function chooseMode(next: ConnectionMode) {
    setModeKey(next.key);
    setValues((current) => initialValues(next, account?.mode === next.key ? account.values : {}, current));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTestFailure(null);
    const trimmed = name.trim();
    setNameProblem(
      trimmed === "" ? "Give the account a name." : trimmed.length > 120 ? "Use at most 120 characters." : null,
    );
    if (trimmed === "" || trimmed.length > 120) return;
    const rateLimit = rateLimits.validate();
    if (!rateLimit) return;
    const test = connector.testable;
    const submitted = { name: trimmed, mode: mode?.key, values, test, rateLimit };
    try {
      const result = account
        ? await update.mutateAsync({ id: account.id, ...submitted })
        : await create.mutateAsync({ connectorId: connector.id, ...submitted });
      if (result.status === "failing") {
        setAccount(result);
        setTestFailure(result.statusMessage ?? "The connection test failed.");
        return;
      }
      onSaved(result);
    } catch {
      // The mutation's error is shown beside the form.
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" data-testid="account-form" noValidate>
      {!build.allowed && (
        <p data-testid="account-read-only" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Read-only: your role can see which accounts exist, not change them or use their secrets.
        </p>
      )}
      {/* A disabled fieldset makes every field inside read-only for roles that cannot edit accounts. */}
      <fieldset disabled={!build.allowed} className="flex min-w-0 flex-col gap-4">
        {!account &&
          connector.auth.presets?.map((preset, index) => (
            <div
              key={preset.key}
              className="flex items-center justify-between gap-3 rounded-lg border border-brand-200 bg-brand-50 px-3 py-2.5"
            >
              <div className="min-w-0 text-sm">
                {index === 0 && <p className="font-medium text-slate-900">No {connector.name} to connect to yet?</p>}
                {preset.description && <p className="text-xs text-slate-600">{preset.description}</p>}
                {preset.link && (
                  <a
                    href={preset.link.href}
                    target="_blank"
                    rel="noreferrer"
                    className="text-xs text-brand-700 underline"
                  >
                    {preset.link.label}
                  </a>
                )}
              </div>
              <Button
                variant="primary"
                className="shrink-0"
                data-testid={`account-preset-${preset.key}`}
                onClick={() => applyPreset(preset)}
              >
                {preset.label}
              </Button>
            </div>
          ))}
        <div className="flex flex-col gap-1">
          <label htmlFor="account-name" className="text-sm font-medium text-slate-700">
            Account name
            <span className="ml-0.5 text-red-600" aria-hidden>
              *
            </span>
          </label>
          <TextInput
            id="account-name"
            data-testid="account-name-input"
            value={name}
            aria-required
            aria-invalid={invalidField === "name" || undefined}
            onChange={(event) => setName(event.target.value)}
          />
          {nameProblem && <p className="text-xs text-red-600">{nameProblem}</p>}
          <p className="text-xs text-slate-500">Flows pick the account by this name. Unique per application.</p>
        </div>

        {connector.auth.modes.length > 1 && (
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-slate-700">Connect with</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {connector.auth.modes.map((candidate) => (
                <label
                  key={candidate.key}
                  className={`flex cursor-pointer gap-2 rounded-lg border p-3 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${
                    candidate.key === mode.key ? "border-brand-500 bg-brand-50" : "border-slate-200 hover:bg-slate-50"
                  }`}
                >
                  <input
                    type="radio"
                    name="account-mode"
                    value={candidate.key}
                    data-testid={`account-mode-${candidate.key}`}
                    checked={candidate.key === mode.key}
                    onChange={() => chooseMode(candidate)}
                    className="mt-0.5"
                  />
                  <span>
                    <span className="block font-medium">{candidate.label}</span>
                    {candidate.description && (
                      <span className="block text-xs text-slate-600">{candidate.description}</span>
                    )}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )}

        {secretsAgain && (
          <p
            role="status"
            data-testid="account-secrets-again"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            {moved.map((field) => field.label).join(" and ")} changed: enter the account&apos;s secrets again. Saved
            secrets are only ever sent where they were entered.
          </p>
        )}

        {mode.fields.map((field) => (
          <div key={`${mode.key}:${field.key}`} className="flex flex-col gap-1">
            <label htmlFor={`account-field-${field.key}`} className="text-sm font-medium text-slate-700">
              {field.label}
              {field.required ? (
                <span className="ml-0.5 text-red-600" aria-hidden>
                  *
                </span>
              ) : (
                <span className="ml-1 text-xs font-normal text-slate-500">(optional)</span>
              )}
            </label>
            <AccountFieldInput
              field={field}
              value={values[field.key] ?? ""}
              saved={saved.has(field.key)}
              invalid={invalidField === field.key}
              onChange={(value) => setValues((current) => ({ ...current, [field.key]: value }))}
            />
            {failed && invalidField === field.key && (
              <p role="alert" data-testid="account-field-error" className="text-xs text-red-600">
                {errorMessage(failed)}
              </p>
            )}
            {field.help && (
              <p id={`account-field-${field.key}-help`} className="text-xs text-slate-500">
                {field.help}
              </p>
            )}
          </div>
        ))}

        <RateLimitFields defaults={connector.rateLimit} state={rateLimits} />

        {failed && !mode.fields.some((field) => field.key === invalidField) && (
          <p
            role="alert"
            data-testid="account-form-error"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
          >
            {errorMessage(failed)}
          </p>
        )}
        {testFailure && (
          <div
            role="alert"
            data-testid="account-test-failure"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            <p className="font-medium">The account is saved, but the connection test failed:</p>
            <p className="mt-1">{testFailure}</p>
            <p className="mt-1 text-xs">Correct the fields and save again, or close and fix it later.</p>
          </div>
        )}
      </fieldset>
      <div className="mt-1 flex justify-end gap-2">
        <Button onClick={() => (account && testFailure ? onSaved(account) : onCancel())}>
          {testFailure || !build.allowed ? "Close" : "Cancel"}
        </Button>
        {build.allowed && (
          <Button type="submit" variant="primary" disabled={pending} data-testid="account-submit">
            {pending ? (connector.testable ? "Testing…" : "Saving…") : account ? "Save" : "Connect"}
          </Button>
        )}
      </div>
    </form>
  );
}
