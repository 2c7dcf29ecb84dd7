"use client";
// The side panel of the selected node: what it is, its label, and its fields.
import { GitBranch, Repeat, Reply, Trash2, X } from "lucide-react";
import { useMemo } from "react";
import { allOperations, type ConnectorManifest, resolveOperation } from "@/lib/connector-manifest";
import type { FlowNode } from "@/lib/flow-graph";
import { readOperationHints } from "@/lib/field-hints";
import { stepAccountNeed } from "@/lib/account-use";
import { describeFields, findMissing } from "@/lib/schema-fields";
import { hasAuth } from "../../accounts/account-types";
import { ConnectorIcon } from "../../connector-icon";
import { Button } from "../../ui/button";
import { TextInput } from "../../ui/text-input";
import { useDesignerActions } from "../store/hooks";
import { defaultInputs, removeNodes, updateNode } from "../graph/graph-edit";
import { StepAccount } from "./account-picker";
import { SchemaForm } from "../fields/schema-form";
import { ConditionBuilder } from "../condition/condition-builder";
import { DynamicOptionsProvider, type DynamicOptionsStep } from "../fields/dynamic-options-context";
import { NodeDataProvider } from "../mapping/node-data-context";
import { useAvailableData } from "../mapping/use-available-data";
import { PollStatus } from "./poll-status";
import { WebhookAddress } from "./webhook-address";
import { SampleListener } from "./sample-listener";
import { FetchSample } from "./fetch-sample";
import { StepSettingsSection } from "./step-settings";
import { TestResultsSection, TestResultSummary } from "../test-run/results-view";
import { pinSample } from "../test-run/run-results";

// The same icons the canvas shows for the flow's control steps, so the panel reads as the node that was clicked.
const controlIcons = { if: GitBranch, forEach: Repeat, respond: Reply } as const;

function PanelIcon({ node, icon }: { node: FlowNode; icon: string | undefined }) {
  if (node.type === "if" || node.type === "forEach" || node.type === "respond") {
    const Icon = controlIcons[node.type];
    return <Icon size={18} aria-hidden />;
  }
  return <ConnectorIcon name={icon} />;
}

export function NodePanel({ node, manifest }: { node: FlowNode; manifest: ConnectorManifest | undefined }) {
  const { edit, select } = useDesignerActions();
  const resolved = resolveOperation(manifest, node);
  const fields = useMemo(() => describeFields(resolved?.operation.inputSchema), [resolved]);
  const availableData = useAvailableData(node, manifest);
  const missing = useMemo(
    () => new Set(findMissing(fields, node.inputs).map((field) => field.path)),
    [fields, node.inputs],
  );
  const triggers = allOperations(manifest, "trigger");
  const isTrigger = node.type === "trigger";
  const optionLists = resolved?.connector.optionLists;
  const dynamicOptionsStep = useMemo<DynamicOptionsStep | null>(
    () =>
      optionLists
        ? {
            connectorId: node.connectorId,
            operation: node.operation,
            accountId: node.accountId,
            values: node.inputs,
            optionLists,
          }
        : null,
    [optionLists, node.connectorId, node.operation, node.accountId, node.inputs],
  );
  const operationLabel = resolved?.operation.label ?? node.operation;
  const { panel, callerHint } = readOperationHints(resolved?.operation.inputSchema);

  return (
    <aside
      data-testid="node-panel"
      aria-label="Step settings"
      className="flex w-96 shrink-0 flex-col border-l border-slate-200 bg-white"
    >
      <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-3">
        <span
          className={`grid h-9 w-9 shrink-0 place-items-center rounded-md ${isTrigger ? "bg-amber-100 text-amber-700" : "bg-brand-50 text-brand-700"}`}
        >
          <PanelIcon node={node} icon={resolved?.connector.icon} />
        </span>
        {/* Named as on the canvas; what the step is stays above, so a renamed step is still recognisable. */}
        <div className="min-w-0 flex-1">
          <p className="truncate text-xs text-slate-500">
            {resolved?.connector.name ?? node.connectorId}
            {node.label && ` · ${operationLabel}`}
          </p>
          <h2 data-testid="node-panel-title" title={node.label || operationLabel} className="truncate font-semibold">
            {node.label || operationLabel}
          </h2>
        </div>
        <Button variant="ghost" aria-label="Close step settings" onClick={() => select(null)}>
          <X size={16} aria-hidden />
        </Button>
      </header>
      <div className="flex flex-1 flex-col gap-5 overflow-auto p-4">
        {resolved?.operation.description && <p className="text-sm text-slate-600">{resolved.operation.description}</p>}
        <TestResultSummary node={node} />
        {isTrigger && (
          <div className="flex flex-col gap-1">
            <label htmlFor="trigger-kind" className="text-sm font-medium text-slate-700">
              Start the flow
            </label>
            <select
              id="trigger-kind"
              data-testid="trigger-kind-select"
              className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
              value={`${node.connectorId}:${node.operation}`}
              onChange={(event) => {
                const choice = triggers.find(
                  ({ connector, operation }) => `${connector.id}:${operation.key}` === event.target.value,
                );
                if (!choice) return;
                // The sample pinned on the old trigger has the old trigger's shape: it goes with it.
                edit((graph) =>
                  pinSample(
                    updateNode(graph, node.id, {
                      connectorId: choice.connector.id,
                      operation: choice.operation.key,
                      inputs: defaultInputs(choice.operation.inputSchema),
                    }),
                    node.id,
                    undefined,
                  ),
                );
              }}
            >
              {triggers.map(({ connector, operation }) => (
                <option key={`${connector.id}:${operation.key}`} value={`${connector.id}:${operation.key}`}>
                  {connector.name}: {operation.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="flex flex-col gap-1">
          <label htmlFor="node-label" className="text-sm font-medium text-slate-700">
            Name on the canvas
          </label>
          <TextInput
            id="node-label"
            data-testid="node-label-input"
            placeholder={resolved?.operation.label}
            value={node.label ?? ""}
            onChange={(event) =>
              edit((graph) => updateNode(graph, node.id, { label: event.target.value || undefined }))
            }
          />
          <p className="text-xs text-slate-500">
            Later steps refer to this step’s output as{" "}
            <code className="whitespace-nowrap rounded bg-slate-100 px-1">
              {isTrigger ? "{{ trigger.… }}" : `{{ steps.${node.id}.… }}`}
            </code>
          </p>
        </div>
        {resolved && hasAuth(resolved.connector) && (
          <StepAccount
            connector={resolved.connector}
            need={stepAccountNeed(resolved.connector, resolved.operation, node.inputs)}
            accountId={node.accountId}
            onChange={(accountId) => edit((graph) => updateNode(graph, node.id, { accountId }))}
          />
        )}
        {panel === "webhookAddress" && <SampleListener node={node} />}
        {isTrigger && resolved?.operation.triggerKind === "poll" && <FetchSample node={node} />}
        {panel === "webhookAddress" && <WebhookAddress node={node} callerHint={callerHint} />}
        {isTrigger && panel !== "webhookAddress" && <PollStatus />}
        {!resolved && (
          <p className="text-sm text-red-600">
            This step’s application or action no longer exists. Delete it or pick another.
          </p>
        )}
        <NodeDataProvider value={node.type === "trigger" ? undefined : availableData}>
          {node.type === "if" ? (
            <ConditionBuilder node={node} />
          ) : (
            <DynamicOptionsProvider value={dynamicOptionsStep}>
              <SchemaForm
                key={`${node.id}:${node.connectorId}:${node.operation}`}
                fields={fields}
                values={node.inputs}
                missing={missing}
                onChange={(inputs) => edit((graph) => updateNode(graph, node.id, { inputs }))}
                data={node.type === "trigger" ? undefined : availableData}
              />
            </DynamicOptionsProvider>
          )}
        </NodeDataProvider>
        {node.type === "action" && <StepSettingsSection node={node} />}
        <TestResultsSection node={node} />
      </div>
      {!isTrigger && (
        <footer className="border-t border-slate-200 p-4">
          <Button
            variant="ghost"
            data-testid="delete-node-button"
            className="text-red-600 hover:text-red-700"
            onClick={() => {
              edit((graph) => removeNodes(graph, [node.id]));
              select(null);
            }}
          >
            <Trash2 size={15} aria-hidden /> Delete step
          </Button>
        </footer>
      )}
    </aside>
  );
}
