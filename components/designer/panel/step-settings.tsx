"use client";
// The Settings section of an action step's panel: how many attempts, how long each may take, and what a failure
// does to the run. Only values that differ from the defaults are stored (see graph-edit's updateSettings).
import { useState } from "react";
import { DEFAULT_MAX_ATTEMPTS, stepSettingsOf, type FlowNode, type OnErrorPolicy } from "@/lib/flow-graph";
import { inputClass, TextInput } from "../../ui/text-input";
import { useDesignerActions } from "../store/hooks";
import { updateSettings } from "../graph/graph-edit";

const MIN_TIMEOUT_S = 1;
const MAX_TIMEOUT_S = 300;

const onErrorChoices: Array<{ value: OnErrorPolicy; label: string }> = [
  { value: "fail", label: "Fail the run" },
  { value: "continue", label: "Continue (later steps see its output as empty)" },
  { value: "branch", label: "Take the error path" },
];

/** Seconds as typed: empty means the action's own timeout; anything else must be whole seconds within bounds. */
function parseTimeout(text: string): { ok: true; ms: number | undefined } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, ms: undefined };
  if (!/^\d+$/.test(trimmed)) return { ok: false };
  const seconds = Number(trimmed);
  return seconds >= MIN_TIMEOUT_S && seconds <= MAX_TIMEOUT_S ? { ok: true, ms: seconds * 1000 } : { ok: false };
}

export function StepSettingsSection({ node }: { node: FlowNode }) {
  const { edit } = useDesignerActions();
  const settings = stepSettingsOf(node);
  const [timeoutText, setTimeoutText] = useState(
    settings.timeoutMs === undefined ? "" : String(settings.timeoutMs / 1000),
  );
  const timeoutValid = parseTimeout(timeoutText).ok;

  return (
    <section
      data-testid="step-settings"
      aria-labelledby="step-settings-title"
      className="flex flex-col gap-3 border-t border-slate-200 pt-4"
    >
      <div>
        <h3 id="step-settings-title" className="text-sm font-semibold text-slate-800">
          Settings
        </h3>
        <p className="text-xs text-slate-500">
          Network errors, timeouts, 5xx and 429 answers are tried again after a growing wait (or the wait the server
          asks for); other errors fail at once.
        </p>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="setting-max-attempts" className="text-sm font-medium text-slate-700">
          Attempts
        </label>
        <select
          id="setting-max-attempts"
          data-testid="setting-max-attempts"
          className={inputClass}
          value={settings.maxAttempts}
          onChange={(event) => {
            const value = Number(event.target.value);
            edit((graph) =>
              updateSettings(graph, node.id, { maxAttempts: value === DEFAULT_MAX_ATTEMPTS ? undefined : value }),
            );
          }}
        >
          {Array.from({ length: 10 }, (_, index) => index + 1).map((count) => (
            <option key={count} value={count}>
              {count === 1 ? "1 (no retries)" : count === DEFAULT_MAX_ATTEMPTS ? `${count} (default)` : count}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="setting-timeout" className="text-sm font-medium text-slate-700">
          Timeout per attempt (seconds)
        </label>
        <TextInput
          id="setting-timeout"
          data-testid="setting-timeout"
          inputMode="numeric"
          placeholder="The action’s own"
          aria-invalid={!timeoutValid || undefined}
          aria-describedby="setting-timeout-help"
          value={timeoutText}
          onChange={(event) => {
            setTimeoutText(event.target.value);
            const parsed = parseTimeout(event.target.value);
            // An invalid entry stays in the box (marked) and leaves the stored setting as it was.
            if (parsed.ok) edit((graph) => updateSettings(graph, node.id, { timeoutMs: parsed.ms }));
          }}
        />
        <p id="setting-timeout-help" className={`text-xs ${timeoutValid ? "text-slate-500" : "text-red-600"}`}>
          {timeoutValid
            ? "Empty: the action’s own timeouts apply."
            : `Whole seconds from ${MIN_TIMEOUT_S} to ${MAX_TIMEOUT_S}, or empty.`}
        </p>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="setting-on-error" className="text-sm font-medium text-slate-700">
          On error
        </label>
        <select
          id="setting-on-error"
          data-testid="setting-on-error"
          className={inputClass}
          value={settings.onError}
          onChange={(event) => {
            const value = onErrorChoices.find((choice) => choice.value === event.target.value)?.value;
            edit((graph) => updateSettings(graph, node.id, { onError: value === "fail" ? undefined : value }));
          }}
        >
          {onErrorChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        {settings.onError === "branch" && (
          <p className="text-xs text-slate-500">
            Connect the red <em>error</em> handle to the steps to run when this one fails; they read the error as{" "}
            <code className="rounded bg-slate-100 px-1">{`{{ steps.${node.id}.error.message }}`}</code>.
          </p>
        )}
      </div>
    </section>
  );
}
