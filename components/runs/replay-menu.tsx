"use client";
// "Replay" on a finished run: a menu of where to start (the beginning, or the failed step) and on which version
// (the one the run used, or the flow's latest). Keyboard as in ui/options-menu: arrows move, Escape closes.
import { ChevronDown, RotateCcw } from "lucide-react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "../ui/button";

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
  const choices: Choice[] = [{ from: "start", version: "same", label: `From the start, on ${same}`, testId: "replay-start-same" }];
  if (hasLatest) {
    choices.push({ from: "start", version: "latest", label: `From the start, on the latest (version ${latest})`, testId: "replay-start-latest" });
  }
  if (run.failedStepId) {
    const step = `the failed step (${run.failedStepId})`;
    choices.push({ from: "failedStep", version: "same", label: `From ${step}, on ${same}`, testId: "replay-failed-same" });
    if (hasLatest) {
      choices.push({ from: "failedStep", version: "latest", label: `From ${step}, on the latest (version ${latest})`, testId: "replay-failed-latest" });
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
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>("[role=menuitem]")?.focus();
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const entries = [...(root.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]") ?? [])];
    const at = entries.findIndex((entry) => entry === document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      root.current?.querySelector<HTMLButtonElement>("[aria-haspopup=menu]")?.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      entries[(at + (event.key === "ArrowDown" ? 1 : -1) + entries.length) % entries.length]?.focus();
    }
  }

  return (
    <div ref={root} className="relative">
      <Button
        data-testid="replay-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={pending}
        onClick={() => setOpen((value) => !value)}
      >
        <RotateCcw size={15} aria-hidden /> {pending ? "Replaying…" : "Replay"} <ChevronDown size={14} aria-hidden />
      </Button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label="Replay this run"
          onKeyDown={onMenuKey}
          className="absolute right-0 z-20 mt-1 min-w-72 rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
          {choices.map((choice) => (
            <button
              key={choice.testId}
              type="button"
              role="menuitem"
              data-testid={choice.testId}
              onClick={() => {
                setOpen(false);
                onPick({ from: choice.from, version: choice.version });
              }}
              className="block w-full px-3 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none"
            >
              {choice.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
