// Order Status Updated: Oracle Order Management's business event for a change of an order's status or of one of its
// fulfillment lines' statuses, received by webhook from the connector set up for it on "Manage External Interface
// Web Service Details" (Invocation Mode: Business Event), with Basic credentials: the user name below and the flow's
// secret. Routing filters let each flow take only the orders it handles; other events are acknowledged and dropped.
import { z } from "zod";
import { defineWebhookTrigger, operationHints } from "../../sdk";
import {
  basicFor,
  businessEventBody,
  businessEventData,
  DEFAULT_EVENT_USER,
  eventDedupeKey,
  routes,
  routingFields,
  toEventData,
} from "./business-event";
import { sampleStatusEvent } from "./samples";

export const orderStatusUpdatedTrigger = defineWebhookTrigger({
  key: "orderStatusUpdated",
  kind: "webhook",
  // Oracle calls the flow with the flow's secret; nothing here calls Oracle, so no Oracle account is asked for.
  account: "none",
  label: "Order status updated",
  description:
    "Starts the flow when Oracle Order Management reports that an order's status, or a fulfillment line's status, " +
    "changed (business event Order Status Updated), for the business units, source systems, organizations and " +
    "statuses you choose.",
  group: "Business events",
  // The panel shows the flow's address and secret to enter on Oracle's event connector.
  input: z.object(routingFields).meta(operationHints({ panel: "webhookAddress" })),
  output: businessEventData,
  authentication: { scheme: "basic", username: DEFAULT_EVENT_USER },
  authenticationFor: basicFor,
  body: businessEventBody,
  toTriggerData: ({ request }) => toEventData(request.body),
  dedupeKey: ({ data }) => eventDedupeKey(data),
  accepts: ({ data, input }) => routes(data, input),
  businessKey: "{{ trigger.OrderNumber }}",
  sample: sampleStatusEvent,
});
