// Toolbox template: answer an order webhook at once, accepting it when it names an order and refusing it otherwise.
import type { FlowTemplate } from "@/lib/connector-manifest";

export const orderAcknowledgementTemplate: FlowTemplate = {
  id: "core-order-acknowledgement",
  name: "Acknowledge orders sent by webhook",
  description: "Webhook → If → Respond: answers 202 when the posted order has an order number, 400 when it has none.",
  graph: {
    schemaVersion: 1,
    nodes: [
      {
        id: "trigger",
        type: "trigger",
        position: { x: 0, y: 0 },
        connectorId: "core",
        operation: "webhook",
        inputs: {},
      },
      {
        id: "has_order_no",
        type: "if",
        position: { x: 0, y: 150 },
        connectorId: "core",
        operation: "if",
        label: "Has an order number?",
        inputs: { condition: "{{ $exists(trigger.body.orderNo) and trigger.body.orderNo != '' }}" },
      },
      {
        id: "accept",
        type: "respond",
        position: { x: -180, y: 300 },
        connectorId: "core",
        operation: "respond",
        label: "Accept the order",
        inputs: { status: 202, headers: {}, body: '{{ {"orderNo": trigger.body.orderNo, "accepted": true} }}' },
      },
      {
        id: "refuse",
        type: "respond",
        position: { x: 180, y: 300 },
        connectorId: "core",
        operation: "respond",
        label: "Refuse it",
        inputs: { status: 400, headers: {}, body: '{{ {"accepted": false, "error": "orderNo is missing"} }}' },
      },
    ],
    edges: [
      { id: "trigger-has_order_no", source: "trigger", target: "has_order_no", sourceHandle: "next" },
      { id: "has_order_no-accept", source: "has_order_no", target: "accept", sourceHandle: "true" },
      { id: "has_order_no-refuse", source: "has_order_no", target: "refuse", sourceHandle: "false" },
    ],
  },
};
