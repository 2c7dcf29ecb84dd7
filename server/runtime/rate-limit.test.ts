// Per-account rate limits on a real Postgres, with two Prisma clients standing in for two worker processes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { buildManifest, findConnector } from "../connectors";
import { createDb, type Db } from "../db/client";
import { releaseSlot, tryTakeSlot } from "../db/rate-limit.repository";
import { resolveAccountLimit, withAccountLimit } from "./rate-limit";
import { rejection } from "@/test/rejection";

let t: TestDatabase;
let otherWorker: Db;
let workspaceId: string;
let accountCount = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  otherWorker = createDb(t.url);
  workspaceId = (await t.db.workspace.create({ data: { name: "Rate limits" } })).id;
});
afterAll(async () => {
  await otherWorker?.$disconnect();
  await t?.drop();
});

async function newAccount(overrides: { rateLimitPerSecond?: number; rateLimitConcurrency?: number } = {}) {
  accountCount += 1;
  const account = await t.db.account.create({
    data: { workspaceId, connectorId: "http", name: `Account ${accountCount}`, mode: "none", ...overrides },
  });
  return account.id;
}

/** A signal that never aborts, one per call as each step has its own. */
const never = () => new AbortController().signal;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** The most task starts that fall within any window of `windowMs`. */
function busiestWindow(starts: readonly number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (const [index, start] of sorted.entries()) {
    most = Math.max(most, sorted.filter((other, at) => at >= index && other < start + windowMs).length);
  }
  return most;
}

describe("withAccountLimit", () => {
  it("holds two workers together to the account's rate and concurrency", async () => {
    const accountId = await newAccount();
    const limit = { accountId, requestsPerSecond: 5, maxConcurrency: 3 };
    const starts: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const task = async () => {
      starts.push(Date.now());
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(250); // the remote call
      inFlight -= 1;
    };
    const fire = (db: Db, worker: string) =>
      Array.from({ length: 20 }, (_, index) =>
        withAccountLimit(db, { ...limit, holder: `${worker}:${index}`, signal: never() }, task),
      );
    await Promise.all([...fire(t.db, "a"), ...fire(otherWorker, "b")]);

    expect(starts).toHaveLength(40);
    // A full bucket (capacity 5) plus 5 refilled within the second; one more for the gap between the database's
    // grant and this process's clock reading on a loaded machine.
    expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(11);
    // The 35 calls after the first burst need 7 s of refill; unlimited, 3 at a time, they would take about 3 s.
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(6500);
    expect(maxInFlight).toBe(3);
    expect(await t.db.accountSlot.count({ where: { accountId } })).toBe(0);
  });

  it("lets calls through as fast as the slots turn over when only concurrency is limited", async () => {
    const accountId = await newAccount();
    let inFlight = 0;
    let maxInFlight = 0;
    const task = async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(50);
      inFlight -= 1;
    };
    const options = { accountId, requestsPerSecond: null, maxConcurrency: 2 };
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        withAccountLimit(index % 2 ? t.db : otherWorker, { ...options, holder: `c:${index}`, signal: never() }, task),
      ),
    );
    expect(maxInFlight).toBe(2);
    expect(await t.db.accountRateState.count({ where: { accountId } })).toBe(0);
  });

  it("hands out no more slots than the limit to bursts of takers on two workers", async () => {
    const accountId = await newAccount();
    // Open every pooled connection first, so the takers below really run side by side.
    await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 ? t.db : otherWorker).$queryRaw`SELECT 1`));
    for (const maxConcurrency of [1, 2, 3, 1, 2, 3]) {
      const take = (index: number) =>
        tryTakeSlot(index % 2 ? t.db : otherWorker, { accountId, maxConcurrency, holder: `${index}`, leaseMs: 60_000 });
      const attempts = await Promise.all(Array.from({ length: 20 }, (_, index) => take(index)));
      const held = attempts.flatMap((attempt) => (attempt.slot ? [attempt.slot.id] : []));
      expect(held.sort()).toEqual(Array.from({ length: maxConcurrency }, (_, slot) => `${accountId}:${slot}`));
      await t.db.accountSlot.deleteMany({ where: { accountId } });
    }
  });

  it("reclaims a slot whose holder died, and waits for a live one until its lease runs out", async () => {
    const accountId = await newAccount();
    const limit = { accountId, requestsPerSecond: null, maxConcurrency: 1 };
    // A worker takes the only slot and dies: it never renews or releases it, and the lease runs out.
    const dead = await tryTakeSlot(t.db, { ...limit, maxConcurrency: 1, holder: "dead-worker", leaseMs: 60_000 });
    expect(dead.slot).not.toBeNull();
    await t.db.accountSlot.updateMany({ where: { accountId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const holders = async () => {
      // The dead worker was only slow and now lets go of its slot: that must not free the slot taken over.
      if (dead.slot) await releaseSlot(otherWorker, dead.slot);
      return (await t.db.accountSlot.findMany({ where: { accountId } })).map((slot) => slot.holder);
    };
    const alive = { ...limit, holder: "alive", signal: AbortSignal.timeout(5_000) };
    expect(await withAccountLimit(t.db, alive, holders)).toEqual([expect.stringMatching(/^alive@/)]);

    const dying = await tryTakeSlot(t.db, { ...limit, maxConcurrency: 1, holder: "dying-worker", leaseMs: 1_500 });
    const { expiresAt } = await t.db.accountSlot.findFirstOrThrow({ where: { accountId } });
    expect(dying.slot).not.toBeNull();
    const startedAt = await withAccountLimit(
      otherWorker,
      { ...limit, holder: "next", signal: AbortSignal.timeout(10_000) },
      async () => Date.now(),
    );
    expect(startedAt).toBeGreaterThanOrEqual(expiresAt.getTime() - 50);
    expect(await t.db.accountSlot.count({ where: { accountId } })).toBe(0);
  });

  it("renews a held slot's lease while the task runs", async () => {
    const accountId = await newAccount();
    const expiries = await withAccountLimit(
      t.db,
      { accountId, requestsPerSecond: null, maxConcurrency: 1, holder: "long", signal: never(), leaseMs: 600 },
      async () => {
        const read = async () => (await t.db.accountSlot.findFirstOrThrow({ where: { accountId } })).expiresAt;
        const first = await read();
        await sleep(900); // longer than the lease: without renewal another worker could take the slot
        return { first, later: await read() };
      },
    );
    expect(expiries.later.getTime()).toBeGreaterThan(expiries.first.getTime());
  });

  it("rejects promptly with CANCELLED when aborted while waiting, releasing what it held", async () => {
    const accountId = await newAccount();
    const limit = { accountId, requestsPerSecond: 0.05, maxConcurrency: 2 };
    let ran = 0;
    const task = async () => {
      ran += 1;
    };
    await withAccountLimit(t.db, { ...limit, holder: "first", signal: never() }, task);

    // The bucket is empty for the next 20 s; the call holds a slot while it waits for the token.
    let started = Date.now();
    const waitingForToken = await rejection(
      withAccountLimit(otherWorker, { ...limit, holder: "second", signal: AbortSignal.timeout(300) }, task),
    );
    expect(waitingForToken).toMatchObject({ code: "CANCELLED", retryable: false });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await t.db.accountSlot.count({ where: { accountId } })).toBe(0);

    const holding = deferred();
    const oneSlot = { accountId, requestsPerSecond: null, maxConcurrency: 1 };
    const busy = withAccountLimit(t.db, { ...oneSlot, holder: "busy", signal: never() }, () => holding.promise);
    await expect.poll(() => t.db.accountSlot.count({ where: { accountId } })).toBe(1);
    // One waits for the slot on the other worker; two more queue behind each other on this one.
    const queue = (db: Db, holder: string, signal: AbortSignal) =>
      withAccountLimit(db, { ...oneSlot, holder, signal }, task);
    const elsewhere = queue(otherWorker, "elsewhere", AbortSignal.timeout(300));
    const firstInLine = queue(t.db, "first in line", never());
    const secondInLine = queue(t.db, "second in line", AbortSignal.timeout(300));
    started = Date.now();
    expect(await rejection(elsewhere)).toMatchObject({ code: "CANCELLED" });
    expect(await rejection(secondInLine)).toMatchObject({ code: "CANCELLED" });
    expect(Date.now() - started).toBeLessThan(5_000);
    // The one left in line still gets the slot once it is free.
    holding.resolve();
    await busy;
    await firstInLine;
    expect(ran).toBe(2);

    const aborted = AbortSignal.abort();
    expect(await rejection(withAccountLimit(t.db, { ...limit, holder: "x", signal: aborted }, task))).toMatchObject({
      code: "CANCELLED",
    });
    expect(ran).toBe(2);
    expect(await t.db.accountSlot.count({ where: { accountId } })).toBe(0);
  });

  it("runs the task untouched when nothing is limited", async () => {
    const accountId = await newAccount();
    const options = { accountId, requestsPerSecond: null, maxConcurrency: null, holder: "free", signal: never() };
    expect(await withAccountLimit(t.db, options, async () => "done")).toBe("done");
    expect(await t.db.accountRateState.count({ where: { accountId } })).toBe(0);
  });

  it("refuses a limit it could never keep instead of waiting forever", async () => {
    const accountId = await newAccount();
    const zero = { accountId, requestsPerSecond: 0, maxConcurrency: null, holder: "zero", signal: never() };
    expect(await rejection(withAccountLimit(t.db, zero, async () => "ran"))).toMatchObject({
      code: "VALIDATION",
      message: "The account's rate limit cannot be used (0): Requests per second must be more than 0",
    });
  });
});

describe("resolveAccountLimit", () => {
  const http = findConnector("http");
  const core = findConnector("core");
  if (!http || !core) throw new Error("the http and core connectors must be registered");

  it("publishes the connectors' declared defaults in the manifest, and none for undeclared ones", () => {
    const manifest = buildManifest().connectors;
    expect(manifest.find((connector) => connector.id === "http")?.rateLimit).toEqual({
      requestsPerSecond: 10,
      maxConcurrency: 5,
    });
    expect(manifest.find((connector) => connector.id === "core")).not.toHaveProperty("rateLimit");
  });

  it("takes the account's overrides over the connector's defaults, each on its own", async () => {
    const plain = await newAccount();
    const faster = await newAccount({ rateLimitPerSecond: 2.5 });
    const both = await newAccount({ rateLimitPerSecond: 40, rateLimitConcurrency: 1 });
    const resolve = (accountId: string, connector = http) =>
      resolveAccountLimit(t.db, { workspaceId, accountId, connector });

    expect(await resolve(plain)).toEqual({ accountId: plain, requestsPerSecond: 10, maxConcurrency: 5 });
    expect(await resolve(faster)).toEqual({ accountId: faster, requestsPerSecond: 2.5, maxConcurrency: 5 });
    expect(await resolve(both)).toEqual({ accountId: both, requestsPerSecond: 40, maxConcurrency: 1 });
    // A connector without a declaration is unlimited, except where the account sets a limit itself.
    expect(await resolve(plain, core)).toEqual({ accountId: plain, requestsPerSecond: null, maxConcurrency: null });
    expect(await resolve(faster, core)).toEqual({ accountId: faster, requestsPerSecond: 2.5, maxConcurrency: null });
    // Another workspace's account lends nothing of its settings.
    const elsewhere = await resolveAccountLimit(t.db, { workspaceId: "another", accountId: both, connector: http });
    expect(elsewhere).toEqual({ accountId: both, requestsPerSecond: 10, maxConcurrency: 5 });
  });
});
