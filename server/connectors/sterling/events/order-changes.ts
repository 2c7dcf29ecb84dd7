// The order events' common ground: which orders changed (getOrderList through getPage, by Createts for new orders
// and by Modifyts for every other change), the template that asks for what the events read (timestamps, status
// summary, lines with their status history), and the ship node filter, which the trigger applies itself because an
// order's ship node is usually on its lines rather than its header.
import { z } from "zod";
import type { PollResult, PolledItem } from "../../sdk";
import { compact } from "../client";
import { elementList, orderDocument, orderLineDocument } from "../documents";
import { pollChangedRows, type ChangeQuery, type ChangedRow } from "./rest-changes";
import type { RestEventArgs, SterlingEventInput } from "./source";

const orderTemplate = {
  OrderHeaderKey: "",
  OrderNo: "",
  EnterpriseCode: "",
  DocumentType: "",
  Status: "",
  MinOrderStatus: "",
  MaxOrderStatus: "",
  OrderDate: "",
  CustomerEMailID: "",
  BuyerOrganizationCode: "",
  SellerOrganizationCode: "",
  ShipNode: "",
  Createts: "",
  Modifyts: "",
  PriceInfo: { Currency: "", TotalAmount: "" },
  PersonInfoShipTo: { FirstName: "", LastName: "", AddressLine1: "", City: "", State: "", ZipCode: "", Country: "" },
  OrderLines: {
    OrderLine: {
      OrderLineKey: "",
      PrimeLineNo: "",
      SubLineNo: "",
      OrderedQty: "",
      Status: "",
      MinLineStatus: "",
      MaxLineStatus: "",
      ShipNode: "",
      Item: { ItemID: "", UnitOfMeasure: "" },
      LinePriceInfo: { UnitPrice: "" },
      OrderStatuses: { OrderStatus: { Status: "", StatusDescription: "", StatusDate: "", StatusQty: "" } },
    },
  },
};

const statusRecord = z.looseObject({ Status: z.string(), StatusDate: z.string().optional() });
export const eventOrderLine = orderLineDocument.extend({
  MaxLineStatus: z.string().optional().meta({ title: "Line status code" }),
  OrderStatuses: z
    .looseObject({ OrderStatus: elementList(statusRecord).meta({ title: "Status history" }) })
    .optional()
    .meta({ title: "Status history" }),
});

export const sampleOrder = {
  OrderHeaderKey: "202503010900000000000001",
  OrderNo: "Y100001",
  EnterpriseCode: "DEFAULT",
  DocumentType: "0001",
  Status: "Created",
  MinOrderStatus: "1100",
  MaxOrderStatus: "1100",
  OrderDate: "2025-03-01T09:00:00+00:00",
  CustomerEMailID: "ada@example.com",
  Createts: "2025-03-01T09:00:00+00:00",
  Modifyts: "2025-03-01T09:00:00+00:00",
  PriceInfo: { Currency: "USD", TotalAmount: "59.97" },
  OrderLines: {
    OrderLine: [
      {
        OrderLineKey: "2025030109000000000000011",
        PrimeLineNo: "1",
        SubLineNo: "1",
        OrderedQty: "3",
        Status: "Created",
        MaxLineStatus: "1100",
        ShipNode: "DC-EAST",
        Item: { ItemID: "SKU-1", UnitOfMeasure: "EACH" },
        LinePriceInfo: { UnitPrice: "19.99" },
        OrderStatuses: { OrderStatus: [{ Status: "1100", StatusDate: "2025-03-01T09:00:00+00:00" }] },
      },
    ],
  },
};

/** An order as the order events hand it to the flow. */
export const eventOrder = orderDocument.extend({
  ShipNode: z.string().optional().meta({ title: "Ship node" }),
  Createts: z.string().optional().meta({ title: "Created at" }),
  Modifyts: z.string().optional().meta({ title: "Last modified at" }),
  OrderLines: z
    .looseObject({ OrderLine: elementList(eventOrderLine).meta({ title: "Order lines" }) })
    .optional()
    .meta({ title: "Order lines" }),
});
export type EventOrder = z.output<typeof eventOrder>;

export function orderQuery(input: SterlingEventInput, timestamp: "Createts" | "Modifyts"): ChangeQuery {
  return {
    api: "getOrderList",
    root: "OrderList",
    element: "Order",
    inputRoot: "Order",
    timestamp,
    key: "OrderHeaderKey",
    versioned: timestamp === "Modifyts",
    filters: compact({ EnterpriseCode: input.enterpriseCode, DocumentType: input.documentType }),
    template: orderTemplate,
  };
}

export function orderLinesOf(order: EventOrder) {
  return order.OrderLines?.OrderLine ?? [];
}

function onShipNode(order: EventOrder, shipNode: string | undefined): boolean {
  if (!shipNode) return true;
  return order.ShipNode === shipNode || orderLinesOf(order).some((line) => line.ShipNode === shipNode);
}

/** The status code's main part: "3700.01" is a sub-status of 3700. */
export function mainStatus(code: string | undefined): string {
  return (code ?? "").split(".")[0] ?? "";
}

/** Polls the orders changed since the cursor and turns each into the event's items. */
export async function pollOrderChanges(
  args: RestEventArgs,
  timestamp: "Createts" | "Modifyts",
  toItems: (order: EventOrder, row: ChangedRow) => PolledItem[],
): Promise<PollResult> {
  const { rows, nextCursor } = await pollChangedRows(args, orderQuery(args.input, timestamp));
  const items: PolledItem[] = [];
  for (const row of rows) {
    const order = eventOrder.safeParse(row.document);
    if (!order.success) {
      // A row Sterling sent without an order number cannot make a useful run; say so rather than stall the trigger.
      args.log.warn(`skipped order ${row.key}: ${order.error.issues[0]?.message ?? "not an order document"}`);
      continue;
    }
    if (!onShipNode(order.data, args.input.shipNode)) continue;
    items.push(...toItems(order.data, row));
  }
  return { items, nextCursor };
}
