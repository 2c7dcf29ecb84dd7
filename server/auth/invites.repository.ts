import crypto from "node:crypto";
import type { Role } from "@/lib/roles";
import type { DbOrTx } from "../db/client";

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function hashInviteToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** A new invite; the token (for the link) is returned once and only its hash is kept. */
export async function insertInvite(
  db: DbOrTx,
  input: { workspaceId: string; email: string; role: Role; invitedById: string | null },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
  const row = await db.invite.create({
    data: { ...input, email: normalizeEmail(input.email), tokenHash: hashInviteToken(token), expiresAt },
    select: { id: true },
  });
  return { id: row.id, token, expiresAt };
}

/** The open (not accepted, not expired) invite a link's token names, with its workspace. */
export async function findOpenInvite(db: DbOrTx, token: string) {
  return db.invite.findFirst({
    where: { tokenHash: hashInviteToken(token), acceptedAt: null, expiresAt: { gt: new Date() } },
    include: { workspace: { select: { id: true, name: true } } },
  });
}

export async function hasOpenInvite(db: DbOrTx, email: string): Promise<boolean> {
  const count = await db.invite.count({
    where: { email: normalizeEmail(email), acceptedAt: null, expiresAt: { gt: new Date() } },
  });
  return count > 0;
}

/** Makes the person a member of every workspace that has an open invite for their address (OIDC sign-in). */
export async function acceptOpenInvitesFor(db: DbOrTx, userId: string, email: string): Promise<void> {
  const invites = await db.invite.findMany({
    where: { email: normalizeEmail(email), acceptedAt: null, expiresAt: { gt: new Date() } },
  });
  for (const invite of invites) {
    await db.membership.upsert({
      where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId } },
      create: { workspaceId: invite.workspaceId, userId, role: invite.role },
      update: {},
    });
    await db.invite.update({ where: { id: invite.id }, data: { acceptedAt: new Date() } });
  }
}
