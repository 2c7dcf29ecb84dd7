// The simulator's changeShipment (createShipment is in fulfilment.ts, with the order line statuses it moves): finds
// the shipment by ShipmentKey, or by ShipmentNo, ShipNode and SellerOrganizationCode, and changes its header
// attributes, or deletes it (Action="Delete").
import { z } from "zod";
import { docSchema, parseInput, SterlingFault, text, type Doc, type SimulatorState } from "./state";

const shipmentNotFound = () => new SterlingFault(400, "YDM00083", "Shipment not found");

const changeInput = z.looseObject({
  ShipmentKey: z.string().optional(),
  ShipmentNo: z.string().optional(),
  ShipNode: z.string().optional(),
  SellerOrganizationCode: z.string().optional(),
});
const identity = new Set([
  "ShipmentKey",
  "ShipmentNo",
  "ShipNode",
  "SellerOrganizationCode",
  "ShipmentLines",
  "Action",
]);

function changeShipment(raw: unknown, state: SimulatorState): Doc {
  const doc = parseInput(docSchema, raw, "changeShipment");
  const input = parseInput(changeInput, doc, "changeShipment");
  const shipment = state.shipments.find((candidate) =>
    input.ShipmentKey
      ? text(candidate, "ShipmentKey") === input.ShipmentKey
      : text(candidate, "ShipmentNo") === input.ShipmentNo &&
        text(candidate, "ShipNode") === input.ShipNode &&
        text(candidate, "SellerOrganizationCode") === input.SellerOrganizationCode,
  );
  if (!shipment || (!input.ShipmentKey && !input.ShipmentNo)) throw shipmentNotFound();
  // Action="Delete" removes the shipment (what Delete shipment sends); other actions change its attributes.
  if (text(doc, "Action").toLowerCase() === "delete") {
    state.shipments.splice(state.shipments.indexOf(shipment), 1);
    return shipment;
  }
  for (const [key, value] of Object.entries(doc)) if (!identity.has(key)) shipment[key] = value;
  return shipment;
}

export const shipmentApis = { changeShipment };
