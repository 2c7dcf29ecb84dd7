// Template: NewStore asks for availability (its external-OMS availability webhook) → IOM's ATP for the products →
// Respond. IOM promises per product (its ATP servlet has no notion of NewStore's fulfillment locations), so each
// requested location is answered with the product's ATP from IOM, and products IOM does not know with zero. When IOM
// cannot be reached, Check availability answers from the last known figures or zero (its fallback), so NewStore
// still gets an answer in time.
import type { FlowTemplate } from "@/lib/connector-manifest";

export const IOM_ATP_ANSWER_EXPRESSION =
  '{{ {"availabilities": [trigger.pairs.(' +
  "$pair := $; " +
  "$hit := $$.steps.atp.products[id = $pair.product_id]; " +
  '{"product_id": product_id, "external_identifier": external_identifier, "fulfillment_location": fulfillment_location, ' +
  '"atp": $exists($hit) ? $max([0, $floor($sum($hit.atp))]) : 0}' +
  ")]} }}";

export const newstoreAvailabilityFromIomTemplate: FlowTemplate = {
  id: "iom-newstore-availability",
  name: "NewStore asks for availability → answer from IOM",
  description:
    "Answers NewStore's availability webhook with IOM's available-to-promise quantity for each product (the same for " +
    "every location asked about), zero for products IOM does not know. Registers itself with NewStore on Start.",
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
      {
        id: "atp",
        type: "action",
        position: { x: 0, y: 150 },
        connectorId: "iom",
        operation: "checkAvailability",
        label: "Check availability in IOM",
        inputs: { productIds: "{{ trigger.products.product_id }}", onFailure: "answer", fallbackQuantity: 0 },
        // NewStore waits seconds: one try; Check availability answers from its fallback when IOM is out of reach.
        settings: { maxAttempts: 1, timeoutMs: 4_000, onError: "continue" },
      },
      {
        id: "answer",
        type: "respond",
        position: { x: 0, y: 300 },
        connectorId: "core",
        operation: "respond",
        label: "Answer NewStore",
        inputs: { status: 200, headers: {}, body: IOM_ATP_ANSWER_EXPRESSION },
      },
    ],
    edges: [
      { id: "trigger-atp", source: "trigger", target: "atp", sourceHandle: "next" },
      { id: "atp-answer", source: "atp", target: "answer", sourceHandle: "next" },
    ],
  },
};
