"use client";
// Start of a flow whose trigger polls: which items to process. "Now" skips everything that exists already; "since"
// backfills items changed after a date (items that already ran do not run again); once the flow has polled before,
// "where it left off" (the default) also processes what arrived while it was stopped.
import { useState } from "react";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";
import { TextInput } from "../../ui/text-input";

/** What flows.start takes as pollFrom; undefined continues where the flow left off (or starts from now). */
export type PollFrom = "now" | { since: string };

export type StartChoice = "continue" | "now" | "since";

/** The choice as flows.start takes it, or why it cannot be taken; `sinceLocal` is a datetime-local value. */
export function toPollFrom(
  choice: StartChoice,
  sinceLocal: string,
  now: Date,
): { ok: true; pollFrom: PollFrom | undefined } | { ok: false; problem: string } {
  if (choice === "continue") return { ok: true, pollFrom: undefined };
  if (choice === "now") return { ok: true, pollFrom: "now" };
  const since = new Date(sinceLocal);
  if (sinceLocal === "" || Number.isNaN(since.getTime())) return { ok: false, problem: "Enter a date and time" };
  if (since.getTime() > now.getTime()) return { ok: false, problem: "Choose a time in the past" };
  return { ok: true, pollFrom: { since: since.toISOString() } };
}

/** A datetime-local value (local time, minutes) for `date`. */
function localInputValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function StartDialog({
  hasCursor,
  lastError,
  busy,
  onStart,
  onClose,
}: {
  hasCursor: boolean;
  lastError: string | null;
  busy: boolean;
  onStart: (pollFrom: PollFrom | undefined) => void;
  onClose: () => void;
}) {
  const [choice, setChoice] = useState<StartChoice>(hasCursor ? "continue" : "now");
  const [since, setSince] = useState(() => localInputValue(new Date(Date.now() - 24 * 3600_000)));
  const chosen = toPollFrom(choice, since, new Date());
  const sinceProblem = chosen.ok ? undefined : chosen.problem;

  const option = (value: StartChoice, label: string, help: string) => (
    <label className="flex cursor-pointer gap-2.5 rounded-md p-2 hover:bg-slate-50">
      <input
        type="radio"
        name="poll-from"
        data-testid={`poll-from-${value}`}
        className="mt-1"
        checked={choice === value}
        onChange={() => setChoice(value)}
      />
      <span className="flex flex-col">
        <span className="text-sm font-medium text-slate-800">{label}</span>
        <span className="text-xs text-slate-500">{help}</span>
      </span>
    </label>
  );

  return (
    <Dialog open onClose={onClose} title="Start the flow" testId="start-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen.ok) onStart(chosen.pollFrom);
        }}
      >
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-2 text-sm text-slate-700">Process items from:</legend>
          {hasCursor &&
            option("continue", "Where it left off", "Items that arrived while the flow was stopped are processed too.")}
          {option("now", "Now", "Only items that appear from now on start runs.")}
          {option(
            "since",
            "Since a date and time",
            "Items changed since then start runs; items that already ran do not run again.",
          )}
          {choice === "since" && (
            <div className="ml-8 flex flex-col gap-1">
              <TextInput
                type="datetime-local"
                data-testid="poll-since-input"
                aria-label="Process items changed since"
                aria-invalid={sinceProblem !== undefined}
                value={since}
                onChange={(event) => setSince(event.target.value)}
              />
              {sinceProblem && <p className="text-xs text-red-600">{sinceProblem}</p>}
            </div>
          )}
        </fieldset>
        {lastError && (
          <p data-testid="poll-last-error" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800">
            The last check failed: {lastError}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="primary"
            data-testid="confirm-start"
            disabled={busy || sinceProblem !== undefined}
          >
            Start
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
