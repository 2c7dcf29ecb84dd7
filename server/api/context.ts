import { getDb, type Db } from "../db/client";
import { resolvePrincipal, type Principal } from "../auth/principal";
import { requestClient, type RequestClient } from "../auth/sign-in-audit";
import { defaultKeyRing, type KeyRingSource } from "../security/keyring";
import { publicOrigin } from "../runtime/public-url";

/** What every request brings, before the procedure's access check. */
export interface RequestContext {
  db: Db;
  /** Seals and opens account credentials. */
  keys: KeyRingSource;
  /** Who is asking (session or API token), or null when nobody is signed in. */
  principal: Principal | null;
  /** Where remote systems reach this server (CONFLUX_PUBLIC_URL, else the request's origin); tests may leave it out. */
  publicOrigin?: string;
  /** The caller's address and browser, for the audit events of procedures anyone may call (set-up, invites). */
  client?: RequestClient;
}

/** What a procedure sees once the access check passed: the principal's workspace scopes every query. */
export interface ApiContext extends RequestContext {
  principal: Principal;
  workspaceId: string;
}

export async function createApiContext(options: { req?: Request } = {}): Promise<RequestContext> {
  const db = getDb();
  return {
    db,
    keys: defaultKeyRing(),
    principal: options.req ? await resolvePrincipal(db, options.req.headers) : null,
    publicOrigin: publicOrigin(options.req?.url, options.req?.headers.get("host")),
    client: requestClient(options.req?.headers),
  };
}
