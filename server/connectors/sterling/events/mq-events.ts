// What each Sterling event reads from its queue in MQ mode: the root element of the document Sterling publishes for
// it (the XML an event handler's service sends, or the same document in Sterling's JSON), and the run's data made
// from it in the shape the REST mode gives, so a flow works with either account.
import type { SterlingDocument } from "../client";
import type { MqEventSpec } from "./mq-source";
import type { SterlingEventKey } from "./source";

const BACKORDERED = "1300";

function requireKey(document: SterlingDocument, key: string, what: string): void {
  if (typeof document[key] !== "string" || document[key] === "") throw new Error(`the ${what} has no ${key}`);
}

function lines(order: SterlingDocument): SterlingDocument[] {
  const container = order.OrderLines;
  if (typeof container !== "object" || Array.isArray(container)) return [];
  const entries = container.OrderLine;
  if (Array.isArray(entries)) return entries;
  return typeof entries === "object" ? [entries] : [];
}

const orderEvent = (event: string): MqEventSpec => ({
  event,
  roots: ["Order"],
  toData(document) {
    requireKey(document, "OrderHeaderKey", "order");
    return document;
  },
});

export const mqEventSpecs: Record<SterlingEventKey, MqEventSpec> = {
  newOrder: orderEvent("New order"),
  updatedOrder: orderEvent("Updated order"),
  cancelledOrder: orderEvent("Cancelled order"),
  releasedOrder: orderEvent("Released order"),
  orderLineBackOrder: {
    event: "Orderline back order",
    roots: ["Order"],
    toData(document) {
      requireKey(document, "OrderHeaderKey", "order");
      const all = lines(document);
      const status = (line: SterlingDocument) => String(line.MaxLineStatus ?? line.Status ?? "");
      // The back-ordered line, when the published order says which; otherwise its only line.
      const line =
        all.find((candidate) => status(candidate).split(".")[0] === BACKORDERED) ??
        (all.length === 1 ? all[0] : undefined);
      if (!line) throw new Error("the order has no line in status 1300 (Backordered)");
      return { ...document, BackorderedLine: line };
    },
  },
  newOrUpdatedReleaseOrder: {
    event: "New or updated release order",
    roots: ["OrderRelease"],
    toData(document) {
      requireKey(document, "OrderReleaseKey", "release order");
      const { Createts: created, Modifyts: modified } = document;
      return { ...document, IsNew: !modified || modified === created };
    },
  },
  newShipment: {
    event: "New shipment",
    roots: ["Shipment"],
    toData(document) {
      requireKey(document, "ShipmentKey", "shipment");
      return document;
    },
  },
};
