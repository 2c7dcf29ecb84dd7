// Run history as the web app reads it. The runtime writes runs and steps through its own module.
import type { DbOrTx } from "./client";
import type { RunStatus } from "./generated/client";

export async function listRuns(
  db: DbOrTx,
  workspaceId: string,
  filter: { flowId?: string; status?: RunStatus; limit: number; cursor?: string },
) {
  const rows = await db.run.findMany({
    where: { workspaceId, flowId: filter.flowId, status: filter.status },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      flowId: true,
      status: true,
      triggerKind: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      flow: { select: { name: true } },
    },
  });
  const items = rows.slice(0, filter.limit);
  return { items, nextCursor: rows.length > filter.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function findRunWithSteps(db: DbOrTx, workspaceId: string, id: string) {
  return db.run.findFirst({
    where: { id, workspaceId },
    include: {
      flow: { select: { name: true } },
      flowVersion: { select: { number: true, graph: true } },
      steps: { orderBy: { sequence: "asc" } },
    },
  });
}
