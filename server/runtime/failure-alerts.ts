// Alerts: starts the "When a flow fails" flows from the failure outbox (RunFailure, written by the database in the
// same transaction as a run's failed state). One worker at a time takes the outbox in order (an advisory lock), and
// the alert runs are created in the same transaction that marks their failures processed, with a dedupe key per
// failed run: a worker that dies half-way leaves the rows for the next tick, and nothing is alerted twice.
//
// The alert rule of the failed flow (Flow settings: "alert when N runs fail within M minutes") makes a burst start the
// alert flows once: the failure that brings the count in the window to N alerts; later failures within M minutes of
// that alert belong to the same burst; after the window, counting starts afresh.
//
// An alert flow's own failures (runs it made from this trigger, replays of them included) alert nobody, and a flow
// never alerts itself, so a broken alert flow cannot set off a loop of alerts.
import { flowGraphSchema, type FlowGraph } from "@/lib/flow-graph";
import { readErrorJson } from "@/lib/errors";
import {
  FLOW_FAILED_TRIGGER_KIND,
  flowFailedTrigger,
  watchesFlow,
  type FlowFailedConfig,
  type FlowFailedData,
} from "../connectors/core/triggers/flow-failed";
import { findOperation } from "../connectors";
import type { Db, Tx } from "../db/client";
import * as outbox from "../db/run-failures.repository";
import { createRun } from "../db/runs.repository";
import type { RunQueue } from "./queue";
import { sendOrLeaveToReaper } from "./runs";
import { findTriggerNode } from "./triggers";

const BATCH = 100;
/** Processed failures are kept this long: the alert rule's window is at most a day. */
const KEEP_PROCESSED_MS = 25 * 3_600_000;

export interface FailureAlertOptions {
  /** Where people open Conflux, for the run link in the alert's data (no trailing slash). */
  publicUrl: string;
  log: (line: string) => void;
}

/** Processes the pending failures; returns the ids of the alert runs it created (their jobs are sent after commit). */
export async function dispatchFailureAlerts(db: Db, queue: RunQueue, options: FailureAlertOptions): Promise<string[]> {
  const runIds = await db.$transaction(async (tx) => {
    if (!(await outbox.tryLockFailureDispatch(tx))) return [];
    const failures = await outbox.findPendingFailures(tx, BATCH);
    const created: string[] = [];
    const alertFlows = new Map<string, WatchingFlow[]>();
    for (const failure of failures) {
      const alerted = await startsAlert(tx, failure);
      if (alerted) {
        const watching = alertFlows.get(failure.workspaceId) ?? (await watchingFlows(tx, failure.workspaceId));
        alertFlows.set(failure.workspaceId, watching);
        created.push(...(await startAlertRuns(tx, failure, alerted, watching, options)));
      }
      await outbox.markFailureProcessed(tx, failure.id, alerted !== null);
    }
    await outbox.pruneProcessedFailures(tx, new Date(Date.now() - KEEP_PROCESSED_MS));
    return created;
  });
  for (const runId of runIds) await sendOrLeaveToReaper(queue, runId);
  if (runIds.length > 0) options.log(`started ${runIds.length} alert run(s) for failed runs`);
  return runIds;
}

/** The burst this failure sets off, or null when it alerts nobody (an alert flow's own run, or inside a burst). */
async function startsAlert(tx: Tx, failure: outbox.PendingFailure): Promise<FlowFailedData["failures"] | null> {
  if (failure.triggerKind === FLOW_FAILED_TRIGGER_KIND) return null;
  const count = failure.alertFailureCount;
  const minutes = failure.alertWindowMinutes;
  if (count === null || minutes === null) return { count: 1, withinMinutes: null };
  const windowMs = minutes * 60_000;
  const at = failure.failedAt.getTime();
  const lastAlert = await outbox.findLastAlertAt(tx, failure.flowId, failure.failedAt);
  if (lastAlert && at < lastAlert.getTime() + windowMs) return null;
  // A new burst counts only failures after the last one's window.
  const from = Math.max(at - windowMs, lastAlert ? lastAlert.getTime() + windowMs : 0);
  const failures = await outbox.countFailuresBetween(tx, failure.flowId, new Date(from), failure.failedAt);
  return failures >= count ? { count: failures, withinMinutes: minutes } : null;
}

interface WatchingFlow {
  flowId: string;
  versionId: string;
  config: FlowFailedConfig;
}

async function watchingFlows(tx: Tx, workspaceId: string): Promise<WatchingFlow[]> {
  const flows = await outbox.findAlertFlows(tx, workspaceId, FLOW_FAILED_TRIGGER_KIND);
  return flows.flatMap((flow) => {
    const graph = flowGraphSchema.safeParse(flow.graph);
    const node = graph.success ? findTriggerNode(graph.data) : undefined;
    // Start checked the settings; a version that no longer reads is skipped rather than blocking every alert.
    const config = node ? flowFailedTrigger.input.safeParse(node.inputs) : undefined;
    return config?.success ? [{ flowId: flow.flowId, versionId: flow.publishedVersionId, config: config.data }] : [];
  });
}

async function startAlertRuns(
  tx: Tx,
  failure: outbox.PendingFailure,
  burst: FlowFailedData["failures"],
  watching: readonly WatchingFlow[],
  options: FailureAlertOptions,
): Promise<string[]> {
  const data = alertData(failure, burst, options.publicUrl);
  const created: string[] = [];
  for (const alert of watching) {
    if (!watchesFlow(alert.config, alert.flowId, failure.flowId)) continue;
    // The dedupe key makes a failure start each alert flow at most once, whatever happens to this transaction.
    const run = await createRun(tx, {
      workspaceId: failure.workspaceId,
      flowId: alert.flowId,
      flowVersionId: alert.versionId,
      triggerKind: FLOW_FAILED_TRIGGER_KIND,
      dedupeKey: `failed:${failure.runId}`,
      triggerData: data,
    });
    if (run) created.push(run.id);
  }
  return created;
}

function alertData(failure: outbox.PendingFailure, burst: FlowFailedData["failures"], publicUrl: string) {
  const error = readErrorJson(failure.error);
  const stepId = error?.stepId ?? null;
  const data: FlowFailedData = {
    flow: { id: failure.flowId, name: failure.flowName },
    runId: failure.runId,
    runUrl: `${publicUrl}/runs/${failure.runId}`,
    businessKey: failure.businessKey,
    failedAt: failure.failedAt.toISOString(),
    error: {
      code: error?.code ?? "INTERNAL",
      message: error?.message ?? "The run failed without a message",
      step: stepId ? { id: stepId, name: stepName(failure.graph, stepId) } : null,
    },
    failures: burst,
  };
  return data;
}

/**
 * The step's name as the run page shows it: its label in the version that ran, else its action's ("Send request").
 * A For each item's step id `<id>#<index>` names its node.
 */
function stepName(rawGraph: unknown, stepId: string): string {
  const parsed = flowGraphSchema.safeParse(rawGraph);
  const graph: FlowGraph | undefined = parsed.success ? parsed.data : undefined;
  const nodeId = stepId.split("#")[0] ?? stepId;
  const node = graph?.nodes.find((candidate) => candidate.id === nodeId);
  if (node?.label?.trim()) return node.label.trim();
  const found = node ? findOperation(node.connectorId, node.operation) : undefined;
  return found ? (found.kind === "trigger" ? found.trigger.label : found.action.label) : nodeId;
}
