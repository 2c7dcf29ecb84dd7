// The simulator's order APIs: getOrderList, getOrderDetails, createOrder and changeOrder, with Sterling's attribute
// names, its status codes (1100 Created … 3700 Shipped, 9000 Cancelled) and its refusals.
import { z } from "zod";
import {
  attribute,
  child,
  children,
  docSchema,
  faults,
  filterDocs,
  maximumRecords,
  parseInput,
  text,
  type Doc,
  type SimulatorState,
} from "./state";

const statusNames: Record<string, string> = {
  "1100": "Created",
  "1300": "Backordered",
  "1500": "Scheduled",
  "3200": "Released",
  "3700": "Shipped",
  "9000": "Cancelled",
};
const SHIPPED = 3700;
const CANCELLED = "9000";
const quantity = z.string().regex(/^\d+(\.\d+)?$/, "must be a number");

function orderHeaderKey(sequence: number): string {
  return `20250101000000${String(sequence).padStart(10, "0")}`;
}

function withStatus(doc: Doc, code: string): void {
  doc.Status = statusNames[code] ?? code;
  doc.MinOrderStatus = code;
  doc.MaxOrderStatus = code;
}

/** Completes a seeded order with what Sterling would have filled in. */
export function seedOrder(order: Doc, index: number): Doc {
  const seeded: Doc = {
    OrderHeaderKey: orderHeaderKey(index + 1),
    DocumentType: "0001",
    OrderDate: "2025-01-01T00:00:00+00:00",
    ...order,
  };
  withStatus(seeded, text(order, "MaxOrderStatus") || "1100");
  const lines = children(child(seeded, "OrderLines"), "OrderLine").map((line, lineIndex) => ({
    OrderLineKey: `${text(seeded, "OrderHeaderKey")}${lineIndex + 1}`,
    SubLineNo: "1",
    Status: text(seeded, "Status"),
    ...line,
  }));
  seeded.OrderLines = { OrderLine: lines };
  return seeded;
}

const identityInput = z.looseObject({
  OrderHeaderKey: attribute,
  OrderNo: attribute,
  EnterpriseCode: attribute,
  DocumentType: attribute,
});

function findOrder(state: SimulatorState, input: z.output<typeof identityInput>, api: string): Doc {
  if (!input.OrderHeaderKey && !(input.OrderNo && input.EnterpriseCode)) {
    throw faults.badInput(`${api}: OrderHeaderKey or OrderNo and EnterpriseCode are mandatory`);
  }
  const filters = input.OrderHeaderKey
    ? { OrderHeaderKey: input.OrderHeaderKey }
    : { OrderNo: input.OrderNo, EnterpriseCode: input.EnterpriseCode, DocumentType: input.DocumentType ?? "0001" };
  const order = filterDocs(state.orders, filters, 1)[0];
  if (!order) throw faults.orderNotFound();
  return order;
}

const listInput = identityInput.extend({
  CustomerEMailID: attribute,
  Status: attribute,
  OrderDateQryType: z.enum(["BETWEEN", "GE", "LE", "EQ"]).optional(),
  OrderDate: attribute,
  FromOrderDate: attribute,
  ToOrderDate: attribute,
  MaximumRecords: maximumRecords,
});

function inDateRange(order: Doc, input: z.output<typeof listInput>): boolean {
  const at = Date.parse(text(order, "OrderDate"));
  const from = Date.parse(input.FromOrderDate ?? input.OrderDate ?? "");
  const to = Date.parse(input.ToOrderDate ?? input.OrderDate ?? "");
  switch (input.OrderDateQryType) {
    case "BETWEEN":
      return at >= from && at <= to;
    case "GE":
      return at >= from;
    case "LE":
      return at <= to;
    default:
      return true;
  }
}

function getOrderList(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(listInput, raw, "getOrderList");
  const matching = filterDocs(
    state.orders,
    {
      OrderHeaderKey: input.OrderHeaderKey,
      OrderNo: input.OrderNo,
      EnterpriseCode: input.EnterpriseCode,
      DocumentType: input.DocumentType ?? "0001",
      CustomerEMailID: input.CustomerEMailID,
    },
    Number.MAX_SAFE_INTEGER,
  ).filter(
    (order) =>
      (!input.Status || [text(order, "MinOrderStatus"), text(order, "MaxOrderStatus")].includes(input.Status)) &&
      inDateRange(order, input),
  );
  // getOrderList's default template lists headers without their lines.
  const page = matching.slice(0, input.MaximumRecords).map(({ OrderLines: _lines, ...header }) => header);
  const last = page.at(-1);
  return {
    ...(page.length > 0 ? { Order: page } : {}),
    TotalOrderList: String(page.length),
    LastRecordSet: matching.length > page.length ? "N" : "Y",
    LastOrderHeaderKey: last ? text(last, "OrderHeaderKey") : "",
    ReadFromHistory: "",
  };
}

function getOrderDetails(raw: unknown, state: SimulatorState): Doc {
  return findOrder(state, parseInput(identityInput, raw, "getOrderDetails"), "getOrderDetails");
}

const createInput = z.looseObject({
  EnterpriseCode: z.string().min(1),
  DocumentType: attribute,
  OrderNo: attribute,
  OrderLines: z.looseObject({
    OrderLine: z
      .array(
        z.looseObject({
          PrimeLineNo: z.string().regex(/^\d+$/),
          OrderedQty: quantity,
          Item: z.looseObject({ ItemID: z.string().min(1), UnitOfMeasure: z.string().min(1) }),
          LinePriceInfo: z.looseObject({ UnitPrice: quantity }).optional(),
        }),
      )
      .min(1),
  }),
});

function createOrder(raw: unknown, state: SimulatorState): Doc {
  const doc = parseInput(docSchema, raw, "createOrder");
  const input = parseInput(createInput, doc, "createOrder");
  const documentType = input.DocumentType ?? "0001";
  const orderNo = input.OrderNo || `Y${state.nextOrderNo++}`;
  const identity = { OrderNo: orderNo, EnterpriseCode: input.EnterpriseCode, DocumentType: documentType };
  if (filterDocs(state.orders, identity, 1).length > 0) throw faults.duplicateOrder(orderNo);
  for (const line of input.OrderLines.OrderLine) {
    const known = state.items.some(
      (item) => text(item, "ItemID") === line.Item.ItemID && text(item, "UnitOfMeasure") === line.Item.UnitOfMeasure,
    );
    if (state.items.length > 0 && !known) throw faults.itemNotFound();
  }
  const total = input.OrderLines.OrderLine.reduce(
    (sum, line) => sum + Number(line.OrderedQty) * Number(line.LinePriceInfo?.UnitPrice ?? 0),
    0,
  );
  const order = seedOrder(
    {
      ...doc,
      OrderNo: orderNo,
      DocumentType: documentType,
      OrderDate: text(doc, "OrderDate") || new Date().toISOString(),
      PriceInfo: { ...child(doc, "PriceInfo"), TotalAmount: total.toFixed(2) },
    },
    state.orders.length,
  );
  state.orders.push(order);
  return order;
}

const changeInput = identityInput.extend({
  Action: z.enum(["MODIFY", "CANCEL"]).optional(),
  OrderLines: z
    .looseObject({
      OrderLine: z.array(
        z.looseObject({
          PrimeLineNo: z.string(),
          SubLineNo: attribute,
          Action: z.enum(["MODIFY", "CANCEL"]).optional(),
          OrderedQty: quantity.optional(),
        }),
      ),
    })
    .optional(),
});
const notHeaderChanges = new Set([
  "OrderHeaderKey",
  "OrderNo",
  "EnterpriseCode",
  "DocumentType",
  "Action",
  "OrderLines",
]);

function changeOrder(raw: unknown, state: SimulatorState): Doc {
  const doc = parseInput(docSchema, raw, "changeOrder");
  const input = parseInput(changeInput, doc, "changeOrder");
  const order = findOrder(state, input, "changeOrder");
  const lines = children(child(order, "OrderLines"), "OrderLine");
  if (input.Action === "CANCEL") {
    const status = text(order, "MaxOrderStatus");
    if (Number(status) >= SHIPPED && status !== CANCELLED) throw faults.cannotCancel(text(order, "Status"));
    for (const line of lines) line.Status = statusNames[CANCELLED] ?? CANCELLED;
    withStatus(order, CANCELLED);
    return order;
  }
  for (const change of input.OrderLines?.OrderLine ?? []) {
    const subLineNo = change.SubLineNo ?? "1";
    const line = lines.find(
      (candidate) =>
        text(candidate, "PrimeLineNo") === change.PrimeLineNo && text(candidate, "SubLineNo") === subLineNo,
    );
    if (!line) throw faults.lineNotFound(change.PrimeLineNo);
    if (change.Action === "CANCEL") {
      line.OrderedQty = "0";
      line.Status = statusNames[CANCELLED] ?? CANCELLED;
    } else if (change.OrderedQty !== undefined) {
      line.OrderedQty = change.OrderedQty;
    }
  }
  for (const [key, value] of Object.entries(doc)) {
    if (!notHeaderChanges.has(key) && !key.startsWith("Modification")) order[key] = value;
  }
  if (lines.length > 0 && lines.every((line) => text(line, "OrderedQty") === "0")) withStatus(order, CANCELLED);
  return order;
}

export const orderApis = { getOrderList, getOrderDetails, createOrder, changeOrder };
