// A flow's own run retention (Flow.retentionDays); null means the global default applies.
import type { DbOrTx } from "./client";

export async function findFlowRetention(db: DbOrTx, workspaceId: string, id: string) {
  return db.flow.findFirst({ where: { id, workspaceId }, select: { retentionDays: true } });
}

export async function updateFlowRetention(db: DbOrTx, workspaceId: string, id: string, days: number | null) {
  const { count } = await db.flow.updateMany({ where: { id, workspaceId }, data: { retentionDays: days } });
  return count === 1;
}
