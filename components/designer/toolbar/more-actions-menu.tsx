"use client";
// The toolbar's "More" menu: the actions an analyst needs now and then (Tidy up, Flow settings, Versions, Export),
// kept out of the toolbar so the flow's name and the everyday buttons fit at 1280 px. The items keep the test ids
// the buttons had.
import { Download, History, LayoutGrid, MoreHorizontal, Settings } from "lucide-react";
import { useState } from "react";
import { downloadFlowExport } from "../../flows/export-flow-button";
import { OptionsMenu, type MenuItem } from "../../ui/options-menu";
import { useFlowId } from "../store/hooks";
import { useDesignerStoreApi } from "../store/provider";
import { useTidyUp } from "./editing-buttons";
import { FlowSettingsDialog } from "./flow-settings-dialog";
import { VersionsDialog } from "./versions-dialog";

export function MoreActionsMenu({ name }: { name: string }) {
  const flowId = useFlowId();
  const store = useDesignerStoreApi();
  const [dialog, setDialog] = useState<"settings" | "versions" | null>(null);
  const { tidying, tidyUp } = useTidyUp();

  const items: MenuItem[] = [
    {
      label: tidying ? "Tidying up…" : "Tidy up the layout",
      icon: LayoutGrid,
      testId: "auto-layout-button",
      disabled: tidying,
      onSelect: () => void tidyUp(),
    },
    {
      label: "Export as a file",
      icon: Download,
      testId: "export-flow-button",
      onSelect: () => void downloadFlowExport(name, () => store.getState().graph),
    },
    { label: "Versions", icon: History, testId: "versions-button", onSelect: () => setDialog("versions") },
    { label: "Flow settings", icon: Settings, testId: "flow-settings-button", onSelect: () => setDialog("settings") },
  ];

  return (
    <>
      <OptionsMenu
        label="More actions"
        testId="more-actions-button"
        items={items}
        button={{ content: <MoreHorizontal size={16} aria-hidden />, label: "More actions" }}
      />
      {dialog === "settings" && <FlowSettingsDialog flowId={flowId} onClose={() => setDialog(null)} />}
      {dialog === "versions" && <VersionsDialog flowId={flowId} onClose={() => setDialog(null)} />}
    </>
  );
}
