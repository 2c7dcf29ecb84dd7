// Audit events of signing in and out, set-up, invites accepted and password resets. These happen before anyone has
// a workspace in hand, so each is written to every workspace the person belongs to (their admins all see it); an
// address that belongs to nobody (a failed sign-in, a reset asked for a stranger) goes to the oldest workspace, the
// install's own. Never a password: only the address tried.
import type { Db } from "../db/client";
import { textColumnSafe } from "../security/json-nul";
import { CLIENT_IP_HEADER } from "./client-ip";
import { normalizeEmail } from "./invites.repository";
import { personLabel } from "./person-label";

export const SIGN_IN_ACTIONS = [
  "auth.signIn",
  "auth.signInFailed",
  "auth.signOut",
  "auth.setup",
  "auth.acceptInvite",
  "auth.passwordResetRequested",
  "auth.passwordReset",
] as const;
export type SignInAction = (typeof SIGN_IN_ACTIONS)[number];

export interface RequestClient {
  ip: string | null;
  userAgent: string | null;
}

/** The caller's address (written by the web server from the socket) and browser, from a request's headers. */
export function requestClient(headers: Headers | undefined | null): RequestClient {
  return {
    ip: headers?.get(CLIENT_IP_HEADER)?.trim() || null,
    userAgent: headers?.get("user-agent") ?? null,
  };
}

export interface SignInEvent {
  action: SignInAction;
  /** The person, when known; else they are looked up by `email`. */
  userId?: string | null;
  /** The address given (a failed sign-in's is kept as typed, cut short and without control characters). */
  email: string;
  /** Only this workspace (set-up, an accepted invite), instead of all the person's. */
  workspaceId?: string;
  /** How: "password", or the company sign-in's name. */
  method?: string;
  client: RequestClient;
}

async function workspacesFor(db: Db, userId: string | undefined): Promise<string[]> {
  if (userId) {
    const memberships = await db.membership.findMany({ where: { userId }, select: { workspaceId: true } });
    if (memberships.length > 0) return memberships.map((item) => item.workspaceId);
  }
  const install = await db.workspace.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  return install ? [install.id] : [];
}

export async function recordSignInEvent(db: Db, event: SignInEvent): Promise<void> {
  const email = textColumnSafe(event.email.trim(), 200);
  const person = event.userId
    ? await db.user.findUnique({ where: { id: event.userId }, select: { id: true, name: true, email: true } })
    : await db.user.findUnique({
        where: { email: normalizeEmail(email) },
        select: { id: true, name: true, email: true },
      });
  const workspaceIds = event.workspaceId ? [event.workspaceId] : await workspacesFor(db, person?.id);
  const target = person?.email ?? email;
  await db.auditEvent.createMany({
    data: workspaceIds.map((workspaceId) => ({
      workspaceId,
      // A failed attempt is named by the address tried: whoever typed it is not known to be that person.
      actor: person && event.action !== "auth.signInFailed" ? personLabel(person) : email,
      actorUserId: event.action === "auth.signInFailed" ? null : (person?.id ?? null),
      action: event.action,
      targetType: "person",
      targetId: person?.id ?? null,
      targetName: event.method ? `${target} (${event.method})` : target,
      ip: event.client.ip,
      userAgent: event.client.userAgent ? textColumnSafe(event.client.userAgent, 500) : null,
    })),
  });
}

/** Writes the event, and only logs when that fails: signing in must not depend on the audit log. */
export async function recordSignInEventSafely(db: Db, event: SignInEvent): Promise<void> {
  try {
    await recordSignInEvent(db, event);
  } catch (error) {
    console.error(`[conflux] Writing the audit event ${event.action} failed:`, error);
  }
}
