// A flow's published versions (immutable once Start wrote them). Test snapshots ("Test flow") are left out.
import type { DbOrTx } from "./client";

export async function listVersions(db: DbOrTx, workspaceId: string, flowId: string) {
  return db.flowVersion.findMany({
    where: { workspaceId, flowId, isTest: false },
    orderBy: { number: "desc" },
    select: { number: true, createdAt: true, createdBy: true },
  });
}

export async function findVersion(db: DbOrTx, workspaceId: string, flowId: string, number: number) {
  return db.flowVersion.findFirst({
    where: { workspaceId, flowId, number, isTest: false },
    select: { number: true, createdAt: true, graph: true },
  });
}

/** A version's graph by id, for the runtime (which reads published versions only by the id a flow or run names). */
export async function findVersionGraph(db: DbOrTx, id: string) {
  return db.flowVersion.findUnique({ where: { id }, select: { graph: true } });
}
