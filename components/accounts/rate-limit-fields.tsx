"use client";
// The account's own rate limits, folded away at the end of the account form: most accounts keep the connector's
// defaults (shown as placeholders), so a blank field means "the default" and only typed values are overrides.
import { ChevronRight } from "lucide-react";
import { useState } from "react";
import {
  maxConcurrencySchema,
  requestsPerSecondSchema,
  type ConnectorRateLimit,
  type EffectiveRateLimit,
} from "@/lib/rate-limits";
import { TextInput } from "../ui/text-input";
import type { Account } from "./account-types";

type LimitKey = keyof EffectiveRateLimit;
export type RateLimitDraft = Record<LimitKey, string>;

type SavedLimits = Pick<Account, "rateLimit">;

const schemas = { requestsPerSecond: requestsPerSecondSchema, maxConcurrency: maxConcurrencySchema };

function savedOverride(account: SavedLimits | undefined, key: LimitKey): string {
  const value = account?.rateLimit.overridden[key] ? account.rateLimit[key] : null;
  return value === null ? "" : String(value);
}

function parse(text: string, key: LimitKey): { value: number | null } | { problem: string } {
  if (text.trim() === "") return { value: null };
  const result = schemas[key].safeParse(Number(text));
  return result.success ? { value: result.data } : { problem: result.error.issues[0]?.message ?? "Not a valid limit" };
}

/** What the user typed, read as overrides to save (blank: the default), or the problem with each bad field. */
export function readOverrides(
  draft: RateLimitDraft,
): { value: EffectiveRateLimit } | { problems: Partial<RateLimitDraft> } {
  const rps = parse(draft.requestsPerSecond, "requestsPerSecond");
  const concurrency = parse(draft.maxConcurrency, "maxConcurrency");
  if ("value" in rps && "value" in concurrency) {
    return { value: { requestsPerSecond: rps.value, maxConcurrency: concurrency.value } };
  }
  return {
    problems: {
      ...("problem" in rps ? { requestsPerSecond: rps.problem } : {}),
      ...("problem" in concurrency ? { maxConcurrency: concurrency.problem } : {}),
    },
  };
}

/** The form's state for the section; `validate` returns the overrides to save, or null after showing problems. */
export function useRateLimitOverrides(account: SavedLimits | undefined) {
  const [draft, setDraft] = useState<RateLimitDraft>(() => ({
    requestsPerSecond: savedOverride(account, "requestsPerSecond"),
    maxConcurrency: savedOverride(account, "maxConcurrency"),
  }));
  const [problems, setProblems] = useState<Partial<RateLimitDraft>>({});
  return {
    draft,
    problems,
    change: (key: LimitKey, text: string) => setDraft((current) => ({ ...current, [key]: text })),
    validate(): EffectiveRateLimit | null {
      const read = readOverrides(draft);
      setProblems("problems" in read ? read.problems : {});
      return "value" in read ? read.value : null;
    },
  };
}

const fields: Array<{ key: LimitKey; label: string; unit: string; step: string }> = [
  { key: "requestsPerSecond", label: "Requests per second", unit: "per second", step: "any" },
  { key: "maxConcurrency", label: "Concurrent calls", unit: "at once", step: "1" },
];

export function RateLimitFields({
  defaults,
  state,
}: {
  /** The connector's declared limits; absent means unlimited unless the account sets one. */
  defaults: ConnectorRateLimit | undefined;
  state: ReturnType<typeof useRateLimitOverrides>;
}) {
  const { draft, problems } = state;
  const hasProblem = Object.keys(problems).length > 0;
  const [open, setOpen] = useState(() => draft.requestsPerSecond !== "" || draft.maxConcurrency !== "");

  return (
    <details
      open={open || hasProblem}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="group rounded-lg border border-slate-200"
      data-testid="account-rate-limits"
    >
      <summary className="flex cursor-pointer items-center gap-1 px-3 py-2 text-sm font-medium text-slate-700">
        <ChevronRight className="size-4 transition-transform group-open:rotate-90" aria-hidden />
        Rate limits
      </summary>
      <div className="flex flex-col gap-3 px-3 pb-3">
        <p className="text-xs text-slate-500">
          Shared by every flow and worker that uses this account. Leave a field blank to use the default.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          {fields.map(({ key, label, unit, step }) => (
            <div key={key} className="flex flex-col gap-1">
              <label htmlFor={`account-rate-limit-${key}`} className="text-sm font-medium text-slate-700">
                {label}
              </label>
              <TextInput
                id={`account-rate-limit-${key}`}
                data-testid={`account-rate-limit-${key}`}
                type="number"
                inputMode={key === "maxConcurrency" ? "numeric" : "decimal"}
                min={key === "maxConcurrency" ? 1 : 0}
                step={step}
                placeholder={defaults ? `${defaults[key]} ${unit} (default)` : "Unlimited (default)"}
                value={draft[key]}
                aria-invalid={problems[key] ? true : undefined}
                onChange={(event) => state.change(key, event.target.value)}
              />
              {problems[key] && (
                <p role="alert" className="text-xs text-red-600">
                  {problems[key]}
                </p>
              )}
            </div>
          ))}
        </div>
      </div>
    </details>
  );
}
