"use client";
import { ArrowLeft, Braces, FlaskConical, Play, Save, Square, Zap } from "lucide-react";
import Link from "next/link";
import type { ConnectorManifest } from "@/lib/connector-manifest";
import { Button } from "../ui/button";
import { StatusBadge } from "../ui/status-badge";
import { AddStepMenu } from "./add-step-menu";
import { EditingButtons } from "./editing-buttons";
import { FlowSettingsButton } from "./flow-settings-dialog";
import { ProblemsButton } from "./problems-panel";
import type { ResolvedOperation } from "./manifest-lookup";
import { SaveIndicator } from "./save-indicator";
import { ExportFlowButton } from "../flows/export-flow-button";
import { useDesignerStore } from "./designer-store";
import { VersionsButton } from "./versions-dialog";
import type { SaveState } from "./use-draft-saver";

export function DesignerToolbar(props: {
  name: string;
  status: string;
  versionNumber: number | null;
  saveState: SaveState;
  saveDetail?: string;
  problemCount: number;
  /** Per node id, what the problems panel lists. */
  problems: ReadonlyMap<string, readonly string[]>;
  manifest: ConnectorManifest | undefined;
  busy: boolean;
  onAddStep: (choice: ResolvedOperation) => void;
  onSave: () => void;
  onStart: () => void;
  onStop: () => void;
  onRunNow: () => void;
  onRunWithData: () => void;
  /** Opens "Test flow", which runs the draft on sample data. */
  onTest?: () => void;
  testing?: boolean;
}) {
  const running = props.status === "running";
  return (
    <header className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2.5">
      <Link href="/flows" aria-label="Back to flows" className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
        <ArrowLeft size={18} aria-hidden />
      </Link>
      <div className="min-w-40 flex-1">
        <h1 data-testid="flow-name" title={props.name} className="truncate text-base font-semibold">
          {props.name}
        </h1>
        {/* The save state sits under the name, where its changing width does not push the buttons around. */}
        <div className="flex items-center gap-2 overflow-hidden whitespace-nowrap text-xs text-slate-500">
          <StatusBadge status={props.status} testId="flow-status" />
          {props.versionNumber !== null && <span>version {props.versionNumber} published</span>}
          <SaveIndicator state={props.saveState} detail={props.saveDetail} />
        </div>
      </div>
      <div>
        <AddStepMenu manifest={props.manifest} onPick={props.onAddStep} />
      </div>
      <EditingButtons />
      <div className="flex shrink-0 items-center gap-2">
        {props.problemCount > 0 && <ProblemsButton problems={props.problems} manifest={props.manifest} />}
        <FlowSettingsButton />
        <VersionsButton />
        <ExportFlowButton compact name={props.name} graph={() => useDesignerStore.getState().graph} />
        {props.onTest && (
          <Button data-testid="test-flow-button" onClick={props.onTest} disabled={props.busy || props.testing} title="Run the draft on sample data">
            <FlaskConical size={15} aria-hidden /> Test
          </Button>
        )}
        <Button data-testid="save-button" onClick={props.onSave} disabled={props.busy} title="Save (Ctrl+S)" aria-label="Save">
          <Save size={15} aria-hidden />
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
