"use client";
// Run now with data: the run starts with the JSON typed here as its trigger data, to try a flow on a sample order
// without waiting for the real trigger. The JSON is checked before anything is sent.
import { useState, type FormEvent } from "react";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";
import { JsonPayloadInput } from "../fields/json-payload-input";
import { parseSampleJson } from "../test-run/run-results";

export function RunPayloadDialog({
  initial,
  pending,
  onRun,
  onClose,
}: {
  /** The current trigger's data: its captured test event, its last real event, else its declared sample. */
  initial: unknown;
  pending: boolean;
  onRun: (payload: unknown) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState(() => JSON.stringify(initial ?? {}, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  // Samples that load after the dialog opened replace the text only while nothing was typed.
  const [seen, setSeen] = useState(initial);
  const [touched, setTouched] = useState(false);
  if (initial !== seen) {
    setSeen(initial);
    if (!touched) setText(JSON.stringify(initial ?? {}, null, 2));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseSampleJson(text);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    onRun(parsed.value);
  }

  return (
    <Dialog open onClose={onClose} title="Run now with data" testId="run-payload-dialog">
      <form onSubmit={submit} className="flex flex-col gap-3">
        <JsonPayloadInput
          id="run-payload"
          testId="run-payload"
          label={
            <>
              The run starts with this JSON as its trigger data (
              <code className="rounded bg-slate-100 px-1">{"{{ trigger }}"}</code>). Empty means{" "}
              <code className="rounded bg-slate-100 px-1">{"{}"}</code>.
            </>
          }
          value={text}
          problem={problem}
          onChange={(next) => {
            setTouched(true);
            setText(next);
            setProblem(null);
          }}
        />
        <div className="mt-1 flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={pending} data-testid="run-payload-submit">
            Run now
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
