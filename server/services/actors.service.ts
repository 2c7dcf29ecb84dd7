// Who started, replayed or cancelled a run and who published a version, as the audit log names them; written by the
// API beside the action (the runtime that creates runs knows nothing of people).
import type { DbOrTx } from "../db/client";

export async function recordRunStarter(db: DbOrTx, workspaceId: string, runId: string, actor: string): Promise<void> {
  await db.run.updateMany({ where: { id: runId, workspaceId }, data: { startedBy: actor } });
}

export async function recordRunCanceller(db: DbOrTx, workspaceId: string, runId: string, actor: string): Promise<void> {
  await db.run.updateMany({ where: { id: runId, workspaceId }, data: { cancelledBy: actor } });
}

export async function recordPublisher(
  db: DbOrTx,
  workspaceId: string,
  flowId: string,
  versionNumber: number,
  actor: string,
): Promise<void> {
  await db.flowVersion.updateMany({
    where: { workspaceId, flowId, number: versionNumber, createdBy: null },
    data: { createdBy: actor },
  });
}
