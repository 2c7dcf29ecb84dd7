// The shape every "NewStore asks for availability → look it up → answer" template shares: NewStore's availability
// trigger (registering itself on Start), one lookup step that must answer within NewStore's seconds, and a Respond
// with one availability per requested product and location, zero for what the lookup did not find.
import type { FlowTemplate } from "@/lib/connector-manifest";
import type { FlowNode } from "@/lib/flow-graph";

/**
 * The Respond body: for each requested (product, location) pair, the sum of the lookup's matches (`hits`, a JSONata
 * path with `$pair` in scope, under `$$.steps.<lookup id>`), rounded with `round` and never below zero.
 */
export function availabilityAnswer(hits: string, round: "$round" | "$floor"): string {
  return (
    '{{ {"availabilities": [trigger.pairs.(' +
    "$pair := $; " +
    `$hit := ${hits}; ` +
    '{"product_id": product_id, "external_identifier": external_identifier, "fulfillment_location": fulfillment_location, ' +
    `"atp": $exists($hit) ? $max([0, ${round}($sum($hit.atp))]) : 0}` +
    ")]} }}"
  );
}

/** A template around `lookup` (a step placed and wired by this function) and the Respond body `answer`. */
export function availabilityTemplate(
  template: Pick<FlowTemplate, "id" | "name" | "description">,
  lookup: Omit<FlowNode, "position" | "type">,
  answer: string,
): FlowTemplate {
  return {
    ...template,
    graph: {
      schemaVersion: 1,
      nodes: [
        {
          id: "trigger",
          type: "trigger",
          position: { x: 0, y: 0 },
          connectorId: "newstore",
          operation: "availabilityRequested",
          label: "Availability requested",
          inputs: { register: true, timeoutSeconds: 10 },
        },
        { ...lookup, type: "action", position: { x: 0, y: 150 } },
        {
          id: "answer",
          type: "respond",
          position: { x: 0, y: 300 },
          connectorId: "core",
          operation: "respond",
          label: "Answer NewStore",
          inputs: { status: 200, headers: {}, body: answer },
        },
      ],
      edges: [
        { id: `trigger-${lookup.id}`, source: "trigger", target: lookup.id, sourceHandle: "next" },
        { id: `${lookup.id}-answer`, source: lookup.id, target: "answer", sourceHandle: "next" },
      ],
    },
  };
}
