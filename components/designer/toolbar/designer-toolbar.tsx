"use client";
import { Activity, ArrowLeft, Braces, FlaskConical, Play, Save, Square, Upload, Zap } from "lucide-react";
import Link from "next/link";
import type { ConnectorManifest, ResolvedOperation } from "@/lib/connector-manifest";
import { useAccess } from "../../auth/use-access";
import { Button } from "../../ui/button";
import { StatusBadge } from "../../ui/status-badge";
import { useFlowId } from "../store/hooks";
import { AddStepMenu } from "../step-picker/add-step-menu";
import { EditingButtons } from "./editing-buttons";
import { ProblemsButton } from "../problems/problems-panel";
import { MoreActionsMenu } from "./more-actions-menu";
import { SaveIndicator } from "./save-indicator";
import type { SaveState } from "../use-draft-saver";

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
  /** The canvas differs from the running version. */
  unpublished?: boolean;
  onPublish?: () => void;
  onRunNow: () => void;
  onRunWithData: () => void;
  /** Opens "Test flow", which runs the draft on sample data. */
  onTest?: () => void;
  testing?: boolean;
}) {
  const running = props.status === "running";
  const flowId = useFlowId();
  // The API refuses what the role cannot do; the buttons say so before anyone tries.
  const operate = useAccess("operate");
  const build = useAccess("build");
  return (
    // At 1280 px the name keeps the room left after the buttons; rarely used actions sit in "More" so that room is real.
    <header className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2.5">
      <Link
        href="/flows"
        aria-label="Back to flows"
        className="shrink-0 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        <ArrowLeft size={18} aria-hidden />
      </Link>
      <div className="min-w-0 flex-1">
        <h1 data-testid="flow-name" title={props.name} className="truncate text-base font-semibold">
          {props.name}
        </h1>
        {/* The save state sits under the name, where its changing width does not push the buttons around. When room
            is short (a long name is no matter: it truncates on its own line), the version note gives way first,
            then the save state; "unpublished" sits beside the status and never gives way. */}
        <div className="flex min-w-0 items-center gap-2 overflow-hidden whitespace-nowrap text-xs text-slate-500">
          <StatusBadge status={props.status} testId="flow-status" />
          {running && props.unpublished && (
            // Edits to a running flow change nothing live until published: said where the eye checks the state.
            <span
              data-testid="unpublished-changes"
              className="shrink-0 font-medium text-amber-700"
              title={`The flow runs version ${props.versionNumber}; your changes are not live until you publish them`}
            >
              unpublished
            </span>
          )}
          <Link
            href={`/runs?flowId=${encodeURIComponent(flowId)}`}
            data-testid="flow-runs-link"
            title="This flow's dashboard and runs"
            className="inline-flex shrink-0 items-center gap-1 rounded text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          >
            <Activity size={12} aria-hidden />
            Runs
          </Link>
          <SaveIndicator state={props.saveState} detail={props.saveDetail} />
          {!(running && props.unpublished) && props.versionNumber !== null && (
            <span className="min-w-0 shrink-[2] truncate" title={`Version ${props.versionNumber} is published`}>
              version {props.versionNumber} published
            </span>
          )}
        </div>
      </div>
      <div className="flex shrink-0 items-center gap-2">
        <AddStepMenu manifest={props.manifest} onPick={props.onAddStep} />
        <EditingButtons />
      </div>
      <div className="flex shrink-0 items-center gap-2">
        {props.problemCount > 0 && <ProblemsButton problems={props.problems} manifest={props.manifest} />}
        {props.onTest && (
          <Button
            data-testid="test-flow-button"
            onClick={props.onTest}
            disabled={props.busy || props.testing || !build.allowed}
            title={build.reason ?? "Run the draft on sample data"}
          >
            <FlaskConical size={15} aria-hidden /> Test
          </Button>
        )}
        <Button
          data-testid="save-button"
          onClick={props.onSave}
          disabled={props.busy || !build.allowed}
          title={build.reason ?? "Save (Ctrl+S)"}
          aria-label="Save"
        >
          <Save size={15} aria-hidden />
        </Button>
        {running ? (
          <>
            <Button
              data-testid="run-now-button"
              onClick={props.onRunNow}
              disabled={props.busy || !operate.allowed}
              title={operate.reason}
            >
              <Zap size={15} aria-hidden /> Run now
            </Button>
            <Button
              data-testid="run-with-data-button"
              onClick={props.onRunWithData}
              disabled={props.busy || !operate.allowed}
              aria-label="Run now with data"
              title={operate.reason ?? "Run now with data"}
            >
              <Braces size={15} aria-hidden />
            </Button>
            {props.unpublished && (
              <Button
                variant="primary"
                data-testid="publish-button"
                onClick={props.onPublish}
                disabled={props.busy || !build.allowed}
                title={build.reason ?? "Put the changes live without stopping the flow"}
              >
                <Upload size={15} aria-hidden /> Publish
              </Button>
            )}
            <Button
              data-testid="stop-button"
              onClick={props.onStop}
              disabled={props.busy || !operate.allowed}
              title={operate.reason}
            >
              <Square size={15} aria-hidden /> Stop
            </Button>
          </>
        ) : (
          <Button
            variant="primary"
            data-testid="start-button"
            onClick={props.onStart}
            disabled={props.busy || !operate.allowed}
            title={operate.reason}
          >
            <Play size={15} aria-hidden /> Start
          </Button>
        )}
        <MoreActionsMenu name={props.name} />
      </div>
    </header>
  );
}
