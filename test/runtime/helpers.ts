// Shared by the runtime's integration tests: seeding a running flow the way Start does, and waiting on conditions.
import { FLOW_GRAPH_SCHEMA_VERSION, type FlowGraph, type FlowNode } from "@/lib/flow-graph";
import type { Db } from "@/server/db/client";
import { toJsonInput } from "@/server/runtime/json";
import { pollDueTriggers, type PollerOptions } from "@/server/runtime/poller";
import type { RunQueue } from "@/server/runtime/queue";
import { activateFlowTrigger } from "@/server/runtime/triggers";
import { expect } from "vitest";

type NodeSpec = Pick<FlowNode, "id" | "connectorId" | "operation"> & Partial<FlowNode>;

/** A linear graph: the first node is the trigger, each later one follows the previous through a `next` edge. */
export function linearGraph(...specs: NodeSpec[]): FlowGraph {
  const nodes: FlowNode[] = specs.map((spec, index) => ({
    type: index === 0 ? "trigger" : "action",
    position: { x: index * 200, y: 0 },
    inputs: {},
    ...spec,
  }));
  const edges = nodes.slice(1).map((node, index) => ({
    id: `e${index}`,
    source: nodes[index]?.id ?? "",
    target: node.id,
    sourceHandle: "next" as const,
  }));
  return { schemaVersion: FLOW_GRAPH_SCHEMA_VERSION, nodes, edges };
}

/** Creates a workspace (unless given) and a flow published and running with `graph`, as Start would. */
export async function seedRunningFlow(
  db: Db,
  graph: FlowGraph,
  options: { workspaceId?: string; now?: Date; status?: "running" | "draft" } = {},
): Promise<{ workspaceId: string; flowId: string; versionId: string }> {
  const workspaceId = options.workspaceId ?? (await db.workspace.create({ data: { name: "Test" } })).id;
  const flow = await db.flow.create({
    data: { workspaceId, name: "Flow", status: options.status ?? "running", draft: toJsonInput(graph) },
  });
  const version = await db.flowVersion.create({
    data: { workspaceId, flowId: flow.id, number: 1, graph: toJsonInput(graph) },
  });
  if (options.status !== "draft") {
    await db.$transaction(async (tx) => {
      await tx.flow.update({ where: { id: flow.id }, data: { publishedVersionId: version.id } });
      await activateFlowTrigger(tx, { workspaceId, flowId: flow.id, graph, now: options.now });
    });
  }
  return { workspaceId, flowId: flow.id, versionId: version.id };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
/** A run row of the flow, saved without being offered or queued (queued, manual trigger, unless `data` says otherwise). */
export async function saveRunRow(
  db: Db,
  flow: { workspaceId: string; flowId: string; versionId: string },
  data: {
    status?: "queued" | "running" | "succeeded";
    leaseOwner?: string;
    leaseExpiresAt?: Date;
    triggerKind?: string;
    triggerData?: unknown;
  } = {},
): Promise<string> {
  const { triggerData, ...rest } = data;
  const run = await db.run.create({
    data: {
      workspaceId: flow.workspaceId,
      flowId: flow.flowId,
      flowVersionId: flow.versionId,
      status: "queued",
      triggerKind: "manual",
      triggerData: toJsonInput(triggerData ?? {}),
      ...rest,
    },
  });
  return run.id;
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the run has finished and returns it with its steps in order. */
export async function waitForRun(db: Db, runId: string) {
  return waitFor(async () => {
    const run = await db.run.findUnique({ where: { id: runId }, include: { steps: { orderBy: { sequence: "asc" } } } });
    return run && (run.status === "succeeded" || run.status === "failed") ? run : undefined;
  }, `run ${runId} to finish`);
}

/**
 * Makes every trigger due and polls them all once, as the worker's poller would, then checks that no trigger
 * recorded an error (a connector test that polls must never pass on a poll that failed).
 */
export async function pollAllNow(db: Db, queue: RunQueue, keys: PollerOptions["keys"]): Promise<void> {
  await db.triggerState.updateMany({ data: { nextRunAt: new Date(Date.now() - 1000) } });
  await pollDueTriggers(db, queue, { log: () => undefined, keys });
  const failing = await db.triggerState.findMany({ where: { lastError: { not: null } } });
  expect(failing.map((state) => state.lastError)).toEqual([]);
}
