// claimRun on a real Postgres: the lock, the lease and the load in one statement, each only if the part before it
// succeeded, and the lock of a run the connection ended before let go on the way.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { linearGraph, saveRunRow, seedRunningFlow } from "@/test/runtime/helpers";
import { claimRun } from "./run-claim.repository";
import { createSqlPool, preparedStatements } from "./sql";

let t: TestDatabase;
let pool: pg.Pool;
let flow: { workspaceId: string; flowId: string; versionId: string };
const owner = "worker-a";
const LEASE_MS = 30_000;

beforeAll(async () => {
  t = await createTestDatabase();
  pool = createSqlPool(t.url, { max: 4, applicationName: "claim-test" });
  flow = await seedRunningFlow(
    t.db,
    linearGraph(
      { id: "trigger", connectorId: "core", operation: "manual" },
      { id: "note", connectorId: "core", operation: "log" },
    ),
  );
});
afterAll(async () => {
  await pool?.end();
  await t?.drop();
});

const createRun = (data: Parameters<typeof saveRunRow>[2] = {}) =>
  saveRunRow(t.db, flow, { triggerData: { orderNo: "A-1" }, ...data });

/** Whether another session could take the run's lock now (it lets it go again at once). */
async function lockIsFree(runId: string): Promise<boolean> {
  const other = new pg.Client({ connectionString: t.url });
  await other.connect();
  try {
    const { rows } = await other.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
      [runId],
    );
    return rows[0]?.locked === true;
  } finally {
    await other.end();
  }
}

async function withClient<T>(task: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await task(client);
  } finally {
    client.release(true);
  }
}

describe("claimRun", () => {
  it("locks, leases and loads a queued run with its checkpoints in one statement", async () => {
    const runId = await createRun();
    await t.db.stepRun.create({
      data: {
        workspaceId: flow.workspaceId,
        runId,
        stepId: "trigger",
        sequence: 0,
        connectorId: "core",
        operation: "manual",
        status: "succeeded",
        output: { orderNo: "A-1" },
      },
    });
    await withClient(async (client) => {
      const claim = await claimRun(preparedStatements(client), runId, owner, LEASE_MS);
      expect(claim).toMatchObject({
        locked: true,
        lease: { workerStops: 0 },
        run: {
          id: runId,
          status: "running",
          triggerData: { orderNo: "A-1" },
          steps: [{ stepId: "trigger", status: "succeeded", output: { orderNo: "A-1" }, attempts: 1 }],
        },
      });
      const stored = await t.db.run.findUniqueOrThrow({ where: { id: runId } });
      expect(stored).toMatchObject({ status: "running", leaseOwner: owner });
      expect(stored.startedAt).not.toBeNull();
      expect(await lockIsFree(runId)).toBe(false);
    });
    // The session ended with the client: its lock went with it.
    expect(await lockIsFree(runId)).toBe(true);
  });

  it("does nothing else when another executor holds the run's lock", async () => {
    const runId = await createRun();
    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [runId]);
      const claim = await withClient((client) => claimRun(preparedStatements(client), runId, owner, LEASE_MS));
      expect(claim).toEqual({ locked: false });
      expect(await t.db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
        status: "queued",
        leaseOwner: null,
      });
    } finally {
      await holder.end();
    }
  });

  it("reports a live lease held by another worker, a finished run and a missing run without leasing them", async () => {
    const leased = await createRun({
      status: "running",
      leaseOwner: "worker-b",
      leaseExpiresAt: new Date(Date.now() + 60_000),
    });
    const finished = await createRun({ status: "succeeded" });
    await withClient(async (client) => {
      const sql = preparedStatements(client);
      expect(await claimRun(sql, leased, owner, LEASE_MS)).toEqual({
        locked: true,
        lease: null,
        status: "running",
        leaseOwner: "worker-b",
      });
      expect(await claimRun(sql, finished, owner, LEASE_MS)).toMatchObject({ lease: null, status: "succeeded" });
      expect(await claimRun(sql, "no-such-run", owner, LEASE_MS)).toMatchObject({ lease: null, status: null });
    });
    expect(await t.db.run.findUniqueOrThrow({ where: { id: leased } })).toMatchObject({ leaseOwner: "worker-b" });
  });

  it("takes over a lease that ran out and counts the stop of the worker that held it", async () => {
    const runId = await createRun({
      status: "running",
      leaseOwner: "worker-dead",
      leaseExpiresAt: new Date(Date.now() - 60_000),
    });
    const claim = await withClient((client) => claimRun(preparedStatements(client), runId, owner, LEASE_MS));
    expect(claim).toMatchObject({ locked: true, lease: { workerStops: 1 }, run: { id: runId } });
    expect(await t.db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      leaseOwner: owner,
      workerStops: 1,
    });
  });

  it("lets go of the lock of the run the connection executed before, then takes the new one", async () => {
    const first = await createRun();
    const second = await createRun();
    await withClient(async (client) => {
      const sql = preparedStatements(client);
      await claimRun(sql, first, owner, LEASE_MS);
      expect(await lockIsFree(first)).toBe(false);
      // The same connection claims its next run: the first run's lock is let go in that statement.
      expect(await claimRun(sql, second, owner, LEASE_MS)).toMatchObject({ locked: true, lease: { workerStops: 0 } });
      expect(await lockIsFree(first)).toBe(true);
      expect(await lockIsFree(second)).toBe(false);
      // Claimed again by the connection that holds it, the lock is still held once, not twice.
      await claimRun(sql, second, owner, LEASE_MS);
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [second]);
      expect(await lockIsFree(second)).toBe(true);
    });
  });
});
