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
