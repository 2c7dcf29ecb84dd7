import { accountsRouter } from "./routers/accounts.router";
import { connectorsRouter } from "./routers/connectors.router";
import { flowsRouter } from "./routers/flows.router";
import { runsRouter } from "./routers/runs.router";
import { router } from "./trpc";

export const appRouter = router({
  flows: flowsRouter,
  runs: runsRouter,
  connectors: connectorsRouter,
  accounts: accountsRouter,
});

export type AppRouter = typeof appRouter;
