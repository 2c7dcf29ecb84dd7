import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createApiContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { MAX_TRPC_BATCH } from "@/lib/api-limits";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: createApiContext,
    // 500 procedures in one request would each open a query; the designer never batches more than this.
    maxBatchSize: MAX_TRPC_BATCH,
  });
}

export { handler as GET, handler as POST };
