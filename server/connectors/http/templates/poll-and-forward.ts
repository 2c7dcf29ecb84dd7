// HTTP template: watch a list at one URL and send every new item to another; the user fills in both URLs.
import type { FlowTemplate } from "@/lib/connector-manifest";

export const pollAndForwardTemplate: FlowTemplate = {
  id: "http-poll-and-forward",
  name: "Forward new items to another API",
  description: "Polls a URL for new or updated items and POSTs each one to another API. Fill in both URLs.",
  graph: {
    schemaVersion: 1,
    nodes: [
      {
        id: "trigger",
        type: "trigger",
        position: { x: 0, y: 0 },
        connectorId: "http",
        operation: "newItems",
        label: "New items",
        inputs: { keyField: "id", intervalSeconds: 60 },
      },
      {
        id: "forward_item",
        type: "action",
        position: { x: 0, y: 150 },
        connectorId: "http",
        operation: "request",
        label: "Forward the item",
        inputs: { method: "POST", headers: {}, body: "{{ $string(trigger) }}" },
      },
    ],
    edges: [{ id: "trigger-forward_item", source: "trigger", target: "forward_item", sourceHandle: "next" }],
  },
};
