// A flow's alert rule (Flow settings): "When a flow fails" flows start when `failures` runs of it fail within
// `withinMinutes`, once per burst (server/runtime/failure-alerts.ts). No rule: every failed run starts them.
import type { AlertRule } from "@/lib/alert-rule";
import { NotFoundError } from "@/lib/errors";
import type { DbOrTx } from "../db/client";

export async function getAlertRule(
  db: DbOrTx,
  workspaceId: string,
  flowId: string,
): Promise<{ rule: AlertRule | null }> {
  const flow = await db.flow.findFirst({
    where: { id: flowId, workspaceId },
    select: { alertFailureCount: true, alertWindowMinutes: true },
  });
  if (!flow) throw new NotFoundError("The flow");
  const { alertFailureCount: failures, alertWindowMinutes: withinMinutes } = flow;
  return { rule: failures !== null && withinMinutes !== null ? { failures, withinMinutes } : null };
}

export async function setAlertRule(db: DbOrTx, workspaceId: string, flowId: string, rule: AlertRule | null) {
  const { count } = await db.flow.updateMany({
    where: { id: flowId, workspaceId },
    data: { alertFailureCount: rule?.failures ?? null, alertWindowMinutes: rule?.withinMinutes ?? null },
  });
  if (count !== 1) throw new NotFoundError("The flow");
  return getAlertRule(db, workspaceId, flowId);
}
