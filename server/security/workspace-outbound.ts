// The outbound policy of a workspace: its allow-list, read from the database for every step and poll. It is not kept
// in memory: the web app (which saves the list) and the worker (which applies it) are separate module instances even
// in one process, so a kept copy made a host just added in Settings stay refused for a few seconds. One read by
// primary key per step, in plain SQL on the run's own connection, costs about one round trip (bench:runtime).
import type { SqlSource } from "../db/sql";
import { findOutboundAllowList } from "../db/workspaces.repository";
import { parseAllowList } from "./outbound-address";
import { withOutboundPolicy, type OutboundPolicy } from "./outbound-guard";

export async function outboundPolicyFor(db: SqlSource, workspaceId: string): Promise<OutboundPolicy> {
  return outboundPolicyOf(workspaceId, await findOutboundAllowList(db, workspaceId));
}

/** The policy of a workspace whose allow-list was just read (a step reads it with its own start, step-record.ts). */
export function outboundPolicyOf(workspaceId: string, saved: readonly string[]): OutboundPolicy {
  // Entries were checked on save; one that no longer reads (a newer rule) is left out rather than failing runs.
  return { allow: parseAllowList([...saved]).entries, workspaceId };
}

/** Runs `work` under the workspace's outbound policy; `saved` is the allow-list when the caller has just read it. */
export async function withWorkspaceOutbound<T>(
  db: SqlSource,
  workspaceId: string,
  work: () => Promise<T>,
  saved?: readonly string[],
): Promise<T> {
  const policy = saved ? outboundPolicyOf(workspaceId, saved) : await outboundPolicyFor(db, workspaceId);
  return withOutboundPolicy(policy, work);
}
