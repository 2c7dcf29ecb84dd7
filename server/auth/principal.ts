// Who is asking, in which workspace and with which role: from an API token (Authorization: Bearer) or from the
// sign-in session cookie plus the workspace the person chose (a cookie; their first workspace otherwise).
import crypto from "node:crypto";
import type { Role } from "@/lib/roles";
import type { Db } from "../db/client";
import { getAuth } from "./auth";
import { CLIENT_IP_HEADER } from "./client-ip";
import { personLabel } from "./person-label";

export interface Principal {
  kind: "user" | "token";
  /** The person, or the person who created the token. */
  userId: string | null;
  tokenId: string | null;
  /** How the audit log and the run page name them: "Ada Lovelace <ada@example.com>" or "token ci-deploy". */
  label: string;
  workspaceId: string;
  role: Role;
  ip: string | null;
  userAgent: string | null;
}

export const WORKSPACE_COOKIE = "conflux-workspace";
export const API_TOKEN_PREFIX = "cfx_";
/** lastUsedAt is written at most this often per token, so busy automation does not write on every call. */
const LAST_USED_GRANULARITY_MS = 60_000;

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export { personLabel };

function cookieValue(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

function clientAddress(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER)?.trim() || null;
}

async function fromApiToken(db: Db, token: string, headers: Headers): Promise<Principal | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(token) } });
  if (!row || row.revokedAt) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    kind: "token",
    userId: null,
    tokenId: row.id,
    label: `token ${row.name}`,
    workspaceId: row.workspaceId,
    role: row.role,
    ip: clientAddress(headers),
    userAgent: headers.get("user-agent"),
  };
}

/** The signed-in person's workspaces, oldest membership first. */
export async function membershipsOf(db: Db, userId: string) {
  return db.membership.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { workspaceId: "asc" }],
    select: { role: true, workspace: { select: { id: true, name: true } } },
  });
}

/** The principal of a request, or null when nobody is signed in (or the person belongs to no workspace). */
export async function resolvePrincipal(db: Db, headers: Headers): Promise<Principal | null> {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    return fromApiToken(db, authorization.slice(7).trim(), headers);
  }
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const memberships = await membershipsOf(db, session.user.id);
  const chosen = cookieValue(headers, WORKSPACE_COOKIE);
  const membership = memberships.find((item) => item.workspace.id === chosen) ?? memberships[0];
  if (!membership) return null;
  return {
    kind: "user",
    userId: session.user.id,
    tokenId: null,
    label: personLabel(session.user),
    workspaceId: membership.workspace.id,
    role: membership.role,
    ip: clientAddress(headers),
    userAgent: headers.get("user-agent"),
  };
}
