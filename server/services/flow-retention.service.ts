// How long a flow's finished runs are kept. The worker's retention loop (runtime/retention.ts) does the deleting;
// here a flow only records its own number of days, or null to follow CONFLUX_RUN_RETENTION_DAYS.
import { NotFoundError } from "@/lib/errors";
import type { DbOrTx } from "../db/client";
import * as retention from "../db/flow-retention.repository";
import { defaultRetentionDays } from "../runtime/retention";

export interface FlowRetention {
  /** The flow's own setting; null when it follows the default. */
  days: number | null;
  /** The global default (CONFLUX_RUN_RETENTION_DAYS), which applies when `days` is null. */
  defaultDays: number;
}

export async function getFlowRetention(db: DbOrTx, workspaceId: string, id: string): Promise<FlowRetention> {
  const flow = await retention.findFlowRetention(db, workspaceId, id);
  if (!flow) throw new NotFoundError("The flow");
  return { days: flow.retentionDays, defaultDays: defaultRetentionDays() };
}

export async function setFlowRetention(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  days: number | null,
): Promise<FlowRetention> {
  if (!(await retention.updateFlowRetention(db, workspaceId, id, days))) throw new NotFoundError("The flow");
  return { days, defaultDays: defaultRetentionDays() };
}
