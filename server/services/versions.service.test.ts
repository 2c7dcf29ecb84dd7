import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { exportFlow } from "@/lib/flow-export";
import { emptyFlowGraph, type FlowGraph } from "@/lib/flow-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { toJsonInput } from "../db/json";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { linearGraph } from "@/test/runtime/helpers";
import { createFlowFromTemplate, importFlow } from "./flow-import.service";
import * as flows from "./flows.service";
import { recordPublisher } from "./actors.service";
import * as versions from "./versions.service";

let t: TestDatabase;
let workspaceId: string;
let otherWorkspaceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = await ensureDefaultWorkspace(t.db);
  otherWorkspaceId = (await t.db.workspace.create({ data: { name: "Other" } })).id;
});
afterAll(() => t.drop());

function graphCalling(url: string, accountId?: string): FlowGraph {
  return linearGraph(
    { id: "trigger", connectorId: "core", operation: "manual" },
    {
      id: "call_api",
      connectorId: "http",
      operation: "request",
      inputs: { method: "GET", url },
      ...(accountId ? { accountId } : {}),
    },
  );
}

/** A flow started twice, with the URL changed in between: versions 1 and 2. */
async function flowWithTwoVersions() {
  const { id } = await flows.createFlow(t.db, workspaceId, `Versions ${Math.random()}`);
  await flows.saveDraft(t.db, workspaceId, id, graphCalling("http://127.0.0.1:9/v1"), 0);
  await flows.startFlow(t.db, workspaceId, id);
  await flows.saveDraft(t.db, workspaceId, id, graphCalling("http://127.0.0.1:9/v2"), 1);
  await flows.startFlow(t.db, workspaceId, id);
  return id;
}

describe("versions service", () => {
  it("lists published versions newest first, leaving test snapshots out", async () => {
    const id = await flowWithTwoVersions();
    await t.db.flowVersion.create({
      data: { workspaceId, flowId: id, number: -1, graph: toJsonInput(emptyFlowGraph()), isTest: true },
    });
    const listed = await versions.listVersions(t.db, workspaceId, id);
    expect(listed.map((version) => [version.number, version.live])).toEqual([
      [2, true],
      [1, false],
    ]);
    // Who published: recorded by the API beside Start; versions from before sign-in have nobody.
    await recordPublisher(t.db, workspaceId, id, 2, "Ada Lovelace <ada@example.com>");
    const named = await versions.listVersions(t.db, workspaceId, id);
    expect(named.map((version) => version.publishedBy)).toEqual(["Ada Lovelace <ada@example.com>", null]);
    await expect(versions.listVersions(t.db, otherWorkspaceId, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("diffs two versions and a version against the draft", async () => {
    const id = await flowWithTwoVersions();
    const { diff } = await versions.diffVersions(t.db, workspaceId, id, 1, 2);
    expect(diff.nodesChanged).toEqual([{ id: "call_api", name: "request", fields: ["inputs.url"] }]);
    await flows.saveDraft(t.db, workspaceId, id, emptyFlowGraph(), 2);
    const toDraft = await versions.diffVersions(t.db, workspaceId, id, 2, "draft");
    expect(toDraft.diff.nodesRemoved.map((node) => node.id)).toEqual(["call_api"]);
    expect(toDraft.diff.edgesRemoved).toHaveLength(1);
    await expect(versions.diffVersions(t.db, workspaceId, id, 9, "draft")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("restores a version into the draft through the revision check", async () => {
    const id = await flowWithTwoVersions();
    const restored = await versions.restoreVersion(t.db, workspaceId, id, 1, 2);
    expect(restored.draftRevision).toBe(3);
    const flow = await flows.getFlow(t.db, workspaceId, id);
    expect(flow.draft.nodes[1]?.inputs.url).toBe("http://127.0.0.1:9/v1");
    // The designer still holds revision 2, but the restore saved revision 3: another tab's edit must not be lost.
    await expect(versions.restoreVersion(t.db, workspaceId, id, 2, 2)).rejects.toBeInstanceOf(ConflictError);
    expect((await flows.getFlow(t.db, workspaceId, id)).draftRevision).toBe(3);
  });
});

describe("flow import and templates", () => {
  it("imports an exported flow with the importer's own account", async () => {
    const account = await t.db.account.create({
      data: { workspaceId, connectorId: "http", name: "Orders API", mode: "none" },
    });
    const document = exportFlow("Imported orders", graphCalling("http://127.0.0.1:9/", "acc_from_elsewhere"));
    const { id } = await importFlow(t.db, workspaceId, { document, accounts: { http: account.id } });
    const flow = await flows.getFlow(t.db, workspaceId, id);
    expect(flow.name).toBe("Imported orders");
    expect(flow.draft.nodes.map((node) => node.accountId)).toEqual([undefined, account.id]);

    const later = await importFlow(t.db, workspaceId, { document, accounts: {}, name: "Choose later" });
    expect((await flows.getFlow(t.db, workspaceId, later.id)).draft.nodes[1]?.accountId).toBeUndefined();
  });

  it("refuses bad documents and accounts of another workspace or application", async () => {
    await expect(importFlow(t.db, workspaceId, { document: { format: "other" }, accounts: {} })).rejects.toThrow(
      /not a Conflux flow export|format/,
    );
    const document = exportFlow("Orders", graphCalling("http://127.0.0.1:9/"));
    const foreign = await t.db.account.create({
      data: { workspaceId: otherWorkspaceId, connectorId: "http", name: "Theirs", mode: "none" },
    });
    await expect(importFlow(t.db, workspaceId, { document, accounts: { http: foreign.id } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const sterling = await t.db.account.create({
      data: { workspaceId, connectorId: "sterling", name: "OMS", mode: "rest" },
    });
    await expect(importFlow(t.db, workspaceId, { document, accounts: { http: sterling.id } })).rejects.toThrow(/http/);
  });

  it("creates a flow from a template", async () => {
    const { id } = await createFlowFromTemplate(t.db, workspaceId, "Acknowledge", "core-order-acknowledgement");
    const flow = await flows.getFlow(t.db, workspaceId, id);
    expect(flow.draft.nodes.map((node) => node.type)).toEqual(["trigger", "if", "respond", "respond"]);
    await expect(createFlowFromTemplate(t.db, workspaceId, "Nope", "no-such-template")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
