// The HTTP "new items" trigger against a local server that lists orders, as a shop or OMS endpoint would.
import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import type { ActionAccount, JsonValue, PollResult } from "../../sdk";
import { MAX_ITEMS_PER_POLL } from "./new-items-selection";
import { newItemsTrigger } from "./new-items";
import { listenOnLoopback } from "@/test/local-server";

interface Order {
  orderNo: string;
  updatedAt: string;
}

let server: http.Server;
let base: string;
let orders: Order[] = [];
let reply: (url: URL) => { status: number; body: unknown } = () => ({ status: 200, body: { data: { orders } } });
const seen: Array<{ url: URL; headers: http.IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://local");
    seen.push({ url, headers: req.headers });
    const { status, body } = reply(url);
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  });
  base = await listenOnLoopback(server);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  orders = [];
  seen.length = 0;
  reply = () => ({ status: 200, body: { data: { orders } } });
});

const warnings: string[] = [];
const log = { info: () => undefined, warn: (message: string) => void warnings.push(message), error: () => undefined };

async function poll(
  input: Record<string, unknown>,
  state: { cursor: JsonValue | null; since?: Date | null; account?: ActionAccount },
): Promise<PollResult> {
  return newItemsTrigger.poll({
    input: newItemsTrigger.input.parse(input),
    cursor: state.cursor,
    since: state.since ?? null,
    account: state.account,
    signal: new AbortController().signal,
    log,
  });
}

const keys = (result: PollResult) => result.items.map((item) => `${item.dedupeKey}@${item.version ?? ""}`);
const ordersInput = () => ({
  url: `${base}/orders`,
  itemsPath: "data.orders",
  keyField: "orderNo",
  versionField: "updatedAt",
});

describe("http.newItems", () => {
  it("marks what exists on a 'from now' first poll, then returns new items and new versions only, oldest first", async () => {
    orders = [{ orderNo: "A-1", updatedAt: "2026-03-01T10:00:00Z" }];
    const first = await poll(ordersInput(), { cursor: null });
    expect(first.items).toEqual([]);
    expect(first.nextCursor).toEqual({ highWater: "2026-03-01T10:00:00.000Z", seen: ["A-1@2026-03-01T10:00:00Z"] });

    // The server lists newest first; runs must still go oldest first.
    orders = [
      { orderNo: "A-3", updatedAt: "2026-03-01T10:07:00Z" },
      { orderNo: "A-2", updatedAt: "2026-03-01T10:05:00Z" },
      ...orders,
    ];
    const second = await poll(ordersInput(), { cursor: first.nextCursor });
    expect(keys(second)).toEqual(["A-2@2026-03-01T10:05:00Z", "A-3@2026-03-01T10:07:00Z"]);
    expect(second.items[0]?.data).toEqual({ orderNo: "A-2", updatedAt: "2026-03-01T10:05:00Z" });

    expect((await poll(ordersInput(), { cursor: second.nextCursor })).items).toEqual([]);

    const [changed] = orders;
    if (changed) changed.updatedAt = "2026-03-01T11:00:00Z";
    const fourth = await poll(ordersInput(), { cursor: second.nextCursor });
    expect(keys(fourth)).toEqual(["A-3@2026-03-01T11:00:00Z"]);
    expect(fourth.nextCursor).toMatchObject({ highWater: "2026-03-01T11:00:00.000Z" });
  });

  it("backfills the items changed after 'since' and sends the high-water mark in the since parameter", async () => {
    orders = [
      { orderNo: "B-1", updatedAt: "2026-02-01T00:00:00Z" },
      { orderNo: "B-2", updatedAt: "2026-02-10T00:00:00Z" },
    ];
    const input = { ...ordersInput(), sinceParam: "updatedSince" };
    const first = await poll(input, { cursor: null, since: new Date("2026-02-05T00:00:00Z") });
    expect(keys(first)).toEqual(["B-2@2026-02-10T00:00:00Z"]);
    expect(seen.at(-1)?.url.searchParams.get("updatedSince")).toBe("2026-02-05T00:00:00.000Z");
    await poll(input, { cursor: first.nextCursor });
    expect(seen.at(-1)?.url.searchParams.get("updatedSince")).toBe("2026-02-10T00:00:00.000Z");
  });

  it("returns at most one page of a large backfill and the rest on the next poll, losing none", async () => {
    orders = Array.from({ length: MAX_ITEMS_PER_POLL + 50 }, (_, index) => ({
      orderNo: `C-${index}`,
      updatedAt: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
    }));
    const first = await poll(ordersInput(), { cursor: null, since: new Date("2025-01-01T00:00:00Z") });
    const second = await poll(ordersInput(), { cursor: first.nextCursor });
    const third = await poll(ordersInput(), { cursor: second.nextCursor });
    expect(first.items).toHaveLength(MAX_ITEMS_PER_POLL);
    expect([...first.items, ...second.items].map((item) => item.dedupeKey)).toEqual(
      orders.map((order) => order.orderNo),
    );
    expect(third.items).toEqual([]);
  });

  it("keys items without a version by key alone and reads JSONata items paths", async () => {
    reply = () => ({
      status: 200,
      body: {
        result: [
          { id: 1, kind: "order" },
          { id: 2, kind: "note" },
          { id: 3, kind: "order" },
        ],
      },
    });
    const input = { url: `${base}/feed`, itemsPath: "result[kind = 'order']" };
    const first = await poll(input, { cursor: null, since: new Date(0) });
    expect(keys(first)).toEqual(["1@", "3@"]);
    expect(first.nextCursor).toEqual({ highWater: "1970-01-01T00:00:00.000Z", seen: ["1", "3"] });
  });

  it("uses the account's base URL and credentials for a path", async () => {
    orders = [{ orderNo: "D-1", updatedAt: "2026-03-01T10:00:00Z" }];
    const account = { id: "acc", mode: "bearer", credentials: { baseUrl: `${base}/api`, token: "s3cret-token" } };
    await poll({ ...ordersInput(), url: "/orders", headers: { authorization: "stale" } }, { cursor: null, account });
    expect(seen.at(-1)?.url.pathname).toBe("/api/orders");
    expect(seen.at(-1)?.headers.authorization).toBe("Bearer s3cret-token");
    const error = await poll({ ...ordersInput(), url: "/orders" }, { cursor: null }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "INPUT_INVALID", message: expect.stringContaining("is a path") });
  });

  it("fails in plain words on a server error, a reply that is not a list and a wrong key field", async () => {
    reply = () => ({ status: 503, body: "maintenance" });
    const down = await poll(ordersInput(), { cursor: null }).catch((caught: unknown) => caught);
    expect(down).toBeInstanceOf(ConfluxError);
    expect(down).toMatchObject({
      code: "REMOTE",
      retryable: true,
      message: expect.stringContaining("503 Service Unavailable"),
    });

    reply = () => ({ status: 200, body: { data: { orders: { count: 0 } } } });
    const notList = await poll(ordersInput(), { cursor: null }).catch((caught: unknown) => caught);
    expect(notList).toMatchObject({
      message: '"data.orders" in the reply is an object, not a list: set "Items path" to where the list of items is',
    });

    orders = [{ orderNo: "E-1", updatedAt: "2026-03-01T10:00:00Z" }];
    reply = () => ({ status: 200, body: { data: { orders } } });
    const noKey = await poll({ ...ordersInput(), keyField: "number" }, { cursor: null }).catch(
      (caught: unknown) => caught,
    );
    expect(noKey).toMatchObject({ code: "INPUT_INVALID", message: expect.stringContaining('has a "number" field') });
  });

  it("refuses an items path that is neither a dotted path nor JSONata, and intervals under 10 s", () => {
    const issues = (input: Record<string, unknown>) =>
      newItemsTrigger.input.safeParse({ url: base, ...input }).error?.issues.map((issue) => issue.path.join(".")) ?? [];
    expect(issues({ itemsPath: "data.(" })).toEqual(["itemsPath"]);
    expect(issues({ intervalSeconds: 5 })).toEqual(["intervalSeconds"]);
    expect(newItemsTrigger.input.parse({ url: base })).toMatchObject({
      intervalSeconds: 60,
      keyField: "id",
      itemsPath: "",
    });
  });
});
