// Account rate limit overrides through the service and the API's input schema, on a real Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RateLimitOverride } from "@/lib/rate-limits";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { createAccountInput, updateAccountInput } from "../api/routers/accounts.schema";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { findConnector } from "../connectors";
import { resolveAccountLimit } from "../runtime/rate-limit";
import * as accounts from "./accounts.service";

let t: TestDatabase;
let ctx: accounts.AccountsContext;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = { db: t.db, keys: testKeyRing(), workspaceId: await ensureDefaultWorkspace(t.db) };
});
afterAll(async () => {
  await t?.drop();
});

const values = { baseUrl: "https://api.example.com" };
const publicApi = (name: string, rateLimit?: RateLimitOverride) =>
  accounts.createAccount(ctx, {
    connectorId: "http",
    name,
    mode: "none",
    values,
    ...(rateLimit ? { rateLimit } : {}),
  });

describe("account rate limit overrides", () => {
  it("shows the connector's defaults until the account overrides them", async () => {
    const plain = await publicApi("Plain");
    expect(plain.rateLimit).toEqual({
      requestsPerSecond: 10,
      maxConcurrency: 5,
      overridden: { requestsPerSecond: false, maxConcurrency: false },
    });
    const slow = await publicApi("Slow", { requestsPerSecond: 0.5, maxConcurrency: null });
    expect(slow.rateLimit).toEqual({
      requestsPerSecond: 0.5,
      maxConcurrency: 5,
      overridden: { requestsPerSecond: true, maxConcurrency: false },
    });
    expect((await accounts.listAccounts(ctx)).map((account) => account.rateLimit.requestsPerSecond)).toEqual([10, 0.5]);
  });

  it("keeps what an edit leaves out, sets what it names and goes back to the default on null", async () => {
    const created = await publicApi("Edited", { requestsPerSecond: 3, maxConcurrency: 2 });
    const edit = (rateLimit?: RateLimitOverride) =>
      accounts.updateAccount(ctx, { id: created.id, values, ...(rateLimit ? { rateLimit } : {}) });

    expect((await edit()).rateLimit).toMatchObject({ requestsPerSecond: 3, maxConcurrency: 2 });
    expect((await edit({ maxConcurrency: 8 })).rateLimit).toMatchObject({ requestsPerSecond: 3, maxConcurrency: 8 });
    expect((await edit({ requestsPerSecond: null })).rateLimit).toEqual({
      requestsPerSecond: 10,
      maxConcurrency: 8,
      overridden: { requestsPerSecond: false, maxConcurrency: true },
    });
    const row = await t.db.account.findUniqueOrThrow({ where: { id: created.id } });
    expect([row.rateLimitPerSecond, row.rateLimitConcurrency]).toEqual([null, 8]);

    const http = findConnector("http");
    if (!http) throw new Error("the http connector must be registered");
    const limit = resolveAccountLimit(t.db, { workspaceId: ctx.workspaceId, accountId: created.id, connector: http });
    expect(await limit).toEqual({ accountId: created.id, requestsPerSecond: 10, maxConcurrency: 8 });
  });

  it("refuses limits the runtime cannot keep at the API's door", () => {
    const base = { connectorId: "http", name: "x", values: {} };
    expect(createAccountInput.safeParse({ ...base, rateLimit: { requestsPerSecond: 0 } }).success).toBe(false);
    expect(createAccountInput.safeParse({ ...base, rateLimit: { maxConcurrency: 1.5 } }).success).toBe(false);
    expect(createAccountInput.safeParse({ ...base, rateLimit: { maxConcurrency: 0 } }).success).toBe(false);
    const backToDefault = updateAccountInput.parse({ id: "a", values: {}, rateLimit: { requestsPerSecond: null } });
    expect(backToDefault.rateLimit).toEqual({ requestsPerSecond: null });
    expect(updateAccountInput.parse({ id: "a", values: {} }).rateLimit).toBeUndefined();
  });
});
