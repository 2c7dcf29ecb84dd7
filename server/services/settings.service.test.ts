// The workspace's outbound allow-list on a real Postgres: saved entries normalised, bad ones named, and what a
// Test connection of the workspace may reach follows the saved list (refused before, reached after, refused again
// once the entry is removed).
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { listenUnlisted } from "@/test/local-server";
import { rejection } from "@/test/rejection";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import * as accounts from "./accounts.service";
import { getSettings, saveOutboundAllowList } from "./settings.service";

let t: TestDatabase;
let ctx: accounts.AccountsContext;
let server: http.Server;
let base: string;
let hits = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = { db: t.db, keys: testKeyRing(), workspaceId: await ensureDefaultWorkspace(t.db) };
  server = http.createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  // Not on this process's allow-list: only the workspace's list can open it.
  base = await listenUnlisted(server);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

describe("workspace outbound allow-list", () => {
  it("saves entries normalised and names the ones it cannot read", async () => {
    expect(await getSettings(ctx)).toEqual({ outboundAllowList: [] });
    const saved = await saveOutboundAllowList(ctx, [" 10.0.0.0/8 ", "Sterling.Corp.Local", "10.0.0.0/8", ""]);
    expect(saved.outboundAllowList).toEqual(["10.0.0.0/8", "sterling.corp.local"]);
    const bad = await rejection(saveOutboundAllowList(ctx, ["10.0.0.0/33", "http://x", "ok.example"]));
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.message).toContain('"10.0.0.0/33"');
    expect(bad.message).toContain('"http://x"');
    expect((await getSettings(ctx)).outboundAllowList).toEqual(["10.0.0.0/8", "sterling.corp.local"]);
  });

  it("decides what the workspace's Test connection may reach", async () => {
    const account = await accounts.createAccount(ctx, {
      connectorId: "http",
      name: "On-premises API",
      mode: "none",
      values: { baseUrl: base },
      test: true,
    });
    expect(account.status).toBe("failing");
    expect(account.statusMessage).toMatch(/^Conflux refused to connect to 127\.0\.0\.1: it is a loopback address/);
    expect(hits).toBe(0);

    await saveOutboundAllowList(ctx, [new URL(base).host]);
    expect((await accounts.testAccount(ctx, account.id)).status).toBe("connected");
    expect(hits).toBe(1);

    await saveOutboundAllowList(ctx, []);
    expect((await accounts.testAccount(ctx, account.id)).status).toBe("failing");
    expect(hits).toBe(1);
  });
});
