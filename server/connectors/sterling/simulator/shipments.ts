// The simulator's createShipment and changeShipment. createShipment needs the ship node, the seller and lines that
// name existing order lines (OrderNo, PrimeLineNo, SubLineNo); it assigns ShipmentKey and, if absent, ShipmentNo, and
// starts the shipment in status 1100 (Created). changeShipment finds the shipment by ShipmentKey, or by ShipmentNo,
// ShipNode and SellerOrganizationCode, and changes its header attributes.
import { z } from "zod";
import {
  children,
  child,
  docSchema,
  faults,
  parseInput,
  SterlingFault,
  text,
  type Doc,
  type SimulatorState,
} from "./state";

const quantity = z.string().regex(/^\d+(\.\d+)?$/, "must be a number");

const createInput = z.looseObject({
  ShipNode: z.string().min(1),
  SellerOrganizationCode: z.string().min(1),
  ShipmentNo: z.string().optional(),
  ShipmentLines: z.looseObject({
    ShipmentLine: z
      .array(
        z.looseObject({
          OrderNo: z.string().min(1),
          PrimeLineNo: z.string().regex(/^\d+$/),
          SubLineNo: z.string().regex(/^\d+$/).optional(),
          ItemID: z.string().min(1),
          Quantity: quantity,
        }),
      )
      .min(1),
  }),
});

// Stand-in codes (state.ts explains why).
const shipmentExists = (no: string) => new SterlingFault(400, "YDM00089", `Shipment ${no} already exists`);
const shipmentNotFound = () => new SterlingFault(400, "YDM00083", "Shipment not found");

let sequence = 0;

function createShipment(raw: unknown, state: SimulatorState): Doc {
  const doc = parseInput(docSchema, raw, "createShipment");
  const input = parseInput(createInput, doc, "createShipment");
  const shipmentNo = input.ShipmentNo || `S${String(100_000 + state.shipments.length + 1)}`;
  const duplicate = state.shipments.some(
    (shipment) =>
      text(shipment, "ShipmentNo") === shipmentNo &&
      text(shipment, "ShipNode") === input.ShipNode &&
      text(shipment, "SellerOrganizationCode") === input.SellerOrganizationCode,
  );
  if (duplicate) throw shipmentExists(shipmentNo);
  for (const line of input.ShipmentLines.ShipmentLine) {
    const order = state.orders.find((candidate) => text(candidate, "OrderNo") === line.OrderNo);
    if (!order) throw faults.orderNotFound();
    const known = children(child(order, "OrderLines"), "OrderLine").some(
      (orderLine) =>
        text(orderLine, "PrimeLineNo") === line.PrimeLineNo && text(orderLine, "SubLineNo") === (line.SubLineNo ?? "1"),
    );
    if (!known) throw faults.lineNotFound(line.PrimeLineNo);
  }
  const first = input.ShipmentLines.ShipmentLine[0];
  const shipment: Doc = {
    ...doc,
    ShipmentKey: `SH${Date.now()}${String(++sequence).padStart(4, "0")}`,
    ShipmentNo: shipmentNo,
    OrderNo: text(doc, "OrderNo") || (first?.OrderNo ?? ""),
    Status: "1100",
  };
  state.shipments.push(shipment);
  return shipment;
}

const changeInput = z.looseObject({
  ShipmentKey: z.string().optional(),
  ShipmentNo: z.string().optional(),
  ShipNode: z.string().optional(),
  SellerOrganizationCode: z.string().optional(),
});
const identity = new Set(["ShipmentKey", "ShipmentNo", "ShipNode", "SellerOrganizationCode", "ShipmentLines"]);

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
  for (const [key, value] of Object.entries(doc)) if (!identity.has(key)) shipment[key] = value;
  return shipment;
}

export const shipmentApis = { createShipment, changeShipment };
