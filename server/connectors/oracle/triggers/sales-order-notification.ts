// Sales Order Notification: Oracle Order Management's business event for a significant development on an order: a
// status change of the order or a line, an attribute change, a split, a hold or a jeopardy. Received like Order
// Status Updated (Basic credentials, routing filters), and filtered by notification type as well.
import { z } from "zod";
import { defineWebhookTrigger, field, operationHints } from "../../sdk";
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
import { sampleNotificationEvent } from "./samples";

const notificationTypes = [
  "ORDER_HEADER_STATUS_UPDATE",
  "FULFILLMENT_LINE_STATUS_UPDATE",
  "ORDER_ATTRIBUTE_UPDATE",
  "HOLD",
  "JEOPARDY",
  "SPLIT",
] as const;

export const salesOrderNotificationTrigger = defineWebhookTrigger({
  key: "salesOrderNotification",
  kind: "webhook",
  // Oracle calls the flow with the flow's secret; nothing here calls Oracle, so no Oracle account is asked for.
  account: "none",
  label: "Sales order notification",
  description:
    "Starts the flow when Oracle Order Management notifies a development on an order (business event Sales Order " +
    "Notification): a status or attribute change, a split, a hold or a jeopardy.",
  group: "Business events",
  input: z
    .object({
      ...routingFields,
      notificationTypes: z
        .array(z.enum(notificationTypes))
        .default([])
        .meta(field({ title: "Notification types", description: "Empty: every type.", order: 5 })),
    })
    .meta(operationHints({ panel: "webhookAddress" })),
  output: businessEventData.extend({ NotificationType: z.string().nullable() }),
  authentication: { scheme: "basic", username: DEFAULT_EVENT_USER },
  authenticationFor: basicFor,
  body: businessEventBody,
  toTriggerData: ({ request }) => ({ NotificationType: null, ...toEventData(request.body) }),
  dedupeKey: ({ data }) => eventDedupeKey(data),
  accepts: ({ data, input }) =>
    routes(data, input) &&
    (input.notificationTypes.length === 0 || input.notificationTypes.some((type) => type === data.NotificationType)),
  businessKey: "{{ trigger.OrderNumber }}",
  sample: sampleNotificationEvent,
});
