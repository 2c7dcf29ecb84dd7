// Flow rows and their immutable versions. Every query is scoped by workspace.
import type { FlowGraph } from "@/lib/flow-graph";
import type { DbOrTx } from "./client";
import { toJsonInput } from "./json";

export async function listFlows(db: DbOrTx, workspaceId: string) {
  return db.flow.findMany({
    where: { workspaceId },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      name: true,
      status: true,
      updatedAt: true,
      publishedVersion: { select: { number: true } },
      runs: {
        where: { isTest: false },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, status: true, createdAt: true },
      },
    },
  });
}

export async function findFlow(db: DbOrTx, workspaceId: string, id: string) {
  return db.flow.findFirst({
    where: { id, workspaceId },
    select: {
      id: true,
      name: true,
      status: true,
      draft: true,
      draftRevision: true,
      updatedAt: true,
      publishedVersion: { select: { id: true, number: true, createdAt: true } },
    },
  });
}

export async function insertFlow(db: DbOrTx, workspaceId: string, name: string, graph: FlowGraph) {
  return db.flow.create({ data: { workspaceId, name, draft: toJsonInput(graph) }, select: { id: true } });
}

export async function renameFlow(db: DbOrTx, workspaceId: string, id: string, name: string): Promise<boolean> {
  const { count } = await db.flow.updateMany({ where: { id, workspaceId }, data: { name } });
  return count === 1;
}

export async function deleteFlow(db: DbOrTx, workspaceId: string, id: string): Promise<boolean> {
  const { count } = await db.flow.deleteMany({ where: { id, workspaceId } });
  return count === 1;
}

/** Saves the draft only if nobody saved since `baseRevision`; returns null when the revision is stale. */
export async function saveDraftIfRevision(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  graph: FlowGraph,
  baseRevision: number,
) {
  const { count } = await db.flow.updateMany({
    where: { id, workspaceId, draftRevision: baseRevision },
    data: { draft: toJsonInput(graph), draftRevision: { increment: 1 } },
  });
  if (count === 0) return null;
  return db.flow.findFirstOrThrow({ where: { id, workspaceId }, select: { draftRevision: true, updatedAt: true } });
}

export async function insertVersion(db: DbOrTx, workspaceId: string, flowId: string, graph: FlowGraph) {
  const last = await db.flowVersion.findFirst({
    where: { flowId, workspaceId, isTest: false },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return db.flowVersion.create({
    data: { workspaceId, flowId, number: (last?.number ?? 0) + 1, graph: toJsonInput(graph) },
    select: { id: true, number: true },
  });
}

export async function setFlowPublished(db: DbOrTx, workspaceId: string, id: string, versionId: string) {
  await db.flow.updateMany({
    where: { id, workspaceId },
    data: { status: "running", publishedVersionId: versionId },
  });
}

export async function setFlowStopped(db: DbOrTx, workspaceId: string, id: string) {
  await db.flow.updateMany({ where: { id, workspaceId }, data: { status: "stopped" } });
}

/** Whether the flow is running and which version it runs. */
export async function findFlowRunState(db: DbOrTx, workspaceId: string, id: string) {
  return db.flow.findFirst({ where: { id, workspaceId }, select: { status: true, publishedVersionId: true } });
}

/** The template a flow's runs take their business key from, when the flow names one. */
export async function findBusinessKeyExpression(db: DbOrTx, flowId: string): Promise<string | null> {
  const flow = await db.flow.findUnique({ where: { id: flowId }, select: { businessKeyExpression: true } });
  return flow?.businessKeyExpression ?? null;
}
