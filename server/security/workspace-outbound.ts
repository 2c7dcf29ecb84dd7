// The outbound policy of a workspace: its allow-list, read from the database for every step and poll. It is not kept
// in memory: the web app (which saves the list) and the worker (which applies it) are separate module instances even
// in one process, so a kept copy made a host just added in Settings stay refused for a few seconds. One read by
// primary key per step costs little beside the step's own writes.
import type { DbOrTx } from "../db/client";
import { findOutboundAllowList } from "../db/workspaces.repository";
import { parseAllowList } from "./outbound-address";
import { withOutboundPolicy, type OutboundPolicy } from "./outbound-guard";

export async function outboundPolicyFor(db: DbOrTx, workspaceId: string): Promise<OutboundPolicy> {
  // Entries were checked on save; one that no longer reads (a newer rule) is left out rather than failing runs.
  return { allow: parseAllowList(await findOutboundAllowList(db, workspaceId)).entries, workspaceId };
}

/** Runs `work` under the workspace's outbound policy. */
export async function withWorkspaceOutbound<T>(db: DbOrTx, workspaceId: string, work: () => Promise<T>): Promise<T> {
  return withOutboundPolicy(await outboundPolicyFor(db, workspaceId), work);
}
