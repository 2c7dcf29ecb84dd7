import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createApiContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: createApiContext,
  });
}

export { handler as GET, handler as POST };
