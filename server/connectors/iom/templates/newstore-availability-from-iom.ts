// Template: NewStore asks for availability (its external-OMS availability webhook) → IOM's ATP for the products →
// Respond. IOM promises per product (its ATP servlet has no notion of NewStore's fulfillment locations), so each
// requested location is answered with the product's ATP from IOM, and products IOM does not know with zero. When IOM
// cannot be reached, Check availability answers from the last known figures or zero (its fallback), so NewStore
// still gets an answer in time.
import type { FlowTemplate } from "@/lib/connector-manifest";
import { availabilityAnswer, availabilityTemplate } from "../../newstore/templates/availability-flow";

export const IOM_ATP_ANSWER_EXPRESSION = availabilityAnswer("$$.steps.atp.products[id = $pair.product_id]", "$floor");

export const newstoreAvailabilityFromIomTemplate: FlowTemplate = availabilityTemplate(
  {
    id: "iom-newstore-availability",
    name: "NewStore asks for availability → answer from IOM",
    description:
      "Answers NewStore's availability webhook with IOM's available-to-promise quantity for each product (the same for " +
      "every location asked about), zero for products IOM does not know. Registers itself with NewStore on Start.",
  },
  {
    id: "atp",
    connectorId: "iom",
    operation: "checkAvailability",
    label: "Check availability in IOM",
    inputs: { productIds: "{{ trigger.products.product_id }}", onFailure: "answer", fallbackQuantity: 0 },
    // NewStore waits seconds: one try; Check availability answers from its fallback when IOM is out of reach.
    settings: { maxAttempts: 1, timeoutMs: 4_000, onError: "continue" },
  },
  IOM_ATP_ANSWER_EXPRESSION,
);
