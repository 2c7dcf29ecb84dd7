"use client";
// The signed-in person's role here, for pages that hide or disable what the role cannot do (the API checks anyway).
import { useQuery } from "@tanstack/react-query";
import { accessReason, roleAllows, type Access } from "@/lib/roles";
import { useTRPC } from "../trpc";

export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000, retry: false }));
}

/** Whether the role allows `access` (false while unknown) and, if not, the reason for a disabled control. */
export function useAccess(access: Access): { allowed: boolean; reason: string | undefined } {
  const me = useMe();
  const allowed = me.data ? roleAllows(me.data.role, access) : false;
  return { allowed, reason: allowed ? undefined : accessReason(access) };
}
