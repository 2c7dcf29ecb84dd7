// Setting up the owner on a fresh install, inviting people and accepting invites. People are written here (not
// through better-auth's sign-up, which stays closed) with better-auth's password hash, and then sign in through it.
import crypto from "node:crypto";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Role } from "@/lib/roles";
import { hashPassword } from "../auth/auth";
import { findOpenInvite, insertInvite, normalizeEmail } from "../auth/invites.repository";
import type { Db, Tx } from "../db/client";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";

/** One set-up at a time: two people racing on a fresh install cannot both become owner. */
const SETUP_LOCK = 0x636f6e66;

export async function needsSetup(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

async function createPerson(tx: Tx, input: { name: string; email: string; password: string }) {
  const email = normalizeEmail(input.email);
  if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new ConflictError(`Someone with the address ${email} already has an account here. Sign in instead.`);
  }
  const user = await tx.user.create({ data: { name: input.name.trim(), email, emailVerified: true } });
  await tx.authAccount.create({
    data: {
      id: crypto.randomUUID(),
      userId: user.id,
      accountId: user.id,
      providerId: "credential",
      password: await hashPassword(input.password),
    },
  });
  return user;
}

/** The first person on a fresh install: owner of the default workspace. Refused once anyone exists. */
export async function setUpOwner(
  db: Db,
  input: { name: string; email: string; password: string; workspaceName?: string },
): Promise<{ userId: string; workspaceId: string }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if ((await tx.user.count()) > 0) {
      throw new ConflictError("Conflux is already set up. Sign in, or ask an admin for an invite.");
    }
    const user = await createPerson(tx, input);
    const workspaceId = await ensureDefaultWorkspace(tx);
    if (input.workspaceName?.trim()) {
      await tx.workspace.update({ where: { id: workspaceId }, data: { name: input.workspaceName.trim() } });
    }
    await tx.membership.create({ data: { workspaceId, userId: user.id, role: "owner" } });
    return { userId: user.id, workspaceId };
  });
}

/** An invite for `email` to the workspace; the link is also printed to the server log (no mail is configured). */
export async function invitePerson(
  db: Db,
  workspaceId: string,
  input: { email: string; role: Role },
  invitedBy: { userId: string | null; origin: string },
): Promise<{ id: string; link: string; expiresAt: Date }> {
  const email = normalizeEmail(input.email);
  const existing = await db.membership.findFirst({ where: { workspaceId, user: { email } }, select: { userId: true } });
  if (existing) throw new ConflictError(`${email} is already a member of this workspace.`);
  const invite = await insertInvite(db, { workspaceId, email, role: input.role, invitedById: invitedBy.userId });
  const link = `${invitedBy.origin}/invite/${invite.token}`;
  console.log(`[conflux] Invite for ${email} (${input.role}): ${link}`);
  return { id: invite.id, link, expiresAt: invite.expiresAt };
}

/** What the accept-invite page shows before anyone signs in. */
export async function describeInvite(db: Db, token: string) {
  const invite = await findOpenInvite(db, token);
  if (!invite) throw new NotFoundError("This invite (it may have expired or been used already)");
  const existing = await db.user.findUnique({ where: { email: invite.email }, select: { id: true } });
  return {
    email: invite.email,
    role: invite.role,
    workspaceName: invite.workspace.name,
    hasAccount: existing !== null,
  };
}

/**
 * Joins the invite's workspace: a new person gives a name and password; a person who already has an account here
 * must be signed in as the invited address (userId).
 */
export async function acceptInvite(
  db: Db,
  input: { token: string; name?: string; password?: string },
  signedInUserId: string | null,
): Promise<{ email: string; workspaceId: string }> {
  return db.$transaction(async (tx) => {
    const invite = await findOpenInvite(tx, input.token);
    if (!invite) throw new NotFoundError("This invite (it may have expired or been used already)");
    let user = await tx.user.findUnique({ where: { email: invite.email } });
    if (user && user.id !== signedInUserId) {
      throw new ConflictError(`Sign in as ${invite.email} first, then open the invite link again.`);
    }
    if (!user) {
      if (!input.name?.trim() || !input.password) throw new ValidationError("Give your name and a password.");
      user = await createPerson(tx, { name: input.name, email: invite.email, password: input.password });
    }
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId: user.id } },
      create: { workspaceId: invite.workspaceId, userId: user.id, role: invite.role },
      update: {},
    });
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedAt: new Date() } });
    return { email: invite.email, workspaceId: invite.workspaceId };
  });
}
