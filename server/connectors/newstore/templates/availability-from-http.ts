// NewStore template: NewStore asks for availability → look the products up in a stock service over HTTP → Respond
// with one availability per product and location, zero for anything the service did not list (or when it cannot be
// reached: the lookup continues on error and tries once, so the answer still comes well within NewStore's timeout).
import type { FlowTemplate } from "@/lib/connector-manifest";
import { availabilityAnswer, availabilityTemplate } from "./availability-flow";

/** The stock service's reply the template reads: { "stock": [{ product_id, fulfillment_location, atp }] }. */
export const STOCK_ANSWER_EXPRESSION = availabilityAnswer(
  "$$.steps.stock.body.stock[product_id = $pair.product_id and fulfillment_location = $pair.fulfillment_location]",
  "$round",
);

export const availabilityFromHttpTemplate: FlowTemplate = availabilityTemplate(
  {
    id: "newstore-availability-from-http",
    name: "NewStore asks for availability → answer from a stock service",
    description:
      'Answers NewStore\'s availability webhook from a stock service you choose (GET, replying {"stock": [{"product_id", ' +
      '"fulfillment_location", "atp"}]}), with zero for anything it does not list. Registers itself with NewStore on Start.',
  },
  {
    id: "stock",
    connectorId: "http",
    operation: "request",
    label: "Look up stock",
    inputs: {
      method: "GET",
      url:
        "https://stock.example.com/stock?products={{ $join(trigger.products.product_id, ',') }}" +
        "&locations={{ $join(trigger.fulfillment_locations, ',') }}",
      headers: { Accept: "application/json" },
    },
    // NewStore waits seconds, not minutes: one try, and on failure answer zero rather than fail the run.
    settings: { maxAttempts: 1, timeoutMs: 3_000, onError: "continue" },
  },
  STOCK_ANSWER_EXPRESSION,
);
