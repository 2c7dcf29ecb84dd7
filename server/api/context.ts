import { getDb, type Db } from "../db/client";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { defaultKeyRing, type KeyRingSource } from "../security/keyring";
import { publicOrigin } from "../runtime/public-url";

export interface ApiContext {
  db: Db;
  /** Seals and opens account credentials. */
  keys: KeyRingSource;
  workspaceId: string;
  /** Where remote systems reach this server (CONFLUX_PUBLIC_URL, else the request's origin); tests may leave it out. */
  publicOrigin?: string;
}

let defaultWorkspaceId: Promise<string> | undefined;

/** Until sign-in exists, every request acts in the default workspace. */
export async function createApiContext(options: { req?: Request } = {}): Promise<ApiContext> {
  const db = getDb();
  defaultWorkspaceId ??= ensureDefaultWorkspace(db).catch((error: unknown) => {
    defaultWorkspaceId = undefined;
    throw error;
  });
  return {
    db,
    keys: defaultKeyRing(),
    workspaceId: await defaultWorkspaceId,
    publicOrigin: publicOrigin(options.req?.url, options.req?.headers.get("host")),
  };
}
