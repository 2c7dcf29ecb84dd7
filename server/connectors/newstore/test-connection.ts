// Test connection gets a token for the API client and reads the external OMS config, a read any client with the
// configuration scopes may make; so a wrong secret and a missing scope both show here rather than in a run.
import { newstoreAccount, newstoreAccounts } from "./auth";
import { externalOmsConfig } from "./config-api";

export const testNewStoreConnection = newstoreAccounts.testConnection(async ({ account, signal }) => {
  await externalOmsConfig(newstoreAccount(account), signal);
});
