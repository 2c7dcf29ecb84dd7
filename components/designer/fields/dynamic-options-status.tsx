"use client";
// The line under a dynamic field that says where its list stands: no account chosen yet, loading, failed (in the
// remote system's words, with Retry), nothing found, or loaded (with the chosen choice's name and a Refresh).
import { Loader2, RefreshCw } from "lucide-react";
import type { ReactNode } from "react";
import { errorMessage } from "../../ui/error-message";

const linkButton =
  "inline-flex items-center gap-1 rounded px-1 font-medium text-brand-700 hover:text-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function OptionsStatus({
  id,
  name,
  noun,
  query,
  hasAccount,
  chosenLabel,
  custom,
}: {
  id: string;
  name: string;
  noun: string;
  query: {
    isPending: boolean;
    isFetching: boolean;
    isError: boolean;
    error: unknown;
    data?: { options: unknown[] };
    refetch: () => unknown;
  };
  hasAccount: boolean;
  chosenLabel: string | undefined;
  custom: boolean;
}) {
  const refresh = (label: string, testId: string) => (
    <button type="button" data-testid={testId} className={linkButton} onClick={() => void query.refetch()}>
      <RefreshCw size={11} aria-hidden className={query.isFetching ? "animate-spin" : ""} /> {label}
    </button>
  );
  let state: string;
  let content: ReactNode;
  if (!hasAccount) {
    state = "no-account";
    content = <span>Choose an account above to load the {noun}, or type the value.</span>;
  } else if (query.isFetching && (query.isPending || query.isError)) {
    state = "loading";
    content = (
      <span className="inline-flex items-center gap-1.5">
        <Loader2 size={12} aria-hidden className="animate-spin" /> Loading {noun}…
      </span>
    );
  } else if (query.isError) {
    state = "error";
    content = (
      <span className="flex flex-col items-start gap-1 rounded-md border border-red-200 bg-red-50 px-2 py-1.5 text-red-700">
        <span data-testid={`field-options-error-${name}`}>
          Could not load the {noun}: {errorMessage(query.error)}
        </span>
        <span className="flex items-center gap-2 text-slate-600">
          {refresh("Retry", `field-options-retry-${name}`)} You can still type the value.
        </span>
      </span>
    );
  } else if ((query.data?.options.length ?? 0) === 0) {
    state = "empty";
    content = (
      <span className="inline-flex flex-wrap items-center gap-1">
        No {noun} found for this account: type the value. {refresh("Refresh", `field-options-refresh-${name}`)}
      </span>
    );
  } else {
    state = "loaded";
    content = (
      <span className="flex items-center justify-between gap-2">
        <span className="min-w-0 truncate">
          {chosenLabel && <span className="font-medium text-slate-700">{chosenLabel}</span>}
          {custom && (
            <span
              data-testid={`field-options-custom-${name}`}
              className="rounded bg-amber-50 px-1.5 py-0.5 text-amber-800 ring-1 ring-inset ring-amber-600/20"
            >
              Custom value<span className="sr-only">, not in the list of {noun}</span>
            </span>
          )}
        </span>
        <span className="inline-flex shrink-0 items-center gap-1">
          {capitalized(noun)}: {query.data?.options.length} loaded{" "}
          {refresh(query.isFetching ? "Refreshing…" : "Refresh", `field-options-refresh-${name}`)}
        </span>
      </span>
    );
  }
  return (
    <div
      id={id}
      data-testid={`field-options-status-${name}`}
      data-state={state}
      aria-live="polite"
      className="text-xs text-slate-500"
    >
      {content}
    </div>
  );
}
