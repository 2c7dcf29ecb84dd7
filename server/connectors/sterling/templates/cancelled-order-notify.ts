// Sterling template: tell a team channel (any incoming-webhook URL: Slack, Teams, a pager) when an order is cancelled.
import type { FlowTemplate } from "@/lib/connector-manifest";
import { eventFlow } from "./event-flow";

export const cancelledOrderNotifyTemplate: FlowTemplate = {
  id: "sterling-cancelled-order-notify",
  name: "Cancelled order → notify a channel",
  description: "Posts a message to an incoming-webhook URL (Slack, Teams…) once for each cancelled Sterling order.",
  graph: eventFlow({ operation: "cancelledOrder", label: "Cancelled order" }, [
    {
      id: "notify",
      connectorId: "http",
      operation: "request",
      label: "Notify the channel",
      inputs: {
        method: "POST",
        headers: {},
        body: '{ "text": "Order {{ trigger.OrderNo }} ({{ trigger.EnterpriseCode }}) was cancelled in Sterling." }',
      },
    },
  ]),
};
