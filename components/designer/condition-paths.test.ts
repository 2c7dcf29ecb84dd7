import { describe, expect, it } from "vitest";
import { emptyFlowGraph } from "@/lib/flow-graph";
import { buildManifest } from "@/server/connectors";
import { conditionPaths } from "./condition-paths";
import { appendStep } from "./graph-edit";

const manifest = buildManifest();

describe("conditionPaths", () => {
  it("offers the trigger and the outputs of the steps before the If", () => {
    let { graph } = appendStep(emptyFlowGraph(), { connectorId: "http", operation: "request", inputs: { url: "/x" } });
    graph = appendStep(graph, { connectorId: "core", operation: "if", inputs: {} }).graph;
    const paths = conditionPaths(graph, "if_1", manifest);
    expect(paths).toContain("trigger");
    expect(paths).toContain("steps.http_request_1.status");
    expect(paths).not.toContain("steps.if_1.result");
    expect(conditionPaths(graph, "http_request_1", manifest).some((path) => path.startsWith("steps."))).toBe(false);
  });
});
