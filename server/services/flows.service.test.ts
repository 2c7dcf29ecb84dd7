import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, ConfluxError, NotFoundError, ValidationError } from "@/lib/errors";
import type { FlowGraph } from "@/lib/flow-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { linearGraph } from "@/test/runtime/helpers";
import * as flows from "./flows.service";

let t: TestDatabase;
let workspaceId: string;
let otherWorkspaceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = await ensureDefaultWorkspace(t.db);
  otherWorkspaceId = (await t.db.workspace.create({ data: { name: "Other" } })).id;
});
afterAll(() => t.drop());

function graphCalling(url: string | undefined): FlowGraph {
  const inputs = { method: "GET", ...(url === undefined ? {} : { url }) };
  return linearGraph(
    { id: "trigger", connectorId: "core", operation: "manual" },
    { id: "call_api", connectorId: "http", operation: "request", inputs },
  );
}

describe("flows service", () => {
  it("keeps one default workspace across calls", async () => {
    expect(await ensureDefaultWorkspace(t.db)).toBe(workspaceId);
  });

  it("creates, lists, renames and deletes flows within the workspace only", async () => {
    const { id } = await flows.createFlow(t.db, workspaceId, "Orders to IOM");
    await flows.createFlow(t.db, otherWorkspaceId, "Someone else's flow");
    const listed = await flows.listFlows(t.db, workspaceId);
    expect(listed.map((flow) => flow.name)).toEqual(["Orders to IOM"]);
    expect(listed[0]).toMatchObject({ status: "draft", publishedVersionNumber: null, lastRun: null });

    await flows.renameFlow(t.db, workspaceId, id, "Sterling orders to IOM");
    expect((await flows.getFlow(t.db, workspaceId, id)).name).toBe("Sterling orders to IOM");
    await expect(flows.renameFlow(t.db, otherWorkspaceId, id, "Hijacked")).rejects.toBeInstanceOf(NotFoundError);
    await expect(flows.getFlow(t.db, otherWorkspaceId, id)).rejects.toBeInstanceOf(NotFoundError);

    await flows.deleteFlow(t.db, workspaceId, id);
    await expect(flows.getFlow(t.db, workspaceId, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("saves a valid draft and bumps its revision", async () => {
    const { id } = await flows.createFlow(t.db, workspaceId, "Draft");
    const saved = await flows.saveDraft(t.db, workspaceId, id, graphCalling("http://127.0.0.1:9/"), 0);
    expect(saved.draftRevision).toBe(1);
    const flow = await flows.getFlow(t.db, workspaceId, id);
    expect(flow.draft.nodes.map((node) => node.id)).toEqual(["trigger", "call_api"]);
  });

  it("refuses a graph that breaks the schema, names the field, and keeps the last good draft", async () => {
    const { id } = await flows.createFlow(t.db, workspaceId, "Broken");
    await flows.saveDraft(t.db, workspaceId, id, graphCalling("http://127.0.0.1:9/"), 0);
    const broken = { ...graphCalling("http://x/"), edges: [{ id: "e", source: "trigger", target: "nowhere" }] };
    const error = await flows.saveDraft(t.db, workspaceId, id, broken, 1).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error instanceof Error && error.message).toMatch(/edges\[0\] \(e\)\.target: .*"nowhere"/);
    const flow = await flows.getFlow(t.db, workspaceId, id);
    expect(flow.draftRevision).toBe(1);
    expect(flow.draft.nodes[1]?.inputs.url).toBe("http://127.0.0.1:9/");
  });

  it("refuses a save based on a stale revision instead of overwriting another tab's edit", async () => {
    const { id } = await flows.createFlow(t.db, workspaceId, "Two tabs");
    await flows.saveDraft(t.db, workspaceId, id, graphCalling("http://first.example/"), 0);
    await expect(
      flows.saveDraft(t.db, workspaceId, id, graphCalling("http://second.example/"), 0),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await flows.getFlow(t.db, workspaceId, id)).draft.nodes[1]?.inputs.url).toBe("http://first.example/");
  });

  it("refuses to start a flow with problems and names them", async () => {
    const { id } = await flows.createFlow(t.db, workspaceId, "No URL");
    await flows.saveDraft(t.db, workspaceId, id, graphCalling(undefined), 0);
    const error = await flows.startFlow(t.db, workspaceId, id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfluxError);
    expect(error instanceof ConfluxError && error.code).toBe("FLOW_INVALID");
    expect(error instanceof Error && error.message).toMatch(/url/i);
    expect((await flows.getFlow(t.db, workspaceId, id)).status).toBe("draft");
  });

  it("refuses to start a step whose account was deleted or belongs to another application", async () => {
    const insert = (id: string, connectorId: string) =>
      t.db.account.create({
        data: { id, workspaceId, connectorId, name: id, mode: "none", credentials: new Uint8Array(1), keyId: "k" },
      });
    await insert("acct-http", "http");
    await insert("acct-other", "sterling");
    const { id } = await flows.createFlow(t.db, workspaceId, "Accounts");
    const graph = graphCalling("/orders");
    const withAccount = (accountId: string): FlowGraph => ({
      ...graph,
      nodes: graph.nodes.map((node) => (node.id === "call_api" ? { ...node, accountId } : node)),
    });
    const startError = async (accountId: string, revision: number) => {
      await flows.saveDraft(t.db, workspaceId, id, withAccount(accountId), revision);
      const error = await flows.startFlow(t.db, workspaceId, id).catch((caught: unknown) => caught);
      return error instanceof ConfluxError ? `${error.code}: ${error.message}` : String(error);
    };
    expect(await startError("acct-gone", 0)).toBe(
      'FLOW_INVALID: The flow cannot start: Step "call_api" uses an account that no longer exists; choose another one',
    );
    expect(await startError("acct-other", 1)).toBe(
      'FLOW_INVALID: The flow cannot start: Step "call_api" uses an account of another application',
    );
    await flows.saveDraft(t.db, workspaceId, id, withAccount("acct-http"), 2);
    expect(await flows.startFlow(t.db, workspaceId, id)).toEqual({ versionNumber: 1 });
  });

  it("refuses to start a step whose account is of a connection mode its action cannot use", async () => {
    await t.db.account.create({
      data: { id: "acct-mq", workspaceId, connectorId: "sterling", name: "Queue", mode: "mq", keyId: "k" },
    });
    const { id } = await flows.createFlow(t.db, workspaceId, "Modes");
    const graph = linearGraph(
      { id: "trigger", connectorId: "core", operation: "manual" },
      { id: "orders", connectorId: "sterling", operation: "getOrderList", inputs: {}, accountId: "acct-mq" },
    );
    await flows.saveDraft(t.db, workspaceId, id, graph, 0);
    const error = await flows.startFlow(t.db, workspaceId, id).catch((caught: unknown) => caught);
    expect(error instanceof ConfluxError && error.message).toBe(
      'The flow cannot start: Step "orders": The account "Queue" connects with "IBM MQ", which Retrieve orders ' +
        'cannot use: choose an account connected with "REST API" or "REST API (Basic)"',
    );
  });

  it("publishes immutable numbered versions on Start and deactivates the trigger on Stop", async () => {
    const { id } = await flows.createFlow(t.db, workspaceId, "Publish");
    await flows.saveDraft(t.db, workspaceId, id, graphCalling("http://127.0.0.1:9/v1"), 0);
    expect(await flows.startFlow(t.db, workspaceId, id)).toEqual({ versionNumber: 1 });
    await flows.saveDraft(t.db, workspaceId, id, graphCalling("http://127.0.0.1:9/v2"), 1);
    expect(await flows.startFlow(t.db, workspaceId, id)).toEqual({ versionNumber: 2 });

    const versions = await t.db.flowVersion.findMany({ where: { flowId: id }, orderBy: { number: "asc" } });
    expect(JSON.stringify(versions[0]?.graph)).toContain("/v1");
    expect(JSON.stringify(versions[1]?.graph)).toContain("/v2");
    const flow = await flows.getFlow(t.db, workspaceId, id);
    expect(flow).toMatchObject({ status: "running", publishedVersion: { number: 2 } });
    expect(await t.db.triggerState.findUnique({ where: { flowId: id } })).toMatchObject({ active: true });

    await flows.stopFlow(t.db, workspaceId, id);
    expect((await flows.getFlow(t.db, workspaceId, id)).status).toBe("stopped");
    expect(await t.db.triggerState.findUnique({ where: { flowId: id } })).toMatchObject({ active: false });
  });
});
