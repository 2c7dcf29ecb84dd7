import { getDb, type Db } from "../db/client";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";

export interface ApiContext {
  db: Db;
  workspaceId: string;
}

let defaultWorkspaceId: Promise<string> | undefined;

/** Until sign-in exists, every request acts in the default workspace. */
export async function createApiContext(): Promise<ApiContext> {
  const db = getDb();
  defaultWorkspaceId ??= ensureDefaultWorkspace(db).catch((error: unknown) => {
    defaultWorkspaceId = undefined;
    throw error;
  });
  return { db, workspaceId: await defaultWorkspaceId };
}
