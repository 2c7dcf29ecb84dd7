// A signed-in principal for tests that call tRPC callers directly (no session, no cookie).
import type { Role } from "@/lib/roles";
import type { Principal } from "../server/auth/principal";
import type { RequestContext } from "../server/api/context";
import type { Db } from "../server/db/client";
import { testKeyRing } from "./keys";

export function testPrincipal(workspaceId: string, role: Role = "owner", userId: string | null = null): Principal {
  return {
    kind: "user",
    userId,
    tokenId: null,
    label: `Test ${role} <${role}@example.test>`,
    workspaceId,
    role,
    ip: "127.0.0.1",
    userAgent: "vitest",
  };
}

/** The context a tRPC caller gets for a person with `role` in `workspaceId`. */
export function callerContext(
  db: Db,
  workspaceId: string,
  options: { role?: Role; keys?: RequestContext["keys"]; userId?: string | null } = {},
): RequestContext {
  return {
    db,
    keys: options.keys ?? testKeyRing(),
    principal: testPrincipal(workspaceId, options.role ?? "owner", options.userId ?? null),
  };
}
