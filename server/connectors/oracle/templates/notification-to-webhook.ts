// Oracle template: POST holds and jeopardies Oracle Order Management notifies to a URL the user fills in (a service
// desk, a chat channel), so someone looks at the order.
import type { FlowTemplate } from "@/lib/connector-manifest";
import { chain } from "./graph";

export const notificationToWebhookTemplate: FlowTemplate = {
  id: "oracle-notification-to-webhook",
  name: "Oracle hold or jeopardy → POST to a webhook",
  description:
    "Receives Oracle Order Management's Sales Order Notification event for holds and jeopardies and sends the order " +
    "to a URL you choose.",
  graph: chain(
    {
      id: "trigger",
      connectorId: "oracle",
      operation: "salesOrderNotification",
      label: "Sales order notification",
      inputs: { username: "oracle", notificationTypes: ["HOLD", "JEOPARDY"] },
    },
    [
      {
        id: "post_alert",
        connectorId: "http",
        operation: "request",
        label: "POST the alert",
        inputs: {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body:
            '{ "order": "{{ trigger.OrderNumber }}", "orderKey": "{{ trigger.OrderKey }}", ' +
            '"notification": "{{ trigger.NotificationType }}", "businessUnit": "{{ trigger.BusinessUnitName }}", ' +
            '"status": "{{ trigger.StatusCode }}" }',
        },
      },
    ],
  ),
};
