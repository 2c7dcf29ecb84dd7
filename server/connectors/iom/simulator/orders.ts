// Order 2.0: POST /shops/{shopId}/orders (201 + Location) and GET /shops/{shopId}/order-states with the documented
// filters, sort (orderBy, sortDirection) and paging (offset, limit; meta.totalCount and links).
import { orderDocument } from "./documents";
import { errorReport, json, empty, type SimOrder, type SimReply, type SimShop, type SimState } from "./state";
import { submittedOrder, violations, type SubmittedOrder } from "./order-schema";

export const ORDER_MEDIA_TYPE = "application/vnd.intershop.order.v2+json";
const ORDER_STATES_MAX_LIMIT = 500;

export function createOrder(state: SimState, shop: SimShop, body: unknown, base: string): SimReply {
  const parsed = submittedOrder.safeParse(body);
  if (!parsed.success) return errorReport(violations(parsed.error));
  const order = parsed.data;
  const unknown: { code: string; message: string; value?: unknown }[] = [];
  order.shippingBuckets.forEach((bucket, b) =>
    bucket.positions.forEach((position, p) => {
      if (!shop.products.some((product) => product.number === position.product.number)) {
        unknown.push({
          code: "VALIDATION_EXCEPTION",
          message: `shippingBuckets[${b}].positions[${p}].product.number: unknown product of shop ${shop.id}`,
          value: position.product.number,
        });
      }
    }),
  );
  if (unknown.length) return errorReport(unknown);
  const taken = state.orders.some((o) => o.shopId === shop.id && o.order.shopOrderNumber === order.shopOrderNumber);
  if (taken) {
    return errorReport([
      {
        code: "VALIDATION_EXCEPTION",
        message: "shopOrderNumber: an order with this shop order number exists already",
        value: order.shopOrderNumber,
      },
    ]);
  }
  const id = addOrder(state, shop, order);
  return empty(201, { location: `${base}/rest/order-service/shops/${shop.id}/orders/${id}` });
}

/** Keeps an order IOM accepted (through REST or SOAP), its positions in the state IOM gives new orders. */
export function addOrder(state: SimState, shop: SimShop, order: SubmittedOrder): number {
  const now = state.clock().toISOString();
  const id = state.nextId++;
  let number = 0;
  const positions = order.shippingBuckets.flatMap((bucket) =>
    bucket.positions.map((position) => {
      number = position.number ?? number + 1;
      return {
        number,
        productNumber: position.product.number,
        productName: position.product.name,
        quantity: position.quantity,
        status: "STATE_CHECKED",
        dispatched: 0,
        returned: 0,
      };
    }),
  );
  state.orders.push({
    id,
    shopId: shop.id,
    order,
    status: "STATE_CHECKED",
    positions,
    documents: [],
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

function orderState(order: SimOrder, base: string) {
  const byNumber = new Map(order.positions.map((position) => [position.productNumber, position]));
  let index = 0;
  return {
    ...order.order,
    shopOrderUpdateDate: order.updatedAt,
    status: order.status,
    ...(order.paymentState
      ? {
          paymentState: {
            ...order.paymentState,
            creationDate: order.createdAt,
            lastCalculationDate: order.updatedAt,
          },
        }
      : {}),
    documents: order.documents.map((document) => orderDocument(base, document)),
    notes: [],
    shippingBuckets: order.order.shippingBuckets.map((bucket) => ({
      ...bucket,
      positions: bucket.positions.map((position) => {
        const sim = order.positions[index++] ?? byNumber.get(position.product.number);
        return {
          number: sim?.number,
          product: position.product,
          status: sim?.status ?? order.status,
          ordered: { quantity: position.quantity },
          dispatched: sim?.dispatched ? [{ quantity: sim.dispatched, dispatchDate: order.updatedAt }] : [],
          returned: sim?.returned ? [{ quantities: { returned: sim.returned } }] : [],
        };
      }),
    })),
  };
}

const sortKeys = {
  shopOrderNumber: (order: SimOrder) => order.order.shopOrderNumber,
  shopCustomerNumber: (order: SimOrder) => order.order.customerData.shopCustomerNumber ?? "",
  shopOrderCreationDate: (order: SimOrder) => new Date(order.order.shopOrderCreationDate).toISOString(),
} as const;

export function orderStates(
  state: SimState,
  shop: SimShop,
  query: URLSearchParams,
  self: string,
  base: string,
): SimReply {
  const list = (name: string) =>
    query
      .getAll(name)
      .flatMap((value) => value.split(","))
      .filter(Boolean);
  const orderBy = query.get("orderBy") ?? "shopOrderCreationDate";
  const direction = query.get("sortDirection") ?? "ASC";
  const offset = Number(query.get("offset") ?? "0");
  const limit = Number(query.get("limit") ?? "50");
  const problems: { code: string; message: string; value?: unknown }[] = [];
  if (!(orderBy in sortKeys))
    problems.push({ code: "VALIDATION_EXCEPTION", message: "orderBy: invalid value", value: orderBy });
  if (direction !== "ASC" && direction !== "DESC") {
    problems.push({ code: "VALIDATION_EXCEPTION", message: "sortDirection: invalid value", value: direction });
  }
  if (!Number.isInteger(offset) || offset < 0)
    problems.push({
      code: "VALIDATION_EXCEPTION",
      message: "offset: must be greater than or equal to 0",
      value: offset,
    });
  if (!Number.isInteger(limit) || limit < 1 || limit > ORDER_STATES_MAX_LIMIT) {
    problems.push({
      code: "VALIDATION_EXCEPTION",
      message: `limit: must be between 1 and ${ORDER_STATES_MAX_LIMIT}`,
      value: limit,
    });
  }
  if (problems.length) return errorReport(problems);
  const numbers = list("shopOrderNumbers");
  const customers = list("shopCustomerNumbers");
  const products = list("productNumbers");
  const statuses = list("statuses");
  const from = query.get("shopOrderCreationDate[gte]");
  const to = query.get("shopOrderCreationDate[lte]");
  const key = sortKeys[orderBy as keyof typeof sortKeys];
  const matching = state.orders
    .filter((order) => order.shopId === shop.id)
    .filter((order) => !numbers.length || numbers.includes(order.order.shopOrderNumber))
    .filter((order) => !customers.length || customers.includes(order.order.customerData.shopCustomerNumber ?? ""))
    .filter(
      (order) => !products.length || order.positions.some((position) => products.includes(position.productNumber)),
    )
    .filter((order) => !statuses.length || statuses.includes(order.status))
    .filter((order) => !from || order.order.shopOrderCreationDate.slice(0, 10) >= from)
    .filter((order) => !to || order.order.shopOrderCreationDate.slice(0, 10) <= to)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * (direction === "DESC" ? -1 : 1));
  const page = matching.slice(offset, offset + limit);
  const link = (at: number) => {
    const url = new URL(self);
    url.searchParams.set("offset", String(at));
    url.searchParams.set("limit", String(limit));
    return url.toString();
  };
  const links: Record<string, string> = { self: link(offset) };
  if (offset + limit < matching.length) links.next = link(offset + limit);
  if (offset > 0) links.prev = link(Math.max(0, offset - limit));
  return json(
    200,
    { data: page.map((order) => orderState(order, base)), meta: { totalCount: matching.length }, links },
    ORDER_MEDIA_TYPE,
  );
}
