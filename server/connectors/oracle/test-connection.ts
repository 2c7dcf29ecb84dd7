// Test connection reads one sales order header (limit=1, fields=HeaderId): a read every Order Management user may
// make, which proves the address, the credentials and the privilege to view sales orders.
import { oracleAccount, oracleAccounts } from "./auth";
import { callOracle } from "./client";

export const testOracleConnection = oracleAccounts.testConnection(async ({ account, signal }) => {
  await callOracle(oracleAccount(account), {
    method: "GET",
    path: "",
    query: { limit: 1, fields: "HeaderId", onlyData: "true" },
    what: "the sales orders",
    signal,
    timeoutMs: 15_000,
  });
});
