// Retrieve shipments: Sterling's getShipmentList, e.g. to pass tracking numbers on once an order has shipped.
// Read-only, so it needs no idempotency key.
import { z } from "zod";
import { compact, invokeSterling, parseOutput } from "../client";
import { enterpriseCodeField, maximumRecordsField, optionalText, restAction, shipNodeField } from "../common";
import { restAccount } from "../account";
import { elementList, shipmentDocument } from "../documents";

const LABEL = "Retrieve shipments";

const input = z.object({
  orderNo: optionalText("Order number", 1, "The shipments of the order with this number.", 40),
  shipmentNo: optionalText("Shipment number", 2, undefined, 40),
  enterpriseCode: enterpriseCodeField(3),
  shipNode: shipNodeField(4),
  status: optionalText("Status code", 5, "Only shipments in this status, e.g. 1400 (Shipped).", 15),
  maximumRecords: maximumRecordsField(6),
});

const output = z.object({
  shipments: z.array(shipmentDocument).meta({ title: "Shipments" }),
  count: z.number().meta({ title: "Number of shipments returned" }),
});

const reply = z.looseObject({ Shipment: elementList(shipmentDocument) });

export const getShipmentListAction = restAction({
  key: "getShipmentList",
  label: LABEL,
  description: "Finds shipments by order, shipment number, ship node or status (Sterling getShipmentList).",
  group: "Shipments",
  input,
  output,
  async run({ input, ctx }) {
    const account = restAccount(ctx.account);
    const document = await invokeSterling(
      account,
      "getShipmentList",
      compact({
        OrderNo: input.orderNo,
        ShipmentNo: input.shipmentNo,
        EnterpriseCode: input.enterpriseCode,
        ShipNode: input.shipNode,
        Status: input.status,
        MaximumRecords: String(input.maximumRecords),
      }),
      { signal: ctx.signal },
    );
    const list = parseOutput(reply, document, "getShipmentList");
    return { shipments: list.Shipment, count: list.Shipment.length };
  },
});
