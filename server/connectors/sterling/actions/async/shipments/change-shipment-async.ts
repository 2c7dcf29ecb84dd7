// Update shipment (async): the input of Sterling's changeShipment, the shipment named by key or by number and
// node, with what changes, on the queue Sterling's shipment-change service reads.
import { z } from "zod";
import { compact } from "../../../client";
import { additionalAttributesField, optionalText } from "../../../common";
import { deliveryFields, mqAction, putSterlingDocument, withAdditional } from "../put-document";
import { checkShipmentIdentity, shipmentIdentity, shipmentIdentityFields } from "./shipment-identity";

const LABEL = "Update shipment (async)";

const input = z
  .object({
    ...shipmentIdentityFields,
    carrier: optionalText("Carrier (SCAC)", 5, undefined, 40),
    trackingNo: optionalText("Tracking number", 6, undefined, 40),
    additionalAttributes: additionalAttributesField(9, "changeShipment", '{ "ExpectedDeliveryDate": "2026-12-24" }', {
      ShipmentKey: "shipmentKey",
      ShipmentNo: "shipmentNo",
      ShipNode: "shipNode",
      SellerOrganizationCode: "sellerOrganizationCode",
      SCAC: "carrier",
      TrackingNo: "trackingNo",
    }),
    ...deliveryFields("changeShipment"),
  })
  .superRefine(checkShipmentIdentity);

export const changeShipmentAsyncAction = mqAction({
  key: "changeShipmentAsync",
  label: LABEL,
  description: "Puts Sterling's changeShipment input on IBM MQ.",
  group: "Shipments",
  input,
  async run({ input, ctx }) {
    const shipment = withAdditional(
      input.additionalAttributes,
      compact({ ...shipmentIdentity(input), SCAC: input.carrier, TrackingNo: input.trackingNo }),
    );
    return putSterlingDocument(ctx, "changeShipment", "Shipment", shipment, input);
  },
});
