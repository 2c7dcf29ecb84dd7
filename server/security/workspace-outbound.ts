// The outbound policy of a workspace: its allow-list read from the database, kept for a few seconds per process so
// that a busy flow does not read it for every step. Saving the list in this process forgets the kept copy at once;
// other processes see it within CACHE_MS.
import type { DbOrTx } from "../db/client";
import { findOutboundAllowList } from "../db/workspaces.repository";
import { parseAllowList } from "./outbound-address";
import { withOutboundPolicy, type OutboundPolicy } from "./outbound-guard";

const CACHE_MS = 5_000;
const cache = new Map<string, { policy: OutboundPolicy; until: number }>();

export async function outboundPolicyFor(db: DbOrTx, workspaceId: string): Promise<OutboundPolicy> {
  const kept = cache.get(workspaceId);
  if (kept && kept.until > Date.now()) return kept.policy;
  // Entries were checked on save; one that no longer reads (a newer rule) is left out rather than failing runs.
  const policy = { allow: parseAllowList(await findOutboundAllowList(db, workspaceId)).entries, workspaceId };
  cache.set(workspaceId, { policy, until: Date.now() + CACHE_MS });
  return policy;
}

export function forgetOutboundPolicy(workspaceId: string): void {
  cache.delete(workspaceId);
}

/** Runs `work` under the workspace's outbound policy. */
export async function withWorkspaceOutbound<T>(db: DbOrTx, workspaceId: string, work: () => Promise<T>): Promise<T> {
  return withOutboundPolicy(await outboundPolicyFor(db, workspaceId), work);
}
