// The simulator's fulfilment APIs, which move orders through the pipeline the events watch: changeOrderStatus
// (any status, e.g. a line to 1300 Backordered), scheduleOrder (with ScheduleAndRelease), releaseOrder (one
// OrderRelease per ship node), createShipment (lines to 3350 Included In Shipment) and confirmShipment (3700 Shipped).
// Inventory is not modelled: scheduling always succeeds at the line's, the order's or the first node's ship node.
import { z } from "zod";
import { findOrder, orderIdentityInput } from "./orders";
import { attribute, faults, mintKey, parseInput, text, timestamp, touch, type Doc, type SimulatorState } from "./state";
import {
  BACKORDERED,
  CREATED,
  INCLUDED_IN_SHIPMENT,
  lineStatus,
  orderLines,
  RELEASED,
  SCHEDULED,
  setLineStatus,
  SHIPPED,
  statusName,
  summariseOrderStatus,
} from "./statuses";

const statusCode = z.string().regex(/^\d{4}(\.\d+)*$/, "must be a status code such as 3200");

const statusChangeInput = orderIdentityInput.extend({
  TransactionId: z.string().min(1, "is mandatory"),
  BaseDropStatus: statusCode.optional(),
  OrderLines: z
    .looseObject({
      OrderLine: z.array(
        z.looseObject({
          OrderLineKey: attribute,
          PrimeLineNo: attribute,
          SubLineNo: attribute,
          BaseDropStatus: statusCode.optional(),
        }),
      ),
    })
    .optional(),
});

function findLine(order: Doc, wanted: { OrderLineKey?: string; PrimeLineNo?: string; SubLineNo?: string }): Doc {
  const line = orderLines(order).find((candidate) =>
    wanted.OrderLineKey
      ? text(candidate, "OrderLineKey") === wanted.OrderLineKey
      : text(candidate, "PrimeLineNo") === wanted.PrimeLineNo &&
        text(candidate, "SubLineNo") === (wanted.SubLineNo ?? "1"),
  );
  if (!line) throw faults.lineNotFound(wanted.PrimeLineNo ?? wanted.OrderLineKey ?? "");
  return line;
}

function changeOrderStatus(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(statusChangeInput, raw, "changeOrderStatus");
  const order = findOrder(state, input, "changeOrderStatus");
  const changes = input.OrderLines?.OrderLine ?? [];
  if (changes.length === 0 && !input.BaseDropStatus) {
    throw faults.badInput("changeOrderStatus: BaseDropStatus is mandatory on the order or on its lines");
  }
  const targets =
    changes.length > 0
      ? changes.map((change) => ({
          line: findLine(order, change),
          code: change.BaseDropStatus ?? input.BaseDropStatus,
        }))
      : orderLines(order).map((line) => ({ line, code: input.BaseDropStatus }));
  for (const { line, code } of targets) {
    if (!code) throw faults.badInput("changeOrderStatus: BaseDropStatus is mandatory on the order or on its lines");
    if (lineStatus(line) !== code) setLineStatus(line, code, state);
  }
  summariseOrderStatus(order);
  touch(order, state);
  return order;
}

function shipNodeOf(line: Doc, order: Doc, state: SimulatorState): string {
  const firstNode = state.organizations.find((organization) => text(organization, "IsNode") === "Y");
  return text(line, "ShipNode") || text(order, "ShipNode") || (firstNode ? text(firstNode, "OrganizationCode") : "");
}

function release(order: Doc, state: SimulatorState, onlyNode: string | undefined): void {
  const byNode = new Map<string, Doc[]>();
  for (const line of orderLines(order)) {
    const node = text(line, "ShipNode");
    if (lineStatus(line) !== SCHEDULED || (onlyNode && node !== onlyNode)) continue;
    byNode.set(node, [...(byNode.get(node) ?? []), line]);
  }
  for (const [node, lines] of byNode) {
    const releaseNo = String(
      state.releases.filter((entry) => text(entry, "OrderHeaderKey") === text(order, "OrderHeaderKey")).length + 1,
    );
    const now = timestamp(state);
    const releaseDoc: Doc = {
      OrderReleaseKey: mintKey(state),
      ReleaseNo: releaseNo,
      OrderHeaderKey: text(order, "OrderHeaderKey"),
      SalesOrderNo: text(order, "OrderNo"),
      EnterpriseCode: text(order, "EnterpriseCode"),
      DocumentType: text(order, "DocumentType"),
      ShipNode: node,
      Status: statusName(RELEASED),
      Createts: now,
      Modifyts: now,
      Lockid: "0",
    };
    for (const line of lines) {
      setLineStatus(line, RELEASED, state);
      line.OrderReleaseKey = text(releaseDoc, "OrderReleaseKey");
    }
    state.releases.push(releaseDoc);
  }
}

const scheduleInput = orderIdentityInput.extend({
  ScheduleAndRelease: z.enum(["Y", "N"]).optional(),
  ShipNode: attribute,
});

function scheduleOrder(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(scheduleInput, raw, "scheduleOrder");
  const order = findOrder(state, input, "scheduleOrder");
  for (const line of orderLines(order)) {
    if (![CREATED, BACKORDERED].includes(lineStatus(line))) continue;
    line.ShipNode = input.ShipNode || shipNodeOf(line, order, state);
    setLineStatus(line, SCHEDULED, state);
  }
  if (input.ScheduleAndRelease === "Y") release(order, state, undefined);
  summariseOrderStatus(order);
  touch(order, state);
  return {};
}

function releaseOrder(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(scheduleInput.omit({ ScheduleAndRelease: true }), raw, "releaseOrder");
  const order = findOrder(state, input, "releaseOrder");
  release(order, state, input.ShipNode);
  summariseOrderStatus(order);
  touch(order, state);
  return {};
}

const shipmentInput = z.looseObject({
  EnterpriseCode: attribute,
  ShipNode: attribute,
  DocumentType: attribute,
  ShipmentLines: z.looseObject({
    ShipmentLine: z
      .array(
        z.looseObject({
          OrderHeaderKey: attribute,
          OrderNo: attribute,
          PrimeLineNo: z.string().min(1),
          SubLineNo: attribute,
          Quantity: attribute,
        }),
      )
      .min(1),
  }),
});

function createShipment(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(shipmentInput, raw, "createShipment");
  const now = timestamp(state);
  const shipmentLines: Doc[] = [];
  let first: Doc | undefined;
  for (const [index, wanted] of input.ShipmentLines.ShipmentLine.entries()) {
    const order = findOrder(
      state,
      { ...wanted, EnterpriseCode: input.EnterpriseCode, DocumentType: input.DocumentType },
      "createShipment",
    );
    first ??= order;
    const line = findLine(order, wanted);
    if (lineStatus(line) !== RELEASED) {
      throw faults.badInput(`createShipment: line ${text(line, "PrimeLineNo")} is not released`);
    }
    setLineStatus(line, INCLUDED_IN_SHIPMENT, state);
    summariseOrderStatus(order);
    touch(order, state);
    shipmentLines.push({
      ShipmentLineNo: String(index + 1),
      OrderHeaderKey: text(order, "OrderHeaderKey"),
      OrderNo: text(order, "OrderNo"),
      OrderLineKey: text(line, "OrderLineKey"),
      PrimeLineNo: text(line, "PrimeLineNo"),
      SubLineNo: text(line, "SubLineNo"),
      ItemID: text(typeof line.Item === "object" && !Array.isArray(line.Item) ? line.Item : {}, "ItemID"),
      Quantity: wanted.Quantity ?? text(line, "OrderedQty"),
    });
  }
  if (!first) throw faults.badInput("createShipment: ShipmentLines is mandatory");
  // Header attributes the caller gives (ShipmentNo, SellerOrganizationCode, SCAC, TrackingNo…) are kept; Sterling
  // generates ShipmentNo only when none is given.
  const given = Object.fromEntries(
    Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
  const shipment: Doc = {
    ...given,
    ShipmentKey: mintKey(state),
    ShipmentNo: given.ShipmentNo ?? String(100_000_400 + state.shipments.length + 1),
    OrderHeaderKey: text(first, "OrderHeaderKey"),
    OrderNo: text(first, "OrderNo"),
    EnterpriseCode: input.EnterpriseCode || text(first, "EnterpriseCode"),
    DocumentType: input.DocumentType || text(first, "DocumentType"),
    ShipNode: input.ShipNode || text(orderLines(first)[0] ?? {}, "ShipNode"),
    Status: "1100",
    Createts: now,
    Modifyts: now,
    Lockid: "0",
    ShipmentLines: { ShipmentLine: shipmentLines },
  };
  state.shipments.push(shipment);
  return shipment;
}

const confirmInput = z.looseObject({ ShipmentKey: attribute, ShipmentNo: attribute, ShipNode: attribute });

function confirmShipment(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(confirmInput, raw, "confirmShipment");
  const shipment = state.shipments.find((candidate) =>
    input.ShipmentKey
      ? text(candidate, "ShipmentKey") === input.ShipmentKey
      : text(candidate, "ShipmentNo") === input.ShipmentNo && text(candidate, "ShipNode") === input.ShipNode,
  );
  if (!shipment) throw faults.badInput("confirmShipment: Shipment not found");
  shipment.Status = "1400";
  shipment.ActualShipmentDate = timestamp(state);
  touch(shipment, state);
  const lines = shipment.ShipmentLines;
  const shipped = typeof lines === "object" && !Array.isArray(lines) ? lines.ShipmentLine : undefined;
  for (const entry of Array.isArray(shipped) ? shipped : []) {
    const order = findOrder(state, { OrderHeaderKey: text(entry, "OrderHeaderKey") }, "confirmShipment");
    setLineStatus(findLine(order, { OrderLineKey: text(entry, "OrderLineKey") }), SHIPPED, state);
    summariseOrderStatus(order);
    touch(order, state);
  }
  return shipment;
}

export const fulfilmentApis = { changeOrderStatus, scheduleOrder, releaseOrder, createShipment, confirmShipment };
