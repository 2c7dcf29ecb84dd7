// Sterling template: log every new order. It used to list orders in Created status every 15 minutes, which showed the
// same oldest orders on every run and never a later one; the New order event remembers where it left off instead.
import type { FlowTemplate } from "@/lib/connector-manifest";
import { eventFlow } from "./event-flow";

export const logNewOrdersTemplate: FlowTemplate = {
  id: "sterling-log-new-orders",
  name: "New order → log it",
  description: "Writes each order created in Sterling to the run log, once per order: a first flow to try.",
  graph: eventFlow({ operation: "newOrder", label: "New order" }, [
    {
      id: "log_order",
      connectorId: "core",
      operation: "log",
      label: "Log the order",
      inputs: {
        message:
          "New order {{ trigger.OrderNo }} for {{ trigger.EnterpriseCode }}: " +
          "{{ trigger.PriceInfo.TotalAmount }} {{ trigger.PriceInfo.Currency }}",
        level: "info",
      },
    },
  ]),
};
