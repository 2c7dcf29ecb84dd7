import { authRouter } from "./routers/auth.router";
import { membersRouter } from "./routers/members.router";
import { auditRouter } from "./routers/audit.router";
import { tokensRouter } from "./routers/tokens.router";
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
  auth: authRouter,
  members: membersRouter,
  tokens: tokensRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
