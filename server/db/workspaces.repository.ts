import type { DbOrTx } from "./client";

const DEFAULT_WORKSPACE_NAME = "Default workspace";

/**
 * Until sign-in exists every request belongs to one workspace. The oldest workspace is the default, so a data
 * folder keeps its rows across restarts; it is created on first use.
 */
export async function ensureDefaultWorkspace(db: DbOrTx): Promise<string> {
  const existing = await db.workspace.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  if (existing) return existing.id;
  const created = await db.workspace.create({ data: { name: DEFAULT_WORKSPACE_NAME }, select: { id: true } });
  return created.id;
}

/** The workspace's outbound allow-list entries as saved (checked on save; read again by the guard's policy). */
export async function findOutboundAllowList(db: DbOrTx, workspaceId: string): Promise<string[]> {
  const row = await db.workspace.findUnique({ where: { id: workspaceId }, select: { outboundAllowList: true } });
  return row?.outboundAllowList ?? [];
}

export async function updateOutboundAllowList(db: DbOrTx, workspaceId: string, entries: string[]): Promise<void> {
  await db.workspace.update({ where: { id: workspaceId }, data: { outboundAllowList: entries } });
}
