// Roles and what each may do; read by the API (every procedure declares the access it needs) and by the pages
// (to hide or disable what a role cannot do). Each role includes everything the roles before it may do.
import { z } from "zod";

export const ROLES = ["viewer", "operator", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/**
 * What a procedure needs:
 * - read: runs, flows and account names (never a secret): every role;
 * - operate: run, replay, cancel, start and stop flows: operator and up;
 * - build: edit flows, use and edit accounts, see webhook secrets, test drafts: editor and up;
 * - admin: members, API tokens, settings, the audit log: admin and up;
 * - owner: owner only.
 */
export const ACCESS_LEVELS = ["read", "operate", "build", "admin", "owner"] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

const minimumRole: Record<Access, Role> = {
  read: "viewer",
  operate: "operator",
  build: "editor",
  admin: "admin",
  owner: "owner",
};

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function roleAllows(role: Role, access: Access): boolean {
  return roleRank(role) >= roleRank(minimumRole[access]);
}

export const roleLabels: Record<Role, string> = {
  viewer: "Viewer",
  operator: "Operator",
  editor: "Editor",
  admin: "Admin",
  owner: "Owner",
};

export const roleDescriptions: Record<Role, string> = {
  viewer: "Reads runs and flows; never sees credentials.",
  operator: "Runs, replays and cancels; reads everything but credentials.",
  editor: "Builds and runs flows and uses accounts.",
  admin: "Everything an editor does, plus members, API tokens and settings.",
  owner: "Everything, including owners' roles.",
};

/** Why a role cannot do something, for a disabled button's title. */
export function accessReason(access: Access): string {
  return `Your role cannot do this: it needs ${roleLabels[minimumRole[access]]} or above.`;
}
