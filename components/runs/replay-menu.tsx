"use client";
// "Replay" on a finished run: a menu of where to start (the beginning, or the failed step) and on which version
// (the one the run used, or the flow's latest), in the same menu as every other options menu.
import { ChevronDown, RotateCcw } from "lucide-react";
import { OptionsMenu } from "../ui/options-menu";

export type ReplayChoice = { from: "start" | "failedStep"; version: "same" | "latest" };

interface Choice extends ReplayChoice {
  label: string;
  testId: string;
}

export function replayChoices(run: {
  flowVersionNumber: number;
  latestVersionNumber: number | null;
  failedStepId: string | null;
}): Choice[] {
  const same = `version ${run.flowVersionNumber}`;
  const latest = run.latestVersionNumber;
  const hasLatest = latest !== null && latest !== run.flowVersionNumber;
  const choices: Choice[] = [
    { from: "start", version: "same", label: `From the start, on ${same}`, testId: "replay-start-same" },
  ];
  if (hasLatest) {
    choices.push({
      from: "start",
      version: "latest",
      label: `From the start, on the latest (version ${latest})`,
      testId: "replay-start-latest",
    });
  }
  if (run.failedStepId) {
    const step = `the failed step (${run.failedStepId})`;
    choices.push({
      from: "failedStep",
      version: "same",
      label: `From ${step}, on ${same}`,
      testId: "replay-failed-same",
    });
    if (hasLatest) {
      choices.push({
        from: "failedStep",
        version: "latest",
        label: `From ${step}, on the latest (version ${latest})`,
        testId: "replay-failed-latest",
      });
    }
  }
  return choices;
}

export function ReplayMenu({
  choices,
  pending,
  onPick,
}: {
  choices: readonly Choice[];
  pending: boolean;
  onPick: (choice: ReplayChoice) => void;
}) {
  return (
    <OptionsMenu
      label="Replay this run"
      testId="replay-menu"
      button={{
        disabled: pending,
        content: (
          <>
            <RotateCcw size={15} aria-hidden /> {pending ? "Replaying…" : "Replay"}{" "}
            <ChevronDown size={14} aria-hidden />
          </>
        ),
      }}
      items={choices.map((choice) => ({
        label: choice.label,
        testId: choice.testId,
        onSelect: () => onPick({ from: choice.from, version: choice.version }),
      }))}
    />
  );
}
