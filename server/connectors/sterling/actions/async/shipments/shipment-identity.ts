// How the shipment messages name a shipment: by Sterling's key, or by shipment number, ship node and seller.
import type { z } from "zod";
import type { SterlingDocument } from "../../../client";
import { optionalText, shipNodeField } from "../../../common";

export const shipmentIdentityFields = {
  shipmentKey: optionalText("Shipment key", 1, "Sterling's key of the shipment. Or give the number and node.", 40),
  shipmentNo: optionalText("Shipment number", 2, undefined, 40),
  shipNode: shipNodeField(3, "The node the shipment leaves from."),
  sellerOrganizationCode: optionalText("Seller organization", 4, undefined, 40),
};

type Identity = { shipmentKey?: string; shipmentNo?: string; shipNode?: string; sellerOrganizationCode?: string };

export function checkShipmentIdentity(value: Identity, ctx: z.RefinementCtx): void {
  if (value.shipmentKey) return;
  if (!value.shipmentNo) {
    ctx.addIssue({ code: "custom", path: ["shipmentNo"], message: "give the shipment key or the shipment number" });
  } else if (!value.shipNode) {
    ctx.addIssue({ code: "custom", path: ["shipNode"], message: "is required with a shipment number" });
  }
}

export function shipmentIdentity(value: Identity): SterlingDocument {
  if (value.shipmentKey) return { ShipmentKey: value.shipmentKey };
  const identity: SterlingDocument = { ShipmentNo: value.shipmentNo ?? "", ShipNode: value.shipNode ?? "" };
  if (value.sellerOrganizationCode) identity.SellerOrganizationCode = value.sellerOrganizationCode;
  return identity;
}
