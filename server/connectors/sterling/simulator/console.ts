// What the simulator's page does to the built-in Sterling: list its orders, and create or move one through the same
// documented APIs a Sterling user's tools would call (createOrder, changeOrder, scheduleOrder with ScheduleAndRelease,
// changeOrderStatus, createShipment and confirmShipment), so every change stamps Modifyts and status dates as those
// APIs do and the events see it as they would see Sterling's.
import { z } from "zod";
import type { SterlingBackend } from "./index";
import { child, children, text, type Doc } from "./state";
import { orderLines, RELEASED } from "./statuses";

export const consoleActionSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("create"),
    enterpriseCode: z.string().trim().min(1).max(40),
    customerEmail: z.union([z.email("Enter an e-mail address, or leave it empty"), z.literal("")]).default(""),
    itemId: z.string().trim().min(1).max(40),
    quantity: z.number().int("Use a whole number").min(1).max(999),
    unitPrice: z.number().min(0).max(1_000_000),
  }),
  z.object({
    action: z.enum(["change", "release", "backorder", "ship", "cancel"]),
    orderHeaderKey: z.string().min(1).max(40),
  }),
]);
export type ConsoleAction = z.infer<typeof consoleActionSchema>;

export interface ConsoleOrder {
  orderHeaderKey: string;
  orderNo: string;
  enterpriseCode: string;
  customerEmail: string;
  status: string;
  statusCode: string;
  total: string;
  currency: string;
  lines: Array<{ primeLineNo: string; itemId: string; quantity: string; status: string }>;
  createts: string;
  modifyts: string;
}

export function consoleOrders(backend: SterlingBackend): ConsoleOrder[] {
  return [...backend.state.orders].reverse().map((order) => ({
    orderHeaderKey: text(order, "OrderHeaderKey"),
    orderNo: text(order, "OrderNo"),
    enterpriseCode: text(order, "EnterpriseCode"),
    customerEmail: text(order, "CustomerEMailID"),
    status: text(order, "Status"),
    statusCode: text(order, "MaxOrderStatus"),
    total: text(child(order, "PriceInfo") ?? {}, "TotalAmount"),
    currency: text(child(order, "PriceInfo") ?? {}, "Currency"),
    lines: orderLines(order).map((line) => ({
      primeLineNo: text(line, "PrimeLineNo"),
      itemId: text(child(line, "Item") ?? {}, "ItemID"),
      quantity: text(line, "OrderedQty"),
      status: text(line, "Status"),
    })),
    createts: text(order, "Createts"),
    modifyts: text(order, "Modifyts"),
  }));
}

/** The items and enterprises the create form offers. */
export function consoleChoices(backend: SterlingBackend) {
  return {
    items: backend.state.items.map((item) => text(item, "ItemID")),
    enterprises: backend.state.organizations
      .filter((organization) => text(organization, "IsEnterprise") === "Y")
      .map((organization) => text(organization, "OrganizationCode")),
  };
}

const sampleAddress = {
  FirstName: "Grace",
  LastName: "Hopper",
  AddressLine1: "Intershop Tower 1",
  City: "Jena",
  ZipCode: "07743",
  Country: "DE",
  EMailID: "grace@example.com",
};

/** Runs one action; returns a sentence for the page. Refusals are SterlingFaults with Sterling's description. */
export function runConsoleAction(backend: SterlingBackend, action: ConsoleAction): string {
  const call = backend.invokeApi;
  if (action.action === "create") {
    const order = call("createOrder", {
      EnterpriseCode: action.enterpriseCode,
      DocumentType: "0001",
      ...(action.customerEmail ? { CustomerEMailID: action.customerEmail } : {}),
      PriceInfo: { Currency: "USD" },
      // A ship-to (and bill-to) address, as real orders carry, so that flows exporting the order elsewhere (the
      // Sterling → IOM template) have one to map.
      PersonInfoShipTo: sampleAddress,
      PersonInfoBillTo: sampleAddress,
      OrderLines: {
        OrderLine: [
          {
            PrimeLineNo: "1",
            OrderedQty: String(action.quantity),
            Item: { ItemID: action.itemId, UnitOfMeasure: "EACH" },
            LinePriceInfo: { UnitPrice: action.unitPrice.toFixed(2) },
          },
        ],
      },
    });
    return `Order ${text(order, "OrderNo")} created.`;
  }
  const key = { OrderHeaderKey: action.orderHeaderKey };
  const order = backend.state.orders.find((candidate) => text(candidate, "OrderHeaderKey") === action.orderHeaderKey);
  const orderNo = order ? text(order, "OrderNo") : action.orderHeaderKey;
  switch (action.action) {
    case "change": {
      const first = order ? orderLines(order)[0] : undefined;
      const quantity = String(Number(first ? text(first, "OrderedQty") : "0") + 1);
      call("changeOrder", { ...key, OrderLines: { OrderLine: [{ PrimeLineNo: "1", OrderedQty: quantity }] } });
      return `Order ${orderNo} changed: line 1 now orders ${quantity}.`;
    }
    case "release":
      call("scheduleOrder", { ...key, ScheduleAndRelease: "Y" });
      return `Order ${orderNo} scheduled and released.`;
    case "backorder":
      call("changeOrderStatus", {
        ...key,
        TransactionId: "CONFLUX_SIMULATOR.0001.ex",
        OrderLines: { OrderLine: [{ PrimeLineNo: "1", BaseDropStatus: "1300" }] },
      });
      return `Line 1 of order ${orderNo} back-ordered.`;
    case "ship": {
      const released = order ? orderLines(order).filter((line) => text(line, "MaxLineStatus") === RELEASED) : [];
      if (released.length === 0) return `Order ${orderNo} has no released lines to ship: release it first.`;
      const shipment: Doc = call("createShipment", {
        ShipmentLines: {
          ShipmentLine: released.map((line) => ({ ...key, PrimeLineNo: text(line, "PrimeLineNo") })),
        },
      });
      call("confirmShipment", { ShipmentKey: text(shipment, "ShipmentKey") });
      const lines = children(child(shipment, "ShipmentLines"), "ShipmentLine").length;
      return `Shipment ${text(shipment, "ShipmentNo")} of order ${orderNo} created and shipped (${lines} line(s)).`;
    }
    case "cancel":
      call("changeOrder", { ...key, Action: "CANCEL" });
      return `Order ${orderNo} cancelled.`;
  }
}
