// The access check of the REST routes under /api (the tRPC procedures have theirs in server/api/trpc.ts).
import { roleAllows, type Access } from "@/lib/roles";
import { getDb } from "../db/client";
import { resolvePrincipal, type Principal } from "./principal";

/** The caller's principal when its role allows `access`, else the 401 or 403 answer to send. */
export async function requireAccess(
  request: Request,
  access: Access,
): Promise<{ principal: Principal; refusal?: undefined } | { principal?: undefined; refusal: Response }> {
  const principal = await resolvePrincipal(getDb(), request.headers);
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (!principal) return { refusal: new Response("Sign in to continue.", { status: 401, headers }) };
  if (!roleAllows(principal.role, access)) {
    return { refusal: new Response("Your role cannot do this in this workspace.", { status: 403, headers }) };
  }
  return { principal };
}
