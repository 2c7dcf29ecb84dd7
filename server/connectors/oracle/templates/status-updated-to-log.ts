// Oracle template: note each status change Oracle Order Management reports, with the lines that changed, in the
// run history (a starting point for flows that update a shop or a warehouse).
import type { FlowTemplate } from "@/lib/connector-manifest";
import { chain } from "./graph";

export const statusUpdatedToLogTemplate: FlowTemplate = {
  id: "oracle-status-updated-to-log",
  name: "Oracle order status updated → log it",
  description:
    "Receives Oracle Order Management's Order Status Updated event and logs the order's status and the fulfillment " +
    "lines that changed. Set the flow's address and secret on Oracle's event connector.",
  graph: chain(
    {
      id: "trigger",
      connectorId: "oracle",
      operation: "orderStatusUpdated",
      label: "Order status updated",
      inputs: { username: "oracle" },
    },
    [
      {
        id: "log_status",
        connectorId: "core",
        operation: "log",
        label: "Log the new status",
        inputs: {
          message:
            "Order {{ trigger.OrderNumber }} ({{ trigger.OrderKey }}) is {{ trigger.StatusCode }}; changed lines: " +
            '{{ $join(trigger.changedLines.(ProductNumber & " " & StatusCode), ", ") }}',
        },
      },
    ],
  ),
};
