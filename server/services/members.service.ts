// A workspace's members and open invites; role changes keep at least one owner, and only owners touch owners.
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/roles";
import type { Db, Tx } from "../db/client";

export async function listMembers(db: Db, workspaceId: string) {
  const [members, invites] = await Promise.all([
    db.membership.findMany({
      where: { workspaceId },
      orderBy: { createdAt: "asc" },
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    db.invite.findMany({
      where: { workspaceId, acceptedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    }),
  ]);
  return {
    members: members.map((item) => ({ ...item.user, role: item.role, since: item.createdAt })),
    invites,
  };
}

async function lockedMembership(tx: Tx, workspaceId: string, userId: string) {
  // Serialises changes to one workspace's owners, so two demotions cannot leave it without one.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`members:${workspaceId}`}))`;
  const membership = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
  if (!membership) throw new NotFoundError("This member");
  return membership;
}

async function keepAnOwner(tx: Tx, workspaceId: string, losing: { role: Role }) {
  if (losing.role !== "owner") return;
  const owners = await tx.membership.count({ where: { workspaceId, role: "owner" } });
  if (owners <= 1)
    throw new ConflictError("The last owner cannot be removed or given another role. Make someone else owner first.");
}

function onlyOwnersTouchOwners(actorRole: Role, ...roles: Role[]) {
  if (actorRole !== "owner" && roles.includes("owner")) {
    throw new ForbiddenError("Only an owner can make someone owner or change an owner's role.");
  }
}

export async function changeMemberRole(
  db: Db,
  workspaceId: string,
  actorRole: Role,
  input: { userId: string; role: Role },
): Promise<{ name: string; email: string }> {
  return db.$transaction(async (tx) => {
    const membership = await lockedMembership(tx, workspaceId, input.userId);
    onlyOwnersTouchOwners(actorRole, membership.role, input.role);
    if (input.role !== "owner") await keepAnOwner(tx, workspaceId, membership);
    await tx.membership.update({
      where: { workspaceId_userId: { workspaceId, userId: input.userId } },
      data: { role: input.role },
    });
    return tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { name: true, email: true } });
  });
}

export async function removeMember(
  db: Db,
  workspaceId: string,
  actorRole: Role,
  userId: string,
): Promise<{ name: string; email: string }> {
  return db.$transaction(async (tx) => {
    const membership = await lockedMembership(tx, workspaceId, userId);
    onlyOwnersTouchOwners(actorRole, membership.role);
    await keepAnOwner(tx, workspaceId, membership);
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
    // Their sessions stay valid for their other workspaces; this one is simply no longer theirs.
    return tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
  });
}

export async function revokeInvite(db: Db, workspaceId: string, inviteId: string): Promise<void> {
  const { count } = await db.invite.deleteMany({ where: { id: inviteId, workspaceId, acceptedAt: null } });
  if (count === 0) throw new NotFoundError("This invite");
}
