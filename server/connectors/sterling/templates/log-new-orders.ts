// Sterling template: every 15 minutes, list orders still in Created status and log each one; a starting point for
// flows that pass new orders on to another system.
import type { FlowTemplate } from "@/lib/connector-manifest";

export const logNewOrdersTemplate: FlowTemplate = {
  id: "sterling-log-new-orders",
  name: "Every 15 minutes: retrieve new orders and log them",
  description: "Lists Sterling orders in Created status every 15 minutes and writes each one to the run log.",
  graph: {
    schemaVersion: 1,
    nodes: [
      {
        id: "trigger",
        type: "trigger",
        position: { x: 0, y: 0 },
        connectorId: "core",
        operation: "schedule",
        label: "Every 15 minutes",
        inputs: { mode: "interval", intervalSeconds: 900 },
      },
      {
        id: "get_orders",
        type: "action",
        position: { x: 0, y: 150 },
        connectorId: "sterling",
        operation: "getOrderList",
        label: "Get new orders",
        inputs: { documentType: "0001", status: "1100", maximumRecords: 100 },
      },
      {
        id: "each_order",
        type: "forEach",
        position: { x: 0, y: 300 },
        connectorId: "core",
        operation: "forEach",
        label: "For each order",
        inputs: { items: "{{ steps.get_orders.orders }}" },
      },
      {
        id: "log_order",
        type: "action",
        position: { x: 0, y: 450 },
        connectorId: "core",
        operation: "log",
        label: "Log the order",
        inputs: { message: "New order {{ item.OrderNo }} ({{ item.EnterpriseCode }})", level: "info" },
      },
    ],
    edges: [
      { id: "trigger-get_orders", source: "trigger", target: "get_orders", sourceHandle: "next" },
      { id: "get_orders-each_order", source: "get_orders", target: "each_order", sourceHandle: "next" },
      { id: "each_order-log_order", source: "each_order", target: "log_order", sourceHandle: "each" },
    ],
  },
};
