// Create shipment (async): the input of Sterling's createShipment, `<Shipment …><ShipmentLines><ShipmentLine …/>`
// naming the order lines it ships, on the queue Sterling's shipment service reads.
import { z } from "zod";
import { field } from "../../../../sdk";
import { compact } from "../../../client";
import {
  additionalAttributesField,
  documentTypeField,
  optionalText,
  requiredEnterpriseCodeField,
  shipNodeField,
} from "../../../common";
import { lineItemFields } from "../../../order-lines";
import { deliveryFields, mqAction, putSterlingDocument, withAdditional } from "../put-document";

const LABEL = "Create shipment (async)";

const shipmentLine = z
  .object({
    orderNo: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .meta(field({ title: "Order number" })),
    primeLineNo: z
      .string()
      .trim()
      .min(1)
      .max(10)
      .meta(field({ title: "Order line number" })),
    subLineNo: z
      .string()
      .trim()
      .max(10)
      .default("1")
      .meta(field({ title: "Sub-line number" })),
    ...lineItemFields,
  })
  .meta({ title: "Shipment line" });

const input = z.object({
  enterpriseCode: requiredEnterpriseCodeField(1),
  documentType: documentTypeField(2),
  shipNode: shipNodeField(3, "The node the shipment leaves from."),
  shipmentNo: optionalText("Shipment number", 4, "Empty: Sterling numbers the shipment.", 40),
  sellerOrganizationCode: optionalText("Seller organization", 5, undefined, 40),
  carrier: optionalText("Carrier (SCAC)", 6, undefined, 40),
  lines: z
    .array(shipmentLine)
    .min(1)
    .max(1000)
    .meta(field({ title: "Shipment lines", order: 7 })),
  additionalAttributes: additionalAttributesField(9, "createShipment", '{ "TrackingNo": "1Z999" }', {
    EnterpriseCode: "enterpriseCode",
    DocumentType: "documentType",
    ShipNode: "shipNode",
    ShipmentNo: "shipmentNo",
    SellerOrganizationCode: "sellerOrganizationCode",
    SCAC: "carrier",
  }),
  ...deliveryFields("createShipment"),
});

export const createShipmentAsyncAction = mqAction({
  key: "createShipmentAsync",
  label: LABEL,
  description: "Puts Sterling's createShipment input, with the order lines it ships, on IBM MQ.",
  group: "Shipments",
  input,
  async run({ input, ctx }) {
    const shipment = withAdditional(
      input.additionalAttributes,
      compact({
        EnterpriseCode: input.enterpriseCode,
        DocumentType: input.documentType,
        ShipNode: input.shipNode,
        ShipmentNo: input.shipmentNo,
        SellerOrganizationCode: input.sellerOrganizationCode,
        SCAC: input.carrier,
        ShipmentLines: {
          ShipmentLine: input.lines.map((line) => ({
            OrderNo: line.orderNo,
            PrimeLineNo: line.primeLineNo,
            SubLineNo: line.subLineNo,
            ItemID: line.itemId,
            UnitOfMeasure: line.unitOfMeasure,
            Quantity: String(line.quantity),
            DocumentType: input.documentType,
          })),
        },
      }),
    );
    return putSterlingDocument(ctx, "createShipment", "Shipment", shipment, input);
  },
});
