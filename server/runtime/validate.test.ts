import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow-graph";
import { linearGraph } from "./test-helpers";
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
        inputs: { method: "{{ trigger.method }}", url: "https://x.test/{{ trigger.id }}", timeoutMs: "{{ 1000 }}",
          headers: "{{ trigger.headers }}" },
      },
      { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ steps.fetch.status }}" } },
    );
    expect(validateGraphForStart(graph)).toEqual([]);
  });

  it("names the node and field of inputs that fail their schema", () => {
    const graph = linearGraph(
      manual,
      { id: "fetch", label: "Fetch order", connectorId: "http", operation: "request",
        inputs: { method: "FETCH", timeoutMs: 999_999, headers: { A: 5, B: "{{ x }}" } } },
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

  it("reports unreachable nodes, loops, steps that cannot run yet and error paths", () => {
    const graph: FlowGraph = linearGraph(
      manual,
      { id: "a", connectorId: "core", operation: "log", inputs: { message: "a" } },
      { id: "b", connectorId: "core", operation: "log", inputs: { message: "b" } },
    );
    graph.nodes.push(
      { id: "lonely", type: "action", connectorId: "core", operation: "log", position: { x: 0, y: 0 }, inputs: { message: "x" } },
      { id: "check", label: "Paid?", type: "if", connectorId: "core", operation: "if", position: { x: 0, y: 0 }, inputs: {} },
    );
    graph.edges.push(
      { id: "loop", source: "b", target: "a", sourceHandle: "next" },
      { id: "toIf", source: "trigger", target: "check", sourceHandle: "next" },
    );
    expect(validateGraphForStart(graph)).toEqual([
      'Step "Paid?" is an If step, which Conflux cannot run yet',
      'Step "lonely" is not connected to the trigger',
      'Step "a" is part of a loop',
      'Step "b" is part of a loop',
    ]);
    const withErrorPath = linearGraph(manual, { id: "a", connectorId: "core", operation: "log", inputs: { message: "a" } });
    withErrorPath.nodes.push({ id: "b", type: "action", connectorId: "core", operation: "log", position: { x: 0, y: 0 },
      inputs: { message: "b" } });
    withErrorPath.edges.push({ id: "err", source: "a", target: "b", sourceHandle: "error" });
    expect(validateGraphForStart(withErrorPath)).toEqual(['Step "a" has an error path, which Conflux cannot run yet']);
  });
});
