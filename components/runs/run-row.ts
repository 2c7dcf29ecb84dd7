import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** One row of the run history list, as runs.list returns it. */
export type RunRow = inferRouterOutputs<AppRouter>["runs"]["list"]["items"][number];
