// Sterling template: POST every new order to a webhook URL the user fills in (an ERP, a data lake, an iPaaS).
import type { FlowTemplate } from "@/lib/connector-manifest";
import { eventFlow } from "./event-flow";

export const newOrderToWebhookTemplate: FlowTemplate = {
  id: "sterling-new-order-to-webhook",
  name: "New order → POST to a webhook",
  description: "Sends each order created in Sterling, with its lines, as JSON to a URL you choose.",
  graph: eventFlow({ operation: "newOrder", label: "New order" }, [
    {
      id: "post_order",
      connectorId: "http",
      operation: "request",
      label: "POST the order",
      inputs: {
        method: "POST",
        headers: {},
        body:
          '{ "orderNo": "{{ trigger.OrderNo }}", "enterprise": "{{ trigger.EnterpriseCode }}", ' +
          '"total": "{{ trigger.PriceInfo.TotalAmount }}", "order": {{ $string(trigger) }} }',
      },
    },
  ]),
};
