// Sterling template: alert the buyers when an order line is back-ordered, with the item and quantity to source.
import type { FlowTemplate } from "@/lib/connector-manifest";
import { eventFlow } from "./event-flow";

export const backOrderAlertTemplate: FlowTemplate = {
  id: "sterling-back-order-alert",
  name: "Orderline back order → alert",
  description: "Logs a warning and posts an alert to a URL you choose each time a Sterling order line is back-ordered.",
  graph: eventFlow({ operation: "orderLineBackOrder", label: "Orderline back order" }, [
    {
      id: "warn",
      connectorId: "core",
      operation: "log",
      label: "Log a warning",
      inputs: {
        message:
          "Order {{ trigger.OrderNo }} line {{ trigger.BackorderedLine.PrimeLineNo }} is back-ordered: " +
          "{{ trigger.BackorderedLine.OrderedQty }} × {{ trigger.BackorderedLine.Item.ItemID }}",
        level: "warn",
      },
    },
    {
      id: "alert",
      connectorId: "http",
      operation: "request",
      label: "Post the alert",
      inputs: {
        method: "POST",
        headers: {},
        body:
          '{ "orderNo": "{{ trigger.OrderNo }}", "line": "{{ trigger.BackorderedLine.PrimeLineNo }}", ' +
          '"item": "{{ trigger.BackorderedLine.Item.ItemID }}", "quantity": "{{ trigger.BackorderedLine.OrderedQty }}" }',
      },
    },
  ]),
};
