"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";
import superjson from "superjson";
import { TRPCProvider } from "@/components/trpc";
import type { AppRouter } from "@/server/api/root";
import { MAX_TRPC_BATCH } from "@/lib/api-limits";

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // Lists refetch on focus so a second tab sees the first one's changes; errors are shown, not retried forever.
        defaultOptions: { queries: { staleTime: 2_000, retry: 1 } },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // A batch answers when its slowest call does: a remote system's list (up to 15 s) must not hold up the
        // panel's own queries sent in the same tick, so those calls go alone.
        splitLink({
          condition: (op) => op.path === "connectors.fieldOptions",
          true: httpLink({ url: "/api/trpc", transformer: superjson }),
          false: httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: MAX_TRPC_BATCH }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
        <Toaster position="bottom-right" richColors closeButton />
      </TRPCProvider>
    </QueryClientProvider>
  );
}
