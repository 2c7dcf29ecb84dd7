"use client";
// "Test flow": choose the trigger data the draft runs on (a captured test event, the trigger's sample, the last real
// event, or pasted JSON), then run it. Choosing a source fills the editor, so any of them can be adjusted before
// running.
import { useState, type FormEvent } from "react";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";
import { errorMessage } from "../../ui/error-message";
import { JsonPayloadInput } from "../fields/json-payload-input";
import { parseSampleJson } from "./run-results";

type SampleSource = "captured" | "declared" | "lastEvent" | "pasted";

export interface TestSamples {
  captured: { capturedAt: Date; data: unknown } | null;
  declared: { label: string; data: unknown } | null;
  lastEvent: { runId: string; createdAt: Date; triggerKind: string; data: unknown } | null;
}

function pretty(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2);
}

/** The best data to start from: a captured test event, the last real event, the trigger's sample, else none. */
function bestSource(samples: TestSamples | undefined): SampleSource {
  if (samples?.captured) return "captured";
  if (samples?.lastEvent) return "lastEvent";
  return samples?.declared ? "declared" : "pasted";
}

function dataOf(samples: TestSamples | undefined, source: SampleSource): unknown {
  if (source === "captured") return samples?.captured?.data;
  if (source === "lastEvent") return samples?.lastEvent?.data;
  if (source === "declared") return samples?.declared?.data;
  return undefined;
}

const textOf = (samples: TestSamples | undefined, source: SampleSource) => pretty(dataOf(samples, source));

/** What "Run now with data" starts from: the best sample's data. */
export function bestSampleData(samples: TestSamples | undefined): unknown {
  return dataOf(samples, bestSource(samples));
}

export function TestFlowDialog({
  samples,
  pending,
  onRun,
  onClose,
}: {
  samples: TestSamples | undefined;
  pending: boolean;
  /** Resolves once the test has started; a rejection is shown in the dialog. */
  onRun: (payload: unknown) => Promise<void>;
  onClose: () => void;
}) {
  const initial = bestSource(samples);
  const [source, setSource] = useState<SampleSource>(initial);
  const [text, setText] = useState(() => textOf(samples, initial));
  const [problem, setProblem] = useState<string | null>(null);
  // Samples that arrive after the dialog opened fill it only while nothing was chosen or typed (state adjusted
  // during render, as React advises, rather than remounting the dialog and losing what was typed).
  const [seen, setSeen] = useState(samples);
  const [touched, setTouched] = useState(false);
  if (samples !== seen) {
    setSeen(samples);
    if (!touched) {
      const best = bestSource(samples);
      setSource(best);
      setText(textOf(samples, best));
    }
  }

  function choose(next: SampleSource) {
    setTouched(true);
    setSource(next);
    setProblem(null);
    if (next !== "pasted") setText(textOf(samples, next));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseSampleJson(text);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    try {
      await onRun(parsed.value);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  const options: { value: SampleSource; label: string; detail: string; available: boolean }[] = [
    ...(samples?.captured
      ? [
          {
            value: "captured" as const,
            label: "The captured test event",
            detail: `The request the trigger's test address took (${new Date(samples.captured.capturedAt).toLocaleString()})`,
            available: true,
          },
        ]
      : []),
    {
      value: "declared",
      label: "The trigger's sample",
      detail: samples?.declared ? `Typical data of ${samples.declared.label}` : "This trigger has no sample",
      available: Boolean(samples?.declared),
    },
    {
      value: "lastEvent",
      label: "The last real event",
      detail: samples?.lastEvent
        ? `What the flow's last run started with (${new Date(samples.lastEvent.createdAt).toLocaleString()})`
        : "The flow has not run yet",
      available: Boolean(samples?.lastEvent),
    },
    { value: "pasted", label: "JSON I paste", detail: "Type or paste the trigger data below", available: true },
  ];

  return (
    <Dialog open onClose={onClose} title="Test flow" testId="test-flow-dialog" size="lg">
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
        <p className="text-sm text-slate-600">
          Runs the current draft once, without starting the flow. Test runs do not appear in the run history.
        </p>
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-sm font-medium text-slate-700">Trigger data</legend>
          {options.map((option) => (
            <label
              key={option.value}
              className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${
                source === option.value ? "border-brand-500 bg-brand-50" : "border-slate-200"
              } ${option.available ? "cursor-pointer" : "cursor-not-allowed opacity-60"}`}
            >
              <input
                type="radio"
                name="test-sample-source"
                value={option.value}
                data-testid={`test-sample-${option.value}`}
                className="mt-0.5"
                checked={source === option.value}
                disabled={!option.available}
                onChange={() => choose(option.value)}
              />
              <span>
                <span className="block font-medium text-slate-800">{option.label}</span>
                <span className="block text-xs text-slate-500">{option.detail}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <JsonPayloadInput
          id="test-payload"
          testId="test-payload"
          label={
            <>
              The test starts with this JSON as <code className="rounded bg-slate-100 px-1">{"{{ trigger }}"}</code>;
              empty means <code className="rounded bg-slate-100 px-1">{"{}"}</code>.
            </>
          }
          value={text}
          problem={problem}
          onChange={(next) => {
            setTouched(true);
            setText(next);
            setSource("pasted");
            setProblem(null);
          }}
        />
        <div className="mt-1 flex justify-end gap-2">
          <Button onClick={onClose} data-testid="test-cancel-button">
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={pending} data-testid="test-run-submit">
            {pending ? "Starting…" : "Run test"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
