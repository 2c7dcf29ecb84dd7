// Workspace settings. For now the outbound allow-list: what the workspace's flows, tests and field lists may reach
// although the outbound guard refuses it by default (on-premises systems at private addresses).
import { ValidationError } from "@/lib/errors";
import type { Db } from "../db/client";
import { findOutboundAllowList, updateOutboundAllowList } from "../db/workspaces.repository";
import { parseAllowList } from "../security/outbound-address";

export interface SettingsContext {
  db: Db;
  workspaceId: string;
}

export interface WorkspaceSettings {
  outboundAllowList: string[];
}

export async function getSettings(ctx: SettingsContext): Promise<WorkspaceSettings> {
  return { outboundAllowList: await findOutboundAllowList(ctx.db, ctx.workspaceId) };
}

/** Saves the list as normalised entries (lower case, trimmed, no duplicates); names every entry it cannot read. */
export async function saveOutboundAllowList(ctx: SettingsContext, raw: string[]): Promise<WorkspaceSettings> {
  const { entries, problems } = parseAllowList(raw);
  if (problems.length > 0) {
    throw new ValidationError(`The allow-list has entries that cannot be read: ${problems.join("; ")}`, { problems });
  }
  const texts = [...new Set(entries.map((entry) => entry.text))];
  await updateOutboundAllowList(ctx.db, ctx.workspaceId, texts);
  return { outboundAllowList: texts };
}
