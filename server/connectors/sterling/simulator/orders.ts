// The simulator's order APIs: getOrderList, getOrderDetails, createOrder and changeOrder, with Sterling's attribute
// names, its status codes (1100 Created … 3700 Shipped, 9000 Cancelled) and its refusals.
import { z } from "zod";
import { matchesQuery, sortByOrderBy } from "./query";
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
  mintKey,
  timestamp,
  type Doc,
  type SimulatorState,
} from "./state";
import { CREATED, setLineStatus, statusName, summariseOrderStatus } from "./statuses";

export const quantity = z.string().regex(/^\d+(\.\d+)?$/, "must be a number");

function seededKey(sequence: number): string {
  return `20250101000000${String(sequence).padStart(10, "0")}`;
}

/**
 * Completes an order with what Sterling would have filled in: keys, timestamps, Lockid and each line's status
 * history. A seeded order (no `state` clock reading wanted) keeps its given Createts/Modifyts, or its OrderDate.
 */
export function seedOrder(order: Doc, state: SimulatorState, key = seededKey(state.orders.length + 1)): Doc {
  const created = text(order, "Createts") || text(order, "OrderDate") || timestamp(state);
  const seeded: Doc = {
    OrderHeaderKey: key,
    DocumentType: "0001",
    OrderDate: created,
    ...order,
    Createts: created,
    Modifyts: text(order, "Modifyts") || created,
    Lockid: text(order, "Lockid") || "0",
  };
  const status = text(order, "MaxOrderStatus") || CREATED;
  const at = { clock: () => new Date(created) };
  const lines = children(child(seeded, "OrderLines"), "OrderLine").map((line, lineIndex) => {
    const completed: Doc = {
      OrderLineKey: `${text(seeded, "OrderHeaderKey")}${lineIndex + 1}`,
      SubLineNo: "1",
      ...line,
    };
    if (!child(completed, "OrderStatuses")) setLineStatus(completed, text(line, "MaxLineStatus") || status, at);
    return completed;
  });
  seeded.OrderLines = { OrderLine: lines };
  if (lines.length > 0) summariseOrderStatus(seeded);
  else {
    seeded.MinOrderStatus = status;
    seeded.MaxOrderStatus = status;
    seeded.Status = statusName(status);
  }
  return seeded;
}

export const identityInput = z.looseObject({
  OrderHeaderKey: attribute,
  OrderNo: attribute,
  EnterpriseCode: attribute,
  DocumentType: attribute,
});

export function findOrder(state: SimulatorState, input: z.output<typeof identityInput>, api: string): Doc {
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

export const orderIdentityInput = identityInput;

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

/**
 * Every order matching a getOrderList input, whole and sorted by its OrderBy: Status matches either end of the
 * order's status range, OrderDate keeps its date-range form, and any other attribute (Modifyts, Createts,
 * OrderHeaderKey...) follows the generic query language.
 */
export function queryOrders(raw: unknown, state: SimulatorState): { input: z.output<typeof listInput>; orders: Doc[] } {
  const input = parseInput(listInput, raw, "getOrderList");
  const generic = { ...input, DocumentType: input.DocumentType ?? "0001" };
  const matching = state.orders.filter(
    (order) =>
      matchesQuery(order, generic, ["Status", "OrderDate", "FromOrderDate", "ToOrderDate", "OrderDateQryType"]) &&
      (!input.Status || [text(order, "MinOrderStatus"), text(order, "MaxOrderStatus")].includes(input.Status)) &&
      inDateRange(order, input),
  );
  return { input, orders: sortByOrderBy(matching, input) };
}

/** getOrderList's default output template: header attributes, without lines, timestamps or addresses. */
export function defaultOrderListEntry(order: Doc): Doc {
  const {
    OrderLines: _lines,
    Createts: _createts,
    Modifyts: _modifyts,
    Lockid: _lockid,
    PersonInfoShipTo: _shipTo,
    ...header
  } = order;
  return header;
}

function getOrderList(raw: unknown, state: SimulatorState): Doc {
  const { input, orders } = queryOrders(raw, state);
  const page = orders.slice(0, input.MaximumRecords).map(defaultOrderListEntry);
  const last = page.at(-1);
  return {
    ...(page.length > 0 ? { Order: page } : {}),
    TotalOrderList: String(page.length),
    LastRecordSet: orders.length > page.length ? "N" : "Y",
    LastOrderHeaderKey: last ? text(last, "OrderHeaderKey") : "",
    ReadFromHistory: "",
  };
}

function getOrderDetails(raw: unknown, state: SimulatorState): Doc {
  return findOrder(state, parseInput(identityInput, raw, "getOrderDetails"), "getOrderDetails");
}

/** A line as createOrder takes it, and changeOrder with a line's Action="CREATE". */
export const newLineInput = z.looseObject({
  PrimeLineNo: z.string().regex(/^\d+$/),
  OrderedQty: quantity,
  Item: z.looseObject({ ItemID: z.string().min(1), UnitOfMeasure: z.string().min(1) }),
  LinePriceInfo: z.looseObject({ UnitPrice: quantity }).optional(),
});

/** Sterling refuses a line whose item (ID and unit of measure) its catalog does not hold. */
export function checkItem(line: z.output<typeof newLineInput>, state: SimulatorState): void {
  const known = state.items.some(
    (item) => text(item, "ItemID") === line.Item.ItemID && text(item, "UnitOfMeasure") === line.Item.UnitOfMeasure,
  );
  if (state.items.length > 0 && !known) throw faults.itemNotFound();
}

const createInput = z.looseObject({
  EnterpriseCode: z.string().min(1),
  DocumentType: attribute,
  OrderNo: attribute,
  OrderLines: z.looseObject({
    OrderLine: z.array(newLineInput).min(1),
  }),
});

/** What Sterling sets itself and a caller cannot: keys, timestamps, the lock counter and the status summary. */
export const systemAttributes = [
  "OrderHeaderKey",
  "Createts",
  "Modifyts",
  "Lockid",
  "Status",
  "MinOrderStatus",
  "MaxOrderStatus",
] as const;

function createOrder(raw: unknown, state: SimulatorState): Doc {
  const doc = parseInput(docSchema, raw, "createOrder");
  const input = parseInput(createInput, doc, "createOrder");
  const documentType = input.DocumentType ?? "0001";
  let orderNo = input.OrderNo ?? "";
  // Sterling draws generated numbers from a sequence that skips numbers already taken (the sample orders').
  while (!orderNo || (!input.OrderNo && state.orders.some((order) => text(order, "OrderNo") === orderNo))) {
    orderNo = `Y${state.nextOrderNo++}`;
  }
  const identity = { OrderNo: orderNo, EnterpriseCode: input.EnterpriseCode, DocumentType: documentType };
  if (filterDocs(state.orders, identity, 1).length > 0) throw faults.duplicateOrder(orderNo);
  for (const line of input.OrderLines.OrderLine) checkItem(line, state);
  const total = input.OrderLines.OrderLine.reduce(
    (sum, line) => sum + Number(line.OrderedQty) * Number(line.LinePriceInfo?.UnitPrice ?? 0),
    0,
  );
  const given: Doc = { ...doc };
  for (const name of systemAttributes) delete given[name];
  const now = timestamp(state);
  const order = seedOrder(
    {
      ...given,
      OrderNo: orderNo,
      DocumentType: documentType,
      OrderDate: text(doc, "OrderDate") || now,
      PriceInfo: { ...child(doc, "PriceInfo"), TotalAmount: total.toFixed(2) },
      OrderLines: {
        OrderLine: input.OrderLines.OrderLine.map((line) => {
          const { MinLineStatus: _min, MaxLineStatus: _max, OrderStatuses: _statuses, ...rest } = line;
          return parseInput(docSchema, rest, "createOrder");
        }),
      },
      Createts: now,
      Modifyts: now,
    },
    state,
    mintKey(state),
  );
  state.orders.push(order);
  return order;
}

export const orderApis = { getOrderList, getOrderDetails, createOrder };
