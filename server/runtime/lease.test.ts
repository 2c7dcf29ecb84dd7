// Leases on a real Postgres: taken, renewed and cleared around an execution; respected while live, taken over once
// expired; and an execution that loses its lease to another worker stops.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { LeaseLostError, newWorkerId, runUnderLease } from "./lease";
import { useTimeZoneOtherThanUtc } from "@/test/runtime/time-zone";
import { linearGraph, saveRunRow, seedRunningFlow, waitFor } from "@/test/runtime/helpers";

let t: TestDatabase;
let flow: { workspaceId: string; flowId: string; versionId: string };
const logLines: string[] = [];
const log = (line: string) => logLines.push(line);
const noShutdown = new AbortController().signal;

beforeAll(async () => {
  t = await createTestDatabase();
  await useTimeZoneOtherThanUtc(t.url);
  flow = await seedRunningFlow(
    t.db,
    linearGraph(
      { id: "trigger", connectorId: "core", operation: "manual" },
      { id: "note", connectorId: "core", operation: "log" },
    ),
  );
});
afterAll(async () => {
  await t?.drop();
});

const createRun = (data: Parameters<typeof saveRunRow>[2] = {}) => saveRunRow(t.db, flow, data);

const leaseOf = (runId: string) =>
  t.db.run.findUniqueOrThrow({ where: { id: runId }, select: { leaseOwner: true, leaseExpiresAt: true } });

describe("runUnderLease", () => {
  it("holds the lease for 30 s from the database's clock while executing, and clears it after", async () => {
    const runId = await createRun();
    const owner = newWorkerId();
    let during: Awaited<ReturnType<typeof leaseOf>> | undefined;
    const outcome = await runUnderLease(t.db, runId, { owner, signal: noShutdown, log }, async () => {
      during = await leaseOf(runId);
    });
    expect(outcome).toBe("ran");
    expect(owner).toMatch(new RegExp(`:${process.pid}:[0-9a-f]{8}$`));
    expect(during?.leaseOwner).toBe(owner);
    // Stored like every other timestamp (UTC), so it reads back as about now + 30 s here too.
    expect(Math.abs((during?.leaseExpiresAt?.getTime() ?? 0) - (Date.now() + 30_000))).toBeLessThan(5_000);
    expect(await leaseOf(runId)).toEqual({ leaseOwner: null, leaseExpiresAt: null });
  });

  it("renews the lease while the execution lasts", async () => {
    const runId = await createRun();
    const owner = newWorkerId();
    await runUnderLease(t.db, runId, { owner, signal: noShutdown, log, leaseMs: 2_000, renewMs: 100 }, async () => {
      const first = (await leaseOf(runId)).leaseExpiresAt?.getTime() ?? 0;
      const renewed = await waitFor(async () => {
        const lease = await leaseOf(runId);
        return (lease.leaseExpiresAt?.getTime() ?? 0) > first + 150 ? lease : undefined;
      }, "the lease to be renewed");
      expect(renewed.leaseOwner).toBe(owner);
    });
    expect((await leaseOf(runId)).leaseOwner).toBeNull();
  });

  it("steps aside while another worker's lease is live, without executing", async () => {
    const leaseExpiresAt = new Date(Date.now() + 60_000);
    const runId = await createRun({ status: "running", leaseOwner: "other:1:aaaa", leaseExpiresAt });
    let executed = false;
    const outcome = await runUnderLease(t.db, runId, { owner: newWorkerId(), signal: noShutdown, log }, async () => {
      executed = true;
    });
    expect(outcome).toBe("leased-elsewhere");
    expect(executed).toBe(false);
    expect(await leaseOf(runId)).toEqual({ leaseOwner: "other:1:aaaa", leaseExpiresAt });
    expect(logLines).toContain(`run ${runId} is leased by other:1:aaaa; this delivery steps aside`);
  });

  it("takes over a lease that expired (its worker died)", async () => {
    const leaseExpiresAt = new Date(Date.now() - 1_000);
    const runId = await createRun({ status: "running", leaseOwner: "dead:1:bbbb", leaseExpiresAt });
    const owner = newWorkerId();
    let holder: string | null = null;
    const outcome = await runUnderLease(t.db, runId, { owner, signal: noShutdown, log }, async () => {
      holder = (await leaseOf(runId)).leaseOwner;
    });
    expect(outcome).toBe("ran");
    expect(holder).toBe(owner);
  });

  it("aborts the execution when a renewal finds the lease taken by another worker", async () => {
    const runId = await createRun({ status: "running" });
    const owner = newWorkerId();
    let reason: unknown;
    const outcome = await runUnderLease(
      t.db,
      runId,
      { owner, signal: noShutdown, log, renewMs: 100 },
      async (signal) => {
        await t.db.run.update({ where: { id: runId }, data: { leaseOwner: "thief:2:cccc" } });
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
        reason = signal.reason;
        throw signal.reason;
      },
    );
    expect(outcome).toBe("lease-lost");
    expect(reason).toBeInstanceOf(LeaseLostError);
    // The new holder's lease is left alone.
    expect((await leaseOf(runId)).leaseOwner).toBe("thief:2:cccc");
    expect(logLines).toContain(`run ${runId}: another worker took over its lease; this worker stops executing it`);
  });

  it("lets a shutdown abort through, so the job is retried, and frees the lease for the retry", async () => {
    const runId = await createRun({ status: "running" });
    const shutdown = new AbortController();
    const lease = { owner: newWorkerId(), signal: shutdown.signal, log };
    const failure = await runUnderLease(t.db, runId, lease, async (signal) => {
      shutdown.abort(new Error("worker stopping"));
      expect(signal.aborted).toBe(true);
      throw signal.reason;
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: "worker stopping" });
    expect(await leaseOf(runId)).toEqual({ leaseOwner: null, leaseExpiresAt: null });
  });

  it("executes a finished run without leasing it, leaving the executor to skip it", async () => {
    const runId = await createRun({ status: "succeeded" });
    let executed = false;
    const outcome = await runUnderLease(t.db, runId, { owner: newWorkerId(), signal: noShutdown, log }, async () => {
      executed = true;
      expect((await leaseOf(runId)).leaseOwner).toBeNull();
    });
    expect(outcome).toBe("ran");
    expect(executed).toBe(true);
  });
});
