"use client";
import { ArrowLeft, Braces, Play, Save, Square, Zap } from "lucide-react";
import Link from "next/link";
import type { ConnectorManifest } from "@/lib/connector-manifest";
import { Button } from "../ui/button";
import { StatusBadge } from "../ui/status-badge";
import { AddStepMenu } from "./add-step-menu";
import { FlowSettingsButton } from "./flow-settings-dialog";
import type { ResolvedOperation } from "./manifest-lookup";
import { SaveIndicator } from "./save-indicator";
import type { SaveState } from "./use-draft-saver";

export function DesignerToolbar(props: {
  name: string;
  status: string;
  versionNumber: number | null;
  saveState: SaveState;
  saveDetail?: string;
  problemCount: number;
  manifest: ConnectorManifest | undefined;
  busy: boolean;
  onAddStep: (choice: ResolvedOperation) => void;
  onSave: () => void;
  onStart: () => void;
  onStop: () => void;
  onRunNow: () => void;
  onRunWithData: () => void;
}) {
  const running = props.status === "running";
  return (
    <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
      <Link href="/flows" aria-label="Back to flows" className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
        <ArrowLeft size={18} aria-hidden />
      </Link>
      <div className="min-w-0">
        <h1 data-testid="flow-name" className="truncate text-base font-semibold">
          {props.name}
        </h1>
        <div className="flex items-center gap-2 text-xs text-slate-500">
          <StatusBadge status={props.status} testId="flow-status" />
          {props.versionNumber !== null && <span>version {props.versionNumber} published</span>}
        </div>
      </div>
      <div className="ml-4">
        <AddStepMenu manifest={props.manifest} onPick={props.onAddStep} />
      </div>
      <div className="ml-auto flex items-center gap-3">
        {props.problemCount > 0 && (
          <span data-testid="problem-count" className="text-sm text-amber-700">
            {props.problemCount} problem{props.problemCount === 1 ? "" : "s"}
          </span>
        )}
        <SaveIndicator state={props.saveState} detail={props.saveDetail} />
        <FlowSettingsButton />
        <Button data-testid="save-button" onClick={props.onSave} disabled={props.busy} title="Save (Ctrl+S)">
          <Save size={15} aria-hidden /> Save
        </Button>
        {running ? (
          <>
            <Button data-testid="run-now-button" onClick={props.onRunNow} disabled={props.busy}>
              <Zap size={15} aria-hidden /> Run now
            </Button>
            <Button
              data-testid="run-with-data-button"
              onClick={props.onRunWithData}
              disabled={props.busy}
              aria-label="Run now with data"
              title="Run now with data"
            >
              <Braces size={15} aria-hidden />
            </Button>
            <Button data-testid="stop-button" onClick={props.onStop} disabled={props.busy}>
              <Square size={15} aria-hidden /> Stop
            </Button>
          </>
        ) : (
          <Button variant="primary" data-testid="start-button" onClick={props.onStart} disabled={props.busy}>
            <Play size={15} aria-hidden /> Start
          </Button>
        )}
      </div>
    </header>
  );
}
