import { describe, expect, it } from "vitest";
import { buildManifest } from "@/server/connectors";
import {
  applicationsNeedingAccounts,
  assignAccounts,
  exportFileName,
  exportFlow,
  parseFlowImport,
} from "./flow-export";
import { emptyFlowGraph, type FlowGraph, type FlowNode } from "./flow-graph";

const manifest = buildManifest();

function callNode(): FlowNode {
  return {
    id: "call_api",
    type: "action",
    position: { x: 0, y: 150 },
    connectorId: "http",
    operation: "request",
    label: "Call API",
    accountId: "acc_secret_123",
    inputs: { method: "GET", url: "https://example.test/orders" },
    sample: { customer: "Jane" },
  };
}

function flowWithAccount(...extra: FlowNode[]): FlowGraph {
  const graph = emptyFlowGraph();
  graph.nodes.push(callNode(), ...extra);
  graph.edges.push({ id: "e1", source: "trigger", target: "call_api", sourceHandle: "next" });
  return graph;
}

function importOf(document: unknown) {
  return parseFlowImport(JSON.stringify(document), manifest);
}

describe("flow export and import", () => {
  it("round-trips nodes and edges, without account ids or pinned samples", () => {
    const exported = exportFlow("Orders", flowWithAccount());
    const text = JSON.stringify(exported);
    expect(text).not.toContain("acc_secret_123");
    expect(text).not.toContain("Jane");
    expect(exported.graph.nodes[1]?.account).toEqual({ connectorId: "http" });

    const result = parseFlowImport(text, manifest);
    if (!result.ok) throw new Error(result.errors.join("; "));
    expect(result.flow.name).toBe("Orders");
    expect(result.flow.applications).toEqual(["http"]);
    const { accountId: _accountId, sample: _sample, ...callApi } = callNode();
    expect(result.flow.graph.nodes).toEqual([emptyFlowGraph().nodes[0], callApi]);
    expect(result.flow.graph.edges).toEqual(flowWithAccount().edges);
  });

  it("asks for no account for a trigger its application calls, but for one of its actions", () => {
    const graph = flowWithAccount();
    graph.nodes[0] = { ...emptyFlowGraph().nodes[0]!, connectorId: "oracle", operation: "orderStatusUpdated" };
    expect(applicationsNeedingAccounts(graph, manifest)).toEqual(["http"]);
    graph.nodes.push({ ...callNode(), id: "get", connectorId: "oracle", operation: "getSalesOrder", inputs: {} });
    expect(applicationsNeedingAccounts(graph, manifest)).toEqual(["http", "oracle"]);
  });

  it("assigns a chosen account to every step of its application", () => {
    const result = importOf(exportFlow("Orders", flowWithAccount()));
    if (!result.ok) throw new Error("expected a valid import");
    const graph = assignAccounts(result.flow.graph, { http: "acc_mine" });
    expect(graph.nodes.map((node) => node.accountId)).toEqual([undefined, "acc_mine"]);
    expect(assignAccounts(result.flow.graph, {}).nodes[1]?.accountId).toBeUndefined();
  });

  it("refuses a file that is not JSON", () => {
    expect(parseFlowImport("not json {", manifest)).toEqual({ ok: false, errors: [expect.stringMatching(/not JSON/)] });
  });

  it("refuses another format and another export version", () => {
    const good = exportFlow("Orders", flowWithAccount());
    expect(importOf({ hello: "world" })).toEqual({
      ok: false,
      errors: [expect.stringMatching(/not a Conflux flow export/)],
    });
    expect(importOf({ ...good, format: "n8n" })).toEqual({ ok: false, errors: [expect.stringMatching(/"n8n"/)] });
    expect(importOf({ ...good, version: 7 })).toEqual({ ok: false, errors: [expect.stringMatching(/version 7/)] });
    expect(importOf({ ...good, name: " " })).toEqual({
      ok: false,
      errors: [expect.stringMatching(/name: the flow has no name/)],
    });
  });

  it("names the field of a graph schema error", () => {
    const document = exportFlow("Orders", flowWithAccount());
    const text = JSON.stringify(document).replace('"position":{"x":0,"y":150}', '"position":{"x":"left","y":150}');
    const result = parseFlowImport(text, manifest);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toContain("nodes[1] (call_api).position.x");
  });

  it("lists unknown applications and actions", () => {
    const graph = flowWithAccount(
      { ...callNode(), id: "sap", connectorId: "sap", operation: "post" },
      { ...callNode(), id: "odd", label: "", operation: "teleport" },
    );
    const result = importOf(exportFlow("Orders", graph));
    expect(result).toEqual({
      ok: false,
      errors: [
        'Step "Call API" (sap) uses an unknown application "sap"',
        'Step odd uses an unknown HTTP action "teleport"',
      ],
    });
  });

  it("drops account ids a hand-edited file carries", () => {
    const text = JSON.stringify(exportFlow("Orders", flowWithAccount())).replace(
      '"id":"call_api",',
      '"id":"call_api","accountId":"acc_someone_else",',
    );
    const result = parseFlowImport(text, manifest);
    expect(result.ok).toBe(true);
    expect(text).toContain("acc_someone_else");
    expect(result.ok && result.flow.graph.nodes[1]?.accountId).toBeUndefined();
  });

  it("makes a safe file name", () => {
    expect(exportFileName("Orders / to IOM: v2")).toBe("Orders-to-IOM-v2.conflux-flow.json");
    expect(exportFileName("///")).toBe("flow.conflux-flow.json");
  });
});
