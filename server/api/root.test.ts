// The API as the browser meets it: domain errors arrive as tRPC errors with the right code and the user's message.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyFlowGraph } from "@/lib/flow-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { callerContext } from "@/test/principal";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { getRunQueue } from "../runtime";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";

let t: TestDatabase;
const createCaller = createCallerFactory(appRouter);
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  t = await createTestDatabase();
  // Run now reaches the process-wide queue, which connects to DATABASE_URL.
  process.env.DATABASE_URL = t.url;
  caller = createCaller(callerContext(t.db, await ensureDefaultWorkspace(t.db)));
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

describe("tRPC API", () => {
  it("creates, saves and reads back a flow", async () => {
    const { id } = await caller.flows.create({ name: "  Orders  " });
    const flow = await caller.flows.get({ id });
    expect(flow).toMatchObject({ name: "Orders", status: "draft", draftRevision: 0, publishedVersion: null });
    expect(flow.draft).toEqual(emptyFlowGraph());
    expect(await caller.flows.saveDraft({ id, graph: flow.draft, baseRevision: 0 })).toMatchObject({
      draftRevision: 1,
    });
    expect((await caller.flows.list()).map((listed) => listed.id)).toContain(id);
  });

  it("answers BAD_REQUEST naming the field for a graph that breaks the schema", async () => {
    const { id } = await caller.flows.create({ name: "Broken" });
    const graph = { ...emptyFlowGraph(), nodes: [{ ...emptyFlowGraph().nodes[0], type: "teleport" }] };
    const error = await trpcError(caller.flows.saveDraft({ id, graph, baseRevision: 0 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/nodes\[0\] \(trigger\)\.type/);
  });

  it("maps missing flows, stale saves, empty names and runs of drafts to their codes", async () => {
    expect((await trpcError(caller.flows.get({ id: "missing" }))).code).toBe("NOT_FOUND");
    expect((await trpcError(caller.flows.create({ name: "   " }))).code).toBe("BAD_REQUEST");
    const { id } = await caller.flows.create({ name: "Stale" });
    await caller.flows.saveDraft({ id, graph: emptyFlowGraph(), baseRevision: 0 });
    const stale = await trpcError(caller.flows.saveDraft({ id, graph: emptyFlowGraph(), baseRevision: 0 }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toMatch(/another tab/);
    const notRunning = await trpcError(caller.flows.runNow({ id }));
    expect(notRunning.code).toBe("PRECONDITION_FAILED");
  });

  it("serves the connector manifest with the HTTP request action and its account modes", async () => {
    const manifest = await caller.connectors.manifest();
    const http = manifest.connectors.find((connector) => connector.id === "http");
    expect(http?.actions.map((action) => action.key)).toContain("request");
    const modes = http?.auth?.modes.map((mode) => mode.key);
    expect(modes).toEqual(["none", "basic", "bearer", "apiKey", "clientCertificate"]);
  });

  it("maps account problems: missing field, duplicate name, account in use, unreadable credentials", async () => {
    const values = { baseUrl: "http://127.0.0.1:9" };
    const invalid = await trpcError(caller.accounts.create({ connectorId: "http", name: "A", mode: "basic", values }));
    expect(invalid.code).toBe("BAD_REQUEST");
    expect(invalid.message).toBe("User name is required");
    const account = await caller.accounts.create({ connectorId: "http", name: "A", mode: "none", values });
    const again = caller.accounts.create({ connectorId: "http", name: " A ", mode: "none", values });
    const duplicate = await trpcError(again);
    expect(duplicate.code).toBe("CONFLICT");

    const { id } = await caller.flows.create({ name: "Uses A" });
    const graph = emptyFlowGraph();
    graph.nodes.push({
      id: "call",
      type: "action",
      position: { x: 0, y: 150 },
      connectorId: "http",
      operation: "request",
      accountId: account.id,
      inputs: { url: "/x" },
    });
    graph.edges.push({ id: "e", source: "trigger", target: "call", sourceHandle: "next" });
    await caller.flows.saveDraft({ id, graph, baseRevision: 0 });
    await caller.flows.start({ id });
    const inUse = await trpcError(caller.accounts.delete({ id: account.id }));
    expect(inUse.code).toBe("CONFLICT");
    const flows = [{ flowId: id, flowName: "Uses A" }];
    expect(inUse.cause).toMatchObject({ code: "ACCOUNT_IN_USE", details: { flows } });

    await t.db.account.update({ where: { id: account.id }, data: { credentials: new Uint8Array(40) } });
    expect((await trpcError(caller.accounts.test({ id: account.id }))).code).toBe("PRECONDITION_FAILED");
    expect((await caller.accounts.list({})).find((listed) => listed.id === account.id)?.status).toBe("unreadable");
  });
});
