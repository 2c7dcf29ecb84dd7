// The audit log: who did what to which flow, account, run, member or token, when and from where.
import type { Principal } from "../auth/principal";
import type { DbOrTx } from "../db/client";

export interface AuditTarget {
  action: string;
  targetType: string;
  targetId?: string | null;
  targetName?: string | null;
}

export async function recordAudit(db: DbOrTx, principal: Principal, event: AuditTarget): Promise<void> {
  await db.auditEvent.create({
    data: {
      workspaceId: principal.workspaceId,
      actor: principal.label,
      actorUserId: principal.userId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      targetName: event.targetName ?? null,
      ip: principal.ip,
      userAgent: principal.userAgent?.slice(0, 500) ?? null,
    },
  });
}
