// Sizes and characters the API refuses, through the real router on a real Postgres: each answer is the HTTP status
// tRPC sends (413 for size, 400 for depth and NUL) with a message that names the limit, and nothing is saved.
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { callerContext } from "@/test/principal";
import { buildGraph, logStep, manualTrigger } from "@/test/runtime/graph-fixtures";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { getRunQueue } from "../runtime";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";

let t: TestDatabase;
const createCaller = createCallerFactory(appRouter);
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  const workspaceId = await ensureDefaultWorkspace(t.db);
  caller = createCaller(callerContext(t.db, workspaceId));
});
afterAll(async () => {
  await (await getRunQueue()).stop();
  await t?.drop();
});

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { status: getHTTPStatusCodeFromError(error), message: error.message };
}

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let level = 0; level < depth; level += 1) value = { inner: value };
  return value;
}

const graphWith = (message: string) => buildGraph([manualTrigger(), logStep("note", message)], [["trigger", "note"]]);

describe("API input limits", () => {
  it("refuses a NUL in a flow name with 400, on create and rename", async () => {
    expect(await refusal(caller.flows.create({ name: "Orders\u0000" }))).toEqual({
      status: 400,
      message: expect.stringMatching(/NUL character/),
    });
    const flow = await caller.flows.create({ name: "Orders" });
    expect((await refusal(caller.flows.rename({ id: flow.id, name: "A\u0000B" }))).status).toBe(400);
    expect((await t.db.flow.findUniqueOrThrow({ where: { id: flow.id } })).name).toBe("Orders");
  });

  it("refuses a draft over CONFLUX_DRAFT_LIMIT_KB with 413, and a deep or NUL-holding one with 400", async () => {
    const flow = await caller.flows.create({ name: "Big draft" });
    const big = graphWith("x".repeat(2 * 1024 * 1024 + 10));
    expect(await refusal(caller.flows.saveDraft({ id: flow.id, graph: big, baseRevision: 0 }))).toEqual({
      status: 413,
      message: expect.stringMatching(
        /^The draft is 2\d{3} KB, more than the 2048 KB limit \(CONFLUX_DRAFT_LIMIT_KB\)$/,
      ),
    });
    const deep = { ...graphWith("hi"), extra: nested(100) };
    expect(await refusal(caller.flows.saveDraft({ id: flow.id, graph: deep, baseRevision: 0 }))).toEqual({
      status: 400,
      message: expect.stringMatching(/more than the limit of 64 \(CONFLUX_JSON_DEPTH_LIMIT\)/),
    });
    const nul = graphWith("hello\u0000world");
    expect(await refusal(caller.flows.saveDraft({ id: flow.id, graph: nul, baseRevision: 0 }))).toEqual({
      status: 400,
      message: expect.stringMatching(/NUL character \(\\u0000\) at nodes\[1\]\.inputs\.message/),
    });
    expect((await t.db.flow.findUniqueOrThrow({ where: { id: flow.id } })).draftRevision).toBe(0);
    // Just under the limits is fine.
    await caller.flows.saveDraft({ id: flow.id, graph: graphWith("y".repeat(1024 * 1024)), baseRevision: 0 });
  });

  it("refuses Test and Run now data over CONFLUX_TEST_PAYLOAD_LIMIT_KB with 413, deep or with NUL with 400", async () => {
    const flow = await caller.flows.create({ name: "Test data" });
    await caller.flows.saveDraft({ id: flow.id, graph: graphWith("hi"), baseRevision: 0 });
    const large = { blob: "z".repeat(1024 * 1024 + 1) };
    const tooLarge = await refusal(caller.flows.testRun({ id: flow.id, payload: large }));
    expect(tooLarge).toEqual({
      status: 413,
      message: expect.stringMatching(/more than the 1024 KB limit \(CONFLUX_TEST_PAYLOAD_LIMIT_KB\)/),
    });
    expect((await refusal(caller.flows.testRun({ id: flow.id, payload: nested(65) }))).status).toBe(400);
    expect((await refusal(caller.flows.testRun({ id: flow.id, payload: { a: "\u0000" } }))).status).toBe(400);
    expect((await refusal(caller.flows.runNow({ id: flow.id, payload: large }))).status).toBe(413);
    expect((await refusal(caller.flows.runNow({ id: flow.id, payload: nested(65) }))).status).toBe(400);
    expect(await t.db.run.count({ where: { flowId: flow.id } })).toBe(0);
  });
});
