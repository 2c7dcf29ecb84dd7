// runs.cancel, runs.replay and flows.setRetention as the browser calls them: inputs checked, errors mapped.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { callerContext } from "@/test/principal";
import { ensureDefaultWorkspace } from "../../db/workspaces.repository";
import { getRunQueue } from "../../runtime";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { appRouter } from "../root";
import { createCallerFactory } from "../trpc";

let t: TestDatabase;
let workspaceId: string;
const createCaller = createCallerFactory(appRouter);
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  workspaceId = await ensureDefaultWorkspace(t.db);
  caller = createCaller(callerContext(t.db, workspaceId));
});
afterAll(async () => {
  await (await getRunQueue()).stop();
  await t.drop();
});

async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

async function seededRun(status: "queued" | "succeeded") {
  const flow = await seedRunningFlow(t.db, linearGraph({ id: "trigger", connectorId: "core", operation: "manual" }), {
    workspaceId,
  });
  const run = await t.db.run.create({
    data: {
      workspaceId,
      flowId: flow.flowId,
      flowVersionId: flow.versionId,
      status,
      triggerKind: "manual",
      triggerData: { orderNo: "Z-9" },
      finishedAt: status === "succeeded" ? new Date() : null,
    },
  });
  return { ...flow, runId: run.id };
}

describe("runs API", () => {
  it("cancels a queued run once, then answers CONFLICT", async () => {
    const { runId } = await seededRun("queued");
    expect(await caller.runs.cancel({ id: runId })).toEqual({ id: runId, status: "cancelled" });
    const again = await trpcError(caller.runs.cancel({ id: runId }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toBe("This run was already cancelled: only a queued or running run can be cancelled.");
    expect((await trpcError(caller.runs.cancel({ id: "missing" }))).code).toBe("NOT_FOUND");
  });

  it("replays a finished run from the start by default and shows the link both ways", async () => {
    const { runId } = await seededRun("succeeded");
    const { runId: replayId } = await caller.runs.replay({ id: runId });
    const replay = await caller.runs.get({ id: replayId });
    expect(replay.run).toMatchObject({
      status: "queued",
      replayOfRunId: runId,
      replayOf: { id: runId },
      triggerData: { orderNo: "Z-9" },
    });
    expect((await caller.runs.get({ id: runId })).run.replays.map((link) => link.id)).toEqual([replayId]);
    const refused = await trpcError(caller.runs.replay({ id: runId, from: "failedStep", version: "same" }));
    expect(refused.code).toBe("CONFLICT");
    // @ts-expect-error: a browser can send anything; the input schema refuses what the types would not allow
    expect((await trpcError(caller.runs.replay({ id: runId, from: "middle" }))).code).toBe("BAD_REQUEST");
  });

  it("sets and clears a flow's retention, refusing days out of range", async () => {
    const { flowId } = await seededRun("succeeded");
    expect(await caller.flows.setRetention({ id: flowId, days: 14 })).toMatchObject({ days: 14 });
    expect(await caller.flows.retention({ id: flowId })).toEqual({ days: 14, defaultDays: 30 });
    expect(await caller.flows.setRetention({ id: flowId, days: null })).toMatchObject({ days: null });
    const invalid = await trpcError(caller.flows.setRetention({ id: flowId, days: 0 }));
    expect(invalid.code).toBe("BAD_REQUEST");
    expect((await trpcError(caller.flows.setRetention({ id: "missing", days: 5 }))).code).toBe("NOT_FOUND");
  });
});
