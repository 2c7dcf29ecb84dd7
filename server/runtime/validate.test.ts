import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow-graph";
import { buildGraph, controlStep, logStep, manualTrigger } from "@/test/runtime/graph-fixtures";
import { linearGraph } from "@/test/runtime/helpers";
import { validateGraphForStart } from "./validate";

const manual = { id: "trigger", connectorId: "core", operation: "manual" };

describe("validateGraphForStart", () => {
  it("accepts a valid flow, with templates standing in for any type", () => {
    const graph = linearGraph(
      manual,
      {
        id: "fetch",
        connectorId: "http",
        operation: "request",
        inputs: {
          method: "{{ trigger.method }}",
          url: "https://x.test/{{ trigger.id }}",
          timeoutMs: "{{ 1000 }}",
          headers: "{{ trigger.headers }}",
        },
      },
      { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ steps.fetch.status }}" } },
    );
    expect(validateGraphForStart(graph)).toEqual([]);
  });

  it("names the node and field of inputs that fail their schema", () => {
    const graph = linearGraph(
      manual,
      {
        id: "fetch",
        label: "Fetch order",
        connectorId: "http",
        operation: "request",
        inputs: { method: "FETCH", timeoutMs: 999_999, headers: { A: 5, B: "{{ x }}" } },
      },
      { id: "note", connectorId: "core", operation: "log", inputs: {} },
    );
    expect(validateGraphForStart(graph)).toEqual([
      'Step "Fetch order": field "method" must be one of "GET"|"POST"|"PUT"|"PATCH"|"DELETE"|"HEAD"',
      'Step "Fetch order": field "url" is required',
      'Step "Fetch order": field "headers.A" must be a string, not a number',
      'Step "Fetch order": field "timeoutMs" must be at most 300000',
      'Step "note": field "message" is required',
    ]);
  });

  it("reports unknown connectors and operations, and events used as actions", () => {
    const graph = linearGraph(
      { id: "trigger", connectorId: "core", operation: "nope" },
      { id: "a", connectorId: "sap", operation: "createOrder" },
      { id: "b", connectorId: "core", operation: "schedule" },
    );
    expect(validateGraphForStart(graph)).toEqual([
      'The trigger "trigger" names an event that does not exist (core.nope)',
      'Step "a" names an action that does not exist (sap.createOrder)',
      'Step "b" names an event, not an action',
    ]);
  });

  it("checks expression syntax and trigger settings, which may not hold templates", () => {
    const graph = linearGraph(
      { id: "trigger", connectorId: "core", operation: "schedule", inputs: { mode: "cron", cron: "61 * * * *" } },
      { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ trigger.( }}" } },
    );
    const problems = validateGraphForStart(graph);
    expect(problems[0]).toMatch(/^The trigger "trigger": field "cron" is not valid: /);
    expect(problems[1]).toMatch(/^Step "note": The expression in "message" is not valid: /);
    const templated = linearGraph({ ...manual, operation: "schedule", inputs: { intervalSeconds: "{{ 5 }}" } });
    expect(validateGraphForStart(templated)).toEqual([
      'The trigger "trigger" cannot use {{ }} expressions in its settings',
    ]);
  });

  it("reports unreachable nodes, cycles, misconnected Ifs and error paths without the error policy", () => {
    const graph: FlowGraph = linearGraph(
      manual,
      { id: "a", connectorId: "core", operation: "log", inputs: { message: "a" } },
      { id: "b", connectorId: "core", operation: "log", inputs: { message: "b" } },
    );
    graph.nodes.push(
      {
        id: "lonely",
        type: "action",
        connectorId: "core",
        operation: "log",
        position: { x: 0, y: 0 },
        inputs: { message: "x" },
      },
      {
        id: "check",
        label: "Paid?",
        type: "if",
        connectorId: "core",
        operation: "if",
        position: { x: 0, y: 0 },
        inputs: {},
      },
    );
    graph.edges.push(
      { id: "loop", source: "b", target: "a", sourceHandle: "next" },
      { id: "toIf", source: "trigger", target: "check", sourceHandle: "next" },
    );
    expect(validateGraphForStart(graph)).toEqual([
      'Step "Paid?": field "condition" is required',
      'Step "Paid?": An If needs a true or a false path',
      'Step "lonely" is not connected to the trigger',
      'Step "a" is part of a cycle that leads back to itself',
      'Step "b" is part of a cycle that leads back to itself',
    ]);
    const withErrorPath = linearGraph(manual, {
      id: "a",
      connectorId: "core",
      operation: "log",
      inputs: { message: "a" },
    });
    withErrorPath.nodes.push({
      id: "b",
      type: "action",
      connectorId: "core",
      operation: "log",
      position: { x: 0, y: 0 },
      inputs: { message: "b" },
    });
    withErrorPath.edges.push({ id: "err", source: "a", target: "b", sourceHandle: "error" });
    expect(validateGraphForStart(withErrorPath)).toEqual([
      'Step "a": An error path is connected, but On error is not set to take it',
    ]);
  });
});

describe("validateGraphForStart with control nodes and step settings", () => {
  it("accepts If, For each and Respond with their paths, and an error path with onError branch", () => {
    const graph = buildGraph(
      [
        manualTrigger(),
        controlStep("if", "paid", { condition: "{{ trigger.paid }}" }),
        controlStep("forEach", "lines", { items: "{{ trigger.lines }}" }),
        logStep("line", "{{ item.sku }} #{{ index }}", { onError: "branch", maxAttempts: 5 }),
        logStep("lineFailed", "{{ steps.line.error.message }}"),
        controlStep("respond", "answer", {
          status: 202,
          headers: { "X-Order": "{{ trigger.no }}" },
          body: "{{ steps.lines }}",
        }),
        logStep("unpaid", "not paid"),
      ],
      [
        ["trigger", "paid"],
        ["paid", "lines", "true"],
        ["paid", "unpaid", "false"],
        ["lines", "line", "each"],
        ["line", "lineFailed", "error"],
        ["lines", "answer"],
      ],
    );
    expect(validateGraphForStart(graph)).toEqual([]);
  });

  it("requires the paths each control node needs and refuses paths it cannot have", () => {
    const graph = buildGraph(
      [
        manualTrigger(),
        controlStep("if", "check", { condition: true }),
        controlStep("forEach", "loop", { items: [1, 2] }),
        logStep("a", "a", { onError: "branch" }),
        controlStep("respond", "answer", {}),
      ],
      [
        ["trigger", "check", "error"],
        ["check", "loop", "next"],
        ["loop", "a", "next"],
        ["a", "answer", "true"],
      ],
    );
    expect(validateGraphForStart(graph)).toEqual([
      'The trigger "trigger": The trigger cannot have a "error" path (only "next")',
      'Step "check": An If cannot have a "next" path (only "true" or "false")',
      'Step "check": An If needs a true or a false path',
      'Step "loop": A For each needs an "each" path: the steps to run for every item',
      'Step "a": An action cannot have a "true" path (only "next" or "error")',
      'Step "a": On error is set to take the error path, but no error path is connected',
    ]);
  });

  it("checks control inputs, their connector and operation, and settings on control nodes", () => {
    const graph = buildGraph(
      [
        manualTrigger(),
        { ...controlStep("if", "check", { condition: "yes" }), settings: { maxAttempts: 2 } },
        { ...controlStep("respond", "answer", { status: 999, headers: { "Bad Name": "x" } }), label: "Answer" },
        { ...logStep("plain", "x"), operation: "if", inputs: { condition: true } },
        { ...controlStep("forEach", "loop", { items: "{{ trigger.items }}" }), operation: "log" },
      ],
      [
        ["trigger", "check"],
        ["check", "answer", "true"],
        ["answer", "plain"],
        ["plain", "loop"],
      ],
    );
    expect(validateGraphForStart(graph)).toEqual([
      'Step "check": field "condition" must be a boolean, not a string',
      'Step "Answer": field "status" must be at most 599',
      'Step "Answer": field "headers.Bad Name" must be a valid HTTP header name',
      'Step "plain" must be an If step to run core.if',
      'Step "loop" is a For each step but names core.log',
      'Step "check": Retry and error settings apply to actions only',
      'Step "loop": A For each needs an "each" path: the steps to run for every item',
    ]);
  });

  it("refuses steps that are both inside a loop and after it, and Responds that could answer twice", () => {
    const leaking = buildGraph(
      [
        manualTrigger(),
        controlStep("forEach", "loop", { items: "{{ trigger.items }}" }),
        logStep("inside", "{{ item }}"),
        logStep("after", "done"),
      ],
      [
        ["trigger", "loop"],
        ["loop", "inside", "each"],
        ["inside", "after"],
        ["loop", "after"],
      ],
    );
    expect(validateGraphForStart(leaking)).toEqual([
      'Step "after" is both inside the loop of "loop" and outside it: steps after a loop connect to the For each\'s next path',
    ]);

    const responding = buildGraph(
      [
        manualTrigger(),
        controlStep("forEach", "loop", { items: "{{ trigger.items }}" }),
        controlStep("respond", "perItem", {}),
        controlStep("if", "check", { condition: "{{ trigger.ok }}" }),
        controlStep("respond", "yes", {}),
        controlStep("respond", "no", {}),
        controlStep("respond", "again", {}),
      ],
      [
        ["trigger", "loop"],
        ["loop", "perItem", "each"],
        ["loop", "check"],
        ["check", "yes", "true"],
        ["check", "no", "false"],
        ["no", "again"],
      ],
    );
    // One Respond on each branch of an If is fine; two on one path are not.
    expect(validateGraphForStart(responding)).toEqual([
      'Step "perItem" responds inside the loop of "loop", which would answer once per item',
      'Step "again" would respond a second time: another Respond already answered on a path leading here',
    ]);
  });
});

describe("validateGraphForStart: accounts", () => {
  const note = { id: "note", connectorId: "core", operation: "log", inputs: { message: "hi" } };
  const accountProblems = (trigger: {
    connectorId: string;
    operation: string;
    inputs?: Record<string, unknown>;
    accountId?: string;
  }) =>
    validateGraphForStart(linearGraph({ id: "trigger", ...trigger }, note)).filter((problem) =>
      problem.includes("account"),
    );

  it("starts webhook triggers that the application calls without an account", () => {
    expect(accountProblems({ connectorId: "oracle", operation: "orderStatusUpdated" })).toEqual([]);
    expect(accountProblems({ connectorId: "oracle", operation: "salesOrderNotification" })).toEqual([]);
  });

  it("requires an account on a trigger that calls the application: a poll, or a registration on Start", () => {
    const needs = 'The trigger "trigger" needs an account: choose one of your';
    expect(accountProblems({ connectorId: "oracle", operation: "salesOrdersChanged" })).toEqual([
      `${needs} Oracle Order Management accounts`,
    ]);
    // NewStore's trigger registers itself by default.
    expect(accountProblems({ connectorId: "newstore", operation: "availabilityRequested" })).toEqual([
      `${needs} NewStore accounts`,
    ]);
    const registering = { connectorId: "newstore", operation: "availabilityRequested", inputs: { register: true } };
    expect(accountProblems(registering)).toEqual([`${needs} NewStore accounts`]);
    expect(accountProblems({ ...registering, inputs: { register: false } })).toEqual([]);
    expect(accountProblems({ ...registering, accountId: "a1" })).toEqual([]);
  });

  it("still requires an account on an application's action", () => {
    const graph = linearGraph(manual, { id: "get", connectorId: "oracle", operation: "getSalesOrder", inputs: {} });
    expect(validateGraphForStart(graph)).toContain(
      'Step "get" needs an account: choose one of your Oracle Order Management accounts',
    );
  });
});
