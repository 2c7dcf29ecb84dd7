import { z } from "zod";
import type { DbOrTx } from "./client";
import { sqlOf, type SqlSource } from "./sql";

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
export async function findOutboundAllowList(db: SqlSource, workspaceId: string): Promise<string[]> {
  // Plain SQL: a run reads it on every step, over the run's own connection (see sql.ts for why not a model query).
  const { rows } = await sqlOf(db).query(`SELECT "outboundAllowList" AS entries FROM "Workspace" WHERE id = $1`, [
    workspaceId,
  ]);
  return allowListRowsSchema.parse(rows)[0]?.entries ?? [];
}

const allowListRowsSchema = z.array(z.object({ entries: z.array(z.string()) }));

export async function updateOutboundAllowList(db: DbOrTx, workspaceId: string, entries: string[]): Promise<void> {
  await db.workspace.update({ where: { id: workspaceId }, data: { outboundAllowList: entries } });
}
