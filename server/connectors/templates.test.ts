import { describe, expect, it } from "vitest";
import { flowGraphSchema } from "@/lib/flow-graph";
import { validateGraphForStart } from "../runtime";
import { buildManifest, connectors } from ".";

const templates = connectors.flatMap((connector) =>
  (connector.templates ?? []).map((template) => ({ connector, template })),
);

// What a template may leave to the user: accounts and the fields only they know (the URLs of their own APIs).
const leftToTheUser = [/needs an account/, /field "url" is required/];

describe("connector templates", () => {
  it("offers a few, with ids unique across connectors, in the manifest", () => {
    expect(templates.length).toBeGreaterThanOrEqual(3);
    const ids = templates.map(({ template }) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    const listed = buildManifest().connectors.flatMap((connector) => connector.templates ?? []);
    expect(listed.map((template) => template.id).sort()).toEqual([...ids].sort());
  });

  it.each(templates.map(({ connector, template }) => [template.id, connector.id, template] as const))(
    "%s is a valid graph using its connector that can start once the user fills in their part",
    (_id, connectorId, template) => {
      expect(flowGraphSchema.parse(template.graph)).toEqual(template.graph);
      expect(template.graph.nodes.some((node) => node.connectorId === connectorId)).toBe(true);
      const problems = validateGraphForStart(template.graph).filter(
        (problem) => !leftToTheUser.some((pattern) => pattern.test(problem)),
      );
      expect(problems).toEqual([]);
    },
  );
});
