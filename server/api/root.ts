import { accountsRouter } from "./routers/accounts.router";
import { connectorsRouter } from "./routers/connectors.router";
import { flowsRouter } from "./routers/flows.router";
import { runsRouter } from "./routers/runs.router";
import { settingsRouter } from "./routers/settings.router";
import { router } from "./trpc";

export const appRouter = router({
  flows: flowsRouter,
  runs: runsRouter,
  connectors: connectorsRouter,
  accounts: accountsRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
