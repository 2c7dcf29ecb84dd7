// Sterling template: when Sterling creates a shipment, mark the order shipped in another system (a shop, a CRM).
import type { FlowTemplate } from "@/lib/connector-manifest";
import { eventFlow } from "./event-flow";

export const newShipmentUpdateOrderTemplate: FlowTemplate = {
  id: "sterling-new-shipment-update-order",
  name: "New shipment → update the order elsewhere",
  description: "PATCHes the order in another system with the shipment's number, node and tracking for each shipment.",
  graph: eventFlow({ operation: "newShipment", label: "New shipment" }, [
    {
      id: "update_order",
      connectorId: "http",
      operation: "request",
      label: "Update the order",
      inputs: {
        method: "PATCH",
        headers: {},
        body:
          '{ "orderNo": "{{ trigger.OrderNo }}", "status": "shipped", "shipmentNo": "{{ trigger.ShipmentNo }}", ' +
          '"shipNode": "{{ trigger.ShipNode }}", "trackingNo": "{{ trigger.TrackingNo }}" }',
      },
    },
  ]),
};
