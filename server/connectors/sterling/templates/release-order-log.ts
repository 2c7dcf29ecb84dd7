// Sterling template: keep a trail of release orders as Sterling sends them to the ship nodes.
import type { FlowTemplate } from "@/lib/connector-manifest";
import { eventFlow } from "./event-flow";

export const releaseOrderLogTemplate: FlowTemplate = {
  id: "sterling-release-order-log",
  name: "New or updated release order → log it",
  description: "Writes each new or changed Sterling release order, with its ship node, to the run log.",
  graph: eventFlow({ operation: "newOrUpdatedReleaseOrder", label: "New or updated release order" }, [
    {
      id: "log_release",
      connectorId: "core",
      operation: "log",
      label: "Log the release",
      inputs: {
        message:
          "Release {{ trigger.ReleaseNo }} of order {{ trigger.SalesOrderNo }} to {{ trigger.ShipNode }}: " +
          "{{ trigger.Status }}",
        level: "info",
      },
    },
  ]),
};
