// A flow's version history: list, compare (two versions, or a version and the draft) and restore into the draft.
import { diffGraphs, type FlowDiff } from "@/lib/flow-diff";
import type { FlowGraph } from "@/lib/flow-graph";
import { NotFoundError } from "@/lib/errors";
import type { DbOrTx } from "../db/client";
import * as flows from "../db/flows.repository";
import * as versions from "../db/versions.repository";
import { getFlow, parseGraph, saveDraft } from "./flows.service";

/** Versions with when and by whom they were published (null for versions from before sign-in existed). */
export async function listVersions(db: DbOrTx, workspaceId: string, flowId: string) {
  const flow = await flows.findFlow(db, workspaceId, flowId);
  if (!flow) throw new NotFoundError("The flow");
  const rows = await versions.listVersions(db, workspaceId, flowId);
  const publishedNumber = flow.publishedVersion?.number ?? null;
  return rows.map((row) => ({
    number: row.number,
    createdAt: row.createdAt,
    /** As the audit log names them: "Ada Lovelace <ada@example.com>" or "token ci-deploy". */
    publishedBy: row.createdBy,
    // "Live" only while the flow runs it; a stopped flow keeps its last version but runs nothing.
    live: row.number === publishedNumber && flow.status === "running",
  }));
}

async function versionGraph(db: DbOrTx, workspaceId: string, flowId: string, number: number): Promise<FlowGraph> {
  const version = await versions.findVersion(db, workspaceId, flowId, number);
  if (!version) throw new NotFoundError(`Version ${number}`);
  return parseGraph(version.graph);
}

/** The graph the running flow runs (its live version), or null when it is not running. */
export async function getLiveGraph(db: DbOrTx, workspaceId: string, flowId: string) {
  const flow = await flows.findFlow(db, workspaceId, flowId);
  if (!flow) throw new NotFoundError("The flow");
  if (flow.status !== "running" || !flow.publishedVersion) return null;
  return {
    number: flow.publishedVersion.number,
    graph: await versionGraph(db, workspaceId, flowId, flow.publishedVersion.number),
  };
}

export type VersionRef = number | "draft";

async function graphOf(db: DbOrTx, workspaceId: string, flowId: string, ref: VersionRef): Promise<FlowGraph> {
  if (ref === "draft") return (await getFlow(db, workspaceId, flowId)).draft;
  return versionGraph(db, workspaceId, flowId, ref);
}

export async function diffVersions(
  db: DbOrTx,
  workspaceId: string,
  flowId: string,
  from: VersionRef,
  to: VersionRef,
): Promise<{ from: VersionRef; to: VersionRef; diff: FlowDiff }> {
  const [before, after] = await Promise.all([
    graphOf(db, workspaceId, flowId, from),
    graphOf(db, workspaceId, flowId, to),
  ]);
  return { from, to, diff: diffGraphs(before, after) };
}

/**
 * Copies a version's graph into the draft. It goes through saveDraft's revision check, so a draft someone saved
 * since `baseRevision` (another tab, another user) is not overwritten: that is a ConflictError.
 */
export async function restoreVersion(
  db: DbOrTx,
  workspaceId: string,
  flowId: string,
  number: number,
  baseRevision: number,
) {
  const graph = await versionGraph(db, workspaceId, flowId, number);
  const saved = await saveDraft(db, workspaceId, flowId, graph, baseRevision);
  return { draft: graph, draftRevision: saved.draftRevision };
}
