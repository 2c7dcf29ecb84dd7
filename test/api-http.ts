// Calls tRPC procedures the way the browser does (HTTP handler, status codes, superjson), with any context, and
// lists every procedure of the router with its declared access, so that tests cannot forget one.
import type { AnyProcedure } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { z } from "zod";
import { ACCESS_LEVELS } from "@/lib/roles";
import { appRouter } from "../server/api/root";
import type { RequestContext } from "../server/api/context";
import type { ProcedureMeta } from "../server/api/trpc";

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  access: ProcedureMeta["access"] | undefined;
}

const metaSchema = z.object({ access: z.enum([...ACCESS_LEVELS, "public"]) }).optional();

function isProcedure(value: unknown): value is AnyProcedure {
  return typeof value === "function" && "_def" in value;
}

/** Every procedure by its dotted path (the router keeps a flat record of them at run time). */
export function listProcedures(): ProcedureInfo[] {
  const procedures: Record<string, unknown> = appRouter._def.procedures;
  return Object.entries(procedures)
    .flatMap(([path, procedure]) => {
      if (!isProcedure(procedure)) return [];
      const meta = metaSchema.safeParse(procedure._def.meta);
      return [{ path, type: procedure._def.type, access: meta.success ? meta.data?.access : undefined }];
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One call through the HTTP handler; `context` is what createContext gives (or a request's own, via `request`). */
export async function callProcedure(
  procedure: Pick<ProcedureInfo, "path" | "type">,
  input: unknown,
  context: (request: Request) => Promise<RequestContext> | RequestContext,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const encoded = encodeURIComponent(JSON.stringify({ json: input }));
  const isQuery = procedure.type === "query";
  const url = `http://localhost/api/trpc/${procedure.path}${isQuery ? `?input=${encoded}` : ""}`;
  const request = new Request(
    url,
    isQuery
      ? { headers }
      : {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ json: input }),
        },
  );
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => context(request),
  });
  return { status: response.status, body: await response.text() };
}
