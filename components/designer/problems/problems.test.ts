import { mapping } from "@/lib/mapping";
import { describe, expect, it } from "vitest";
import { emptyFlowGraph, type FlowNode } from "@/lib/flow-graph";
import { buildManifest } from "@/server/connectors";
import { appendStep, connect, removeEdges, updateSettings } from "../graph/graph-edit";
import { referencedSteps } from "@/lib/templates";
import { computeProblems, listProblems } from "./problems";

const manifest = buildManifest();

describe("computeProblems", () => {
  it("names missing required fields, unknown actions and unreachable steps", () => {
    let { graph } = appendStep(emptyFlowGraph(), { connectorId: "http", operation: "request", inputs: {} });
    graph = appendStep(graph, { connectorId: "nope", operation: "gone", inputs: {} }).graph;
    graph = removeEdges(
      graph,
      graph.edges.filter((edge) => edge.target === "nope_gone_1").map((edge) => edge.id),
    );
    const problems = computeProblems(graph, manifest);
    expect(problems.get("http_request_1")).toEqual(["URL is required"]);
    expect(problems.get("nope_gone_1")).toEqual(["Unknown action nope.gone"]);
    expect(problems.has("trigger")).toBe(false);
  });

  it("names a required sub-field left empty in an order line, and an order without lines", () => {
    const order = (lines: unknown) =>
      appendStep(emptyFlowGraph(), {
        connectorId: "sterling",
        operation: "createOrder",
        inputs: { enterpriseCode: "DEFAULT", lines },
      }).graph;
    const messages = (lines: unknown) =>
      (computeProblems(order(lines), manifest).get("sterling_createOrder_1") ?? []).filter((message) =>
        message.includes("required"),
      );
    expect(messages([{ itemId: "SKU-1", quantity: 1 }, { quantity: 2 }])).toEqual([
      "Order lines › line 2 › Item ID is required",
    ]);
    expect(messages([])).toEqual(["Order lines is required"]);
    expect(messages("{{ trigger.lines }}")).toEqual([]);
  });

  it("reports Additional attributes that set what a filled form field sets, and nothing else", () => {
    const overlaps = (operation: string, inputs: Record<string, unknown>) => {
      const { graph } = appendStep(emptyFlowGraph(), { connectorId: "sterling", operation, inputs });
      return (computeProblems(graph, manifest).get(`sterling_${operation}_1`) ?? []).filter((message) =>
        message.includes("also sets"),
      );
    };
    const line = [{ itemId: "SKU-1", quantity: 1 }];
    expect(
      overlaps("createOrder", {
        enterpriseCode: "DEFAULT",
        orderNo: "A-1",
        lines: line,
        additionalAttributes: { OrderNo: "A-2", EnterpriseCode: "", OrderType: "ShipToHome", DocumentType: "0003" },
      }),
    ).toEqual([
      '"Additional attributes" sets OrderNo, which the filled field "Order number" also sets: remove one (the field wins)',
      '"Additional attributes" sets DocumentType, which the filled field "Document type" also sets: remove one (the field wins)',
    ]);
    expect(
      overlaps("createOrder", {
        enterpriseCode: "DEFAULT",
        lines: line,
        additionalAttributes: { CustomerEMailID: "a@example.com", PriceInfo: { Currency: "EUR" } },
      }),
    ).toEqual([]);
    // Built field by field, its fields' keys count the same.
    expect(
      overlaps("createOrder", {
        enterpriseCode: "DEFAULT",
        orderNo: "A-1",
        lines: line,
        additionalAttributes: mapping({
          value: {
            object: [
              { key: "OrderNo", value: "{{ trigger.no }}" },
              { key: "Notes", value: "x" },
            ],
          },
        }),
      }),
    ).toEqual([
      '"Additional attributes" sets OrderNo, which the filled field "Order number" also sets: remove one (the field wins)',
    ]);
    expect(
      overlaps("changeOrder", {
        orderHeaderKey: "K1",
        reasonText: "{{ trigger.reason }}",
        additionalAttributes: { ModificationReasonText: "Late", CustomerPONo: "PO-42" },
      }),
    ).toEqual([
      '"Additional attributes" sets ModificationReasonText, which the filled field "Reason" also sets: remove one (the field wins)',
    ]);
    expect(overlaps("changeOrder", { orderHeaderKey: "K1", additionalAttributes: "{{ trigger.extra }}" })).toEqual([]);
  });

  it("reports an unconnected step", () => {
    let { graph } = appendStep(emptyFlowGraph(), { connectorId: "core", operation: "log", inputs: { message: "hi" } });
    expect(computeProblems(graph, manifest).size).toBe(0);
    graph = removeEdges(
      graph,
      graph.edges.map((edge) => edge.id),
    );
    expect(computeProblems(graph, manifest).get("core_log_1")).toEqual([
      "Not connected to the trigger, so it never runs",
    ]);
  });

  it("asks for an account where the connector needs one and flags a deleted one", () => {
    let { graph } = appendStep(emptyFlowGraph(), {
      connectorId: "http",
      operation: "request",
      inputs: { url: "/orders" },
    });
    const chosen = (accountId: string) => ({
      ...graph,
      nodes: graph.nodes.map((node) => (node.id === "http_request_1" ? { ...node, accountId } : node)),
    });
    expect(computeProblems(graph, manifest, []).size).toBe(0);
    expect(computeProblems(chosen("a1"), manifest, [{ id: "a1", connectorId: "http" }]).size).toBe(0);
    expect(computeProblems(chosen("a1"), manifest, []).get("http_request_1")).toEqual([
      "The chosen account no longer exists",
    ]);
    expect(computeProblems(chosen("a1"), manifest, undefined).size).toBe(0);
    const needsAccount = {
      connectors: manifest.connectors.map((connector) =>
        connector.auth ? { ...connector, auth: { ...connector.auth, accountRequired: true } } : connector,
      ),
    };
    graph = chosen("a1");
    expect(
      computeProblems({ ...graph, nodes: graph.nodes.map(({ accountId: _, ...node }) => node) }, needsAccount, []).get(
        "http_request_1",
      ),
    ).toEqual(["Choose an account"]);
  });

  it("asks for no account on a trigger the application calls, and for NewStore's only while it registers", () => {
    const withTrigger = (trigger: Partial<FlowNode>) => {
      const graph = appendStep(emptyFlowGraph(), { connectorId: "core", operation: "log", inputs: { message: "x" } });
      return {
        ...graph.graph,
        nodes: graph.graph.nodes.map((node) => (node.type === "trigger" ? { ...node, ...trigger } : node)),
      };
    };
    const triggerProblems = (trigger: Partial<FlowNode>) =>
      computeProblems(withTrigger(trigger), manifest, []).get("trigger");
    expect(triggerProblems({ connectorId: "oracle", operation: "orderStatusUpdated" })).toBeUndefined();
    expect(triggerProblems({ connectorId: "oracle", operation: "salesOrderNotification" })).toBeUndefined();
    // An account left on such a trigger and since deleted is ignored, as Start ignores it.
    expect(
      triggerProblems({ connectorId: "oracle", operation: "orderStatusUpdated", accountId: "gone" }),
    ).toBeUndefined();
    expect(triggerProblems({ connectorId: "oracle", operation: "salesOrdersChanged" })).toContain("Choose an account");
    const newstore = { connectorId: "newstore", operation: "availabilityRequested" };
    expect(triggerProblems(newstore)).toEqual(["Choose an account"]);
    expect(triggerProblems({ ...newstore, inputs: { register: true } })).toEqual(["Choose an account"]);
    expect(triggerProblems({ ...newstore, inputs: { register: false } })).toBeUndefined();
  });

  it("flags an account of a connection mode the action cannot use", () => {
    const { graph } = appendStep(emptyFlowGraph(), { connectorId: "sterling", operation: "getOrderList", inputs: {} });
    const step = graph.nodes.find((node) => node.connectorId === "sterling");
    const chosen = { ...graph, nodes: graph.nodes.map((node) => (node === step ? { ...node, accountId: "q" } : node)) };
    const queue = { id: "q", connectorId: "sterling", name: "Queue", mode: "mq" };
    expect(computeProblems(chosen, manifest, [queue]).get(step?.id ?? "")).toContain(
      'The account "Queue" connects with "IBM MQ", which Retrieve orders cannot use: choose an account connected ' +
        'with "REST API" or "REST API (Basic)"',
    );
    expect(computeProblems(chosen, manifest, [{ ...queue, mode: "rest" }]).get(step?.id ?? "")).toBeUndefined();
  });

  it("marks control nodes without the paths they need and error settings without an error path", () => {
    let { graph } = appendStep(emptyFlowGraph(), {
      connectorId: "core",
      operation: "if",
      inputs: { condition: "{{ true }}" },
    });
    expect(computeProblems(graph, manifest).get("if_1")).toEqual(["An If needs a true or a false path"]);
    graph = appendStep(graph, { connectorId: "core", operation: "forEach", inputs: {} }).graph;
    expect(computeProblems(graph, manifest).get("if_1")).toBeUndefined();
    expect(computeProblems(graph, manifest).get("forEach_1")).toEqual([
      "Items is required",
      'A For each needs an "each" path: the steps to run for every item',
    ]);
    graph = appendStep(graph, { connectorId: "core", operation: "log", inputs: { message: "{{ item }}" } }).graph;
    graph = updateSettings(graph, "core_log_1", { onError: "branch" });
    expect(computeProblems(graph, manifest).get("core_log_1")).toEqual([
      "On error is set to take the error path, but no error path is connected",
    ]);
    graph = appendStep(graph, { connectorId: "core", operation: "respond", inputs: {} }).graph;
    graph = connect(graph, "core_log_1", "respond_1", "error");
    expect(computeProblems(graph, manifest).get("core_log_1")).toBeUndefined();
  });

  it("flags an expression JSONata cannot parse, naming the field", () => {
    const { graph } = appendStep(emptyFlowGraph(), {
      connectorId: "core",
      operation: "log",
      inputs: { message: "Total: {{ trigger.total + }}" },
    });
    expect(computeProblems(graph, manifest).get("core_log_1")).toEqual([
      expect.stringMatching(/^The expression in "message" is not valid: .+/),
    ]);
    const unclosed = appendStep(emptyFlowGraph(), {
      connectorId: "core",
      operation: "log",
      inputs: { message: "{{ trigger.total" },
    }).graph;
    expect(computeProblems(unclosed, manifest).get("core_log_1")).toEqual([
      'The expression in "message" is not valid: a {{ has no matching }}',
    ]);
  });

  it("flags a reference to a step that is not in the flow, also in nested values", () => {
    let { graph } = appendStep(emptyFlowGraph(), {
      connectorId: "core",
      operation: "log",
      inputs: { message: "{{ trigger.id }}" },
    });
    graph = appendStep(graph, {
      connectorId: "http",
      operation: "request",
      inputs: { url: "/x/{{ steps.core_log_1.message }}", headers: { "X-Order": "{{ steps.gone_1.id }}" } },
    }).graph;
    expect(computeProblems(graph, manifest).get("http_request_1")).toEqual([
      '"headers.X-Order" refers to step "gone_1", which is not in this flow',
    ]);
  });

  it("finds step references outside string literals only", () => {
    expect(referencedSteps('steps.a.x + steps.`b-2`.y & "steps.c" & order.steps.d & $steps.e')).toEqual(["a", "b-2"]);
  });

  it("lists every problem with the node's name, in flow order", () => {
    let { graph } = appendStep(emptyFlowGraph(), { connectorId: "http", operation: "request", inputs: {} });
    graph = appendStep(graph, { connectorId: "core", operation: "forEach", inputs: {} }).graph;
    graph = {
      ...graph,
      nodes: graph.nodes.map((node) => (node.id === "forEach_1" ? { ...node, label: "Each line" } : node)),
    };
    expect(listProblems(graph, computeProblems(graph, manifest), manifest)).toEqual([
      { nodeId: "http_request_1", nodeTitle: "Send request", message: "URL is required" },
      { nodeId: "forEach_1", nodeTitle: "Each line", message: "Items is required" },
      {
        nodeId: "forEach_1",
        nodeTitle: "Each line",
        message: 'A For each needs an "each" path: the steps to run for every item',
      },
    ]);
  });
});
