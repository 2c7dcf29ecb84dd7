"use client";
// "Export": downloads a flow as a `.conflux-flow.json` file without account ids (lib/flow-export.ts). The flows list
// exports the saved draft; the designer exports what is on the canvas, saved or not.
import { useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { exportFileName, exportFlow } from "@/lib/flow-export";
import type { FlowGraph } from "@/lib/flow-graph";
import { useTRPC } from "../trpc";
import { Button, type ButtonVariant } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { downloadJson } from "./download-json";

/** Downloads the flow's file, or says why it could not; also the designer's "More › Export". */
export async function downloadFlowExport(
  name: string,
  graph: () => FlowGraph | null | Promise<FlowGraph | null>,
): Promise<void> {
  try {
    const current = await graph();
    if (current) downloadJson(exportFileName(name), exportFlow(name, current));
  } catch (error) {
    toast.error(`The flow was not exported: ${errorMessage(error)}`);
  }
}

export function ExportFlowButton(props: {
  name: string;
  /** The graph to export, read when clicked. */
  graph: () => FlowGraph | null | Promise<FlowGraph | null>;
  variant?: ButtonVariant;
  /** Icon only, for the crowded designer toolbar and the flows list's rows; the label stays available to screen readers and as a tooltip. */
  compact?: boolean;
}) {
  const [pending, setPending] = useState(false);
  async function onExport() {
    setPending(true);
    try {
      await downloadFlowExport(props.name, props.graph);
    } finally {
      setPending(false);
    }
  }
  return (
    <Button
      variant={props.variant}
      data-testid="export-flow-button"
      aria-label={`Export ${props.name}`}
      title="Export as a file (without accounts)"
      disabled={pending}
      onClick={() => void onExport()}
    >
      <Download size={15} aria-hidden />
      {!props.compact && " Export"}
    </Button>
  );
}

/** Export from the flows list: the flow's saved draft. */
export function SavedFlowExportButton({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (
    <ExportFlowButton
      name={name}
      variant="ghost"
      compact
      graph={async () => (await queryClient.fetchQuery(trpc.flows.get.queryOptions({ id }))).draft}
    />
  );
}
