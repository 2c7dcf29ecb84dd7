// IOM template: POST each change of an order's state in IOM to a webhook URL the user fills in (a shop, a CRM).
import type { FlowTemplate } from "@/lib/connector-manifest";
import { chain } from "./graph";

export const orderStateToWebhookTemplate: FlowTemplate = {
  id: "iom-order-state-to-webhook",
  name: "IOM order state changed → POST to a webhook",
  description:
    "Sends each change of an order's status in IOM, with its ICM status and payment state, to a URL you choose.",
  graph: chain(
    {
      id: "trigger",
      connectorId: "iom",
      operation: "orderStateChanged",
      label: "Order state changed",
      inputs: { createdWithinDays: 30, intervalSeconds: 60 },
    },
    [
      {
        id: "post_state",
        connectorId: "http",
        operation: "request",
        label: "POST the new state",
        inputs: {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body:
            '{ "shopOrderNumber": "{{ trigger.shopOrderNumber }}", "status": "{{ trigger.icmStatus }}", ' +
            '"iomStatus": "{{ trigger.status }}", "payment": "{{ trigger.payment.status }}", ' +
            '"changedPositions": {{ $string(trigger.changedPositions) }} }',
        },
      },
    ],
  ),
};
