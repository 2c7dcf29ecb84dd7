// API tokens for automation: each acts in one workspace with one role (at most its creator's), is shown once,
// stored as a SHA-256 hash, and can be revoked; the last time it was used is kept.
import crypto from "node:crypto";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { roleRank, type Role } from "@/lib/roles";
import { API_TOKEN_PREFIX, hashApiToken } from "../auth/principal";
import type { Db } from "../db/client";

export async function listApiTokens(db: Db, workspaceId: string) {
  return db.apiToken.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      role: true,
      prefix: true,
      createdBy: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
}

export async function createApiToken(
  db: Db,
  workspaceId: string,
  input: { name: string; role: Role },
  creator: { label: string; role: Role },
): Promise<{ id: string; name: string; token: string }> {
  if (roleRank(input.role) > roleRank(creator.role)) {
    throw new ForbiddenError("A token cannot have a role above your own.");
  }
  const token = `${API_TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: {
      workspaceId,
      name: input.name,
      role: input.role,
      tokenHash: hashApiToken(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      createdBy: creator.label,
    },
    select: { id: true, name: true },
  });
  return { ...row, token };
}

export async function revokeApiToken(db: Db, workspaceId: string, id: string): Promise<{ id: string; name: string }> {
  const { count } = await db.apiToken.updateMany({
    where: { id, workspaceId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new NotFoundError("This token");
  return db.apiToken.findUniqueOrThrow({ where: { id }, select: { id: true, name: true } });
}
