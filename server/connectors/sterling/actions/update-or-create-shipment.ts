// Update or create shipment: changes the shipment if Sterling has it (by its key, or by shipment number, ship node and
// seller), and creates it otherwise: Sterling's changeShipment or createShipment. Looking first makes a step that runs
// again after it created the shipment change that shipment rather than create a second one.
import { z } from "zod";
import { field } from "../../sdk";
import { restAccount, type SterlingRestAccount } from "../account";
import { compact, invokeSterling, parseOutput, type SterlingDocument } from "../client";
import {
  additionalAttributesField,
  documentTypeField,
  enterpriseCodeField,
  optionalText,
  restAction,
  shipNodeField,
  withAdditionalAttributes,
} from "../common";
import { elementList, shipmentDocument } from "../documents";
import { lineItemFields } from "../order-lines";

const line = z.object({
  orderNo: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .meta(field({ title: "Order number" })),
  primeLineNo: z
    .number()
    .int()
    .min(1)
    .meta(field({ title: "Order line number" })),
  subLineNo: z
    .number()
    .int()
    .min(1)
    .default(1)
    .meta(field({ title: "Sub-line number" })),
  ...lineItemFields,
});

const input = z
  .object({
    shipmentKey: optionalText(
      "Shipment key",
      1,
      "Sterling's key of a shipment to change. Or give its number below.",
      40,
    ),
    shipmentNo: optionalText("Shipment number", 2, "Changes the shipment with this number, or creates it.", 40),
    shipNode: shipNodeField(3, "The node that ships."),
    sellerOrganizationCode: optionalText("Seller organization", 4, "Usually the enterprise code.", 40),
    enterpriseCode: enterpriseCodeField(5),
    documentType: documentTypeField(6),
    carrier: optionalText("Carrier (SCAC)", 7, undefined, 40),
    trackingNo: optionalText("Tracking number", 8, undefined, 100),
    lines: z
      .array(line)
      .optional()
      .meta(field({ title: "Lines", description: "The order lines shipped; needed to create a shipment.", order: 9 })),
    additionalAttributes: additionalAttributesField(
      10,
      "createShipment / changeShipment",
      '{ "ExpectedDeliveryDate": "2026-01-10" }',
      {
        ShipmentKey: "shipmentKey",
        ShipmentNo: "shipmentNo",
        ShipNode: "shipNode",
        SellerOrganizationCode: "sellerOrganizationCode",
        EnterpriseCode: "enterpriseCode",
        DocumentType: "documentType",
        SCAC: "carrier",
        TrackingNo: "trackingNo",
      },
    ),
  })
  .superRefine((value, ctx) => {
    if (!value.shipmentKey && !value.shipmentNo) {
      ctx.addIssue({ code: "custom", path: ["shipmentNo"], message: "give the shipment key or the shipment number" });
    }
  });

const output = shipmentDocument.extend({
  created: z
    .boolean()
    .meta({ title: "Created", description: "True when the shipment was created, false when changed." }),
});

const existing = z.looseObject({ Shipment: elementList(shipmentDocument) });

async function findShipmentKey(
  account: SterlingRestAccount,
  value: z.output<typeof input>,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (value.shipmentKey) return value.shipmentKey;
  const identity = compact({
    ShipmentNo: value.shipmentNo,
    ShipNode: value.shipNode,
    SellerOrganizationCode: value.sellerOrganizationCode,
    MaximumRecords: "1",
  });
  const document = await invokeSterling(account, "getShipmentList", identity, { signal });
  return parseOutput(existing, document, "getShipmentList").Shipment[0]?.ShipmentKey;
}

function header(value: z.output<typeof input>): Record<string, string | undefined> {
  return {
    ShipmentNo: value.shipmentNo,
    ShipNode: value.shipNode,
    SellerOrganizationCode: value.sellerOrganizationCode,
    EnterpriseCode: value.enterpriseCode,
    DocumentType: value.documentType,
    SCAC: value.carrier,
    TrackingNo: value.trackingNo,
  };
}

function shipmentLines(value: z.output<typeof input>): SterlingDocument | undefined {
  if (!value.lines?.length) return undefined;
  return {
    ShipmentLine: value.lines.map((entry) => ({
      OrderNo: entry.orderNo,
      PrimeLineNo: String(entry.primeLineNo),
      SubLineNo: String(entry.subLineNo),
      ItemID: entry.itemId,
      UnitOfMeasure: entry.unitOfMeasure,
      Quantity: String(entry.quantity),
      DocumentType: value.documentType,
    })),
  };
}

export const updateOrCreateShipmentAction = restAction({
  key: "updateOrCreateShipment",
  label: "Update or create shipment",
  description:
    "Changes a shipment, or creates it when Sterling has none by that number (changeShipment, createShipment).",
  group: "Shipments",
  input,
  output,
  async run({ input, ctx }) {
    const account = restAccount(ctx.account);
    const key = await findShipmentKey(account, input, ctx.signal);
    const api = key ? "changeShipment" : "createShipment";
    const form = key
      ? { ...header(input), ShipmentKey: key }
      : { ...header(input), ShipmentLines: shipmentLines(input) };
    const document = await invokeSterling(
      account,
      api,
      withAdditionalAttributes(form, input.additionalAttributes, ctx.log),
      {
        signal: ctx.signal,
      },
    );
    return { ...parseOutput(shipmentDocument, document, api), created: !key };
  },
});
