// Order 2.0's order states: the reply schema (what the actions and triggers read of OrderState), paging through
// GET /shops/{shopId}/order-states to the end, the ICM↔IOM status mapping of the IOM Connector and the payment state
// as ICM's Payment panel shows it (Paid, Part Paid, Not Paid).
import { z } from "zod";
import type { IomAccount } from "./auth";
import { callIom, ORDER_MEDIA_TYPE, orderServicePath, readBody, type QueryValue } from "./client";

const position = z
  .object({
    number: z.number().optional(),
    product: z.object({ number: z.string(), name: z.string().optional() }).passthrough(),
    status: z.string(),
  })
  .passthrough();

const paymentState = z
  .object({
    invoicingDebitAmount: z.number(),
    invoicingCreditAmount: z.number(),
    bookedDebitAmount: z.number(),
    bookedCreditAmount: z.number(),
    currencyCode: z.string(),
  })
  .passthrough();

export const orderStateSchema = z
  .object({
    shopOrderNumber: z.string(),
    shopOrderCreationDate: z.string(),
    shopOrderUpdateDate: z.string().optional(),
    status: z.string(),
    customerData: z.object({ shopCustomerNumber: z.string().optional() }).passthrough(),
    paymentState: paymentState.optional(),
    documents: z
      .array(
        z
          .object({
            type: z.string(),
            downloadLink: z.string(),
            creationDate: z.string().optional(),
            mimeType: z.string().optional(),
          })
          .passthrough(),
      )
      .optional()
      .default([]),
    shippingBuckets: z.array(z.object({ positions: z.array(position) }).passthrough()),
  })
  .passthrough();

export type OrderState = z.output<typeof orderStateSchema>;

const collection = z.object({
  data: z.array(orderStateSchema).default([]),
  meta: z.object({ totalCount: z.number() }).optional(),
});

export interface OrderStateQuery {
  shopOrderNumbers?: string[];
  shopCustomerNumbers?: string[];
  productNumbers?: string[];
  statuses?: string[];
  createdFrom?: string;
  createdTo?: string;
  orderBy?: "shopOrderNumber" | "shopCustomerNumber" | "shopOrderCreationDate";
  sortDirection?: "ASC" | "DESC";
}

/** Pages IOM allows per call: the definition's default is 50; larger pages mean fewer calls for a whole list. */
export const PAGE_SIZE = 100;

/** Every order state matching the query, page by page until IOM's totalCount (or an empty page) says it is all. */
export async function allOrderStates(
  account: IomAccount,
  query: OrderStateQuery,
  signal: AbortSignal,
  options: { pageSize?: number; maxOrders?: number } = {},
): Promise<{ orders: OrderState[]; totalCount: number; truncated: boolean; pages: number }> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const max = options.maxOrders ?? Number.POSITIVE_INFINITY;
  const orders: OrderState[] = [];
  let totalCount = 0;
  let pages = 0;
  const params: Record<string, QueryValue> = {
    shopOrderNumbers: query.shopOrderNumbers,
    shopCustomerNumbers: query.shopCustomerNumbers,
    productNumbers: query.productNumbers,
    statuses: query.statuses,
    "shopOrderCreationDate[gte]": query.createdFrom,
    "shopOrderCreationDate[lte]": query.createdTo,
    orderBy: query.orderBy,
    sortDirection: query.sortDirection,
  };
  for (let offset = 0; orders.length < max; offset += pageSize) {
    const response = await callIom(account, {
      method: "GET",
      path: orderServicePath(account, "/order-states"),
      query: { ...params, offset, limit: pageSize },
      mediaType: ORDER_MEDIA_TYPE,
      what: "the order states",
      signal,
    });
    const page = readBody(collection, response, account, "the order states");
    pages += 1;
    orders.push(...page.data);
    // A server may cap the page below the size asked for, so only totalCount or an empty page ends the list.
    totalCount = page.meta?.totalCount ?? orders.length;
    if (page.data.length === 0 || orders.length >= totalCount) break;
    if (!page.meta && page.data.length < pageSize) break;
  }
  const truncated = orders.length > max;
  return { orders: truncated ? orders.slice(0, max) : orders, totalCount, truncated, pages };
}

/**
 * IOM order status → the status ICM shows (IOM Connector 7.0 release note): transmitted = commissioned, shipped =
 * dispatched, in validation = checked or not checked (check failed), returned, canceled. REST statuses carry the
 * STATE_ prefix of the definition's examples; others have no ICM counterpart.
 */
const icmStatuses: Record<string, string> = {
  COMMISSIONED: "transmitted",
  DISPATCHED: "shipped",
  RETURNED: "returned",
  CANCELED: "canceled",
  CANCELLED: "canceled",
  CHECKED: "in validation",
  NOT_CHECKED: "in validation",
};

export function icmStatus(iomStatus: string): string | null {
  return icmStatuses[iomStatus.replace(/^STATE_/, "")] ?? null;
}

export type PaymentLabel = "Paid" | "Part Paid" | "Not Paid";

/**
 * The Payment panel's three states, from IOM's balances: invoiced (invoices less credit notes) against paid (inbound
 * less outbound payments). No payment state yet, or nothing invoiced: Not Paid.
 */
export function paymentSummary(state: OrderState["paymentState"]) {
  if (!state) return { status: "Not Paid" as PaymentLabel, invoiced: 0, paid: 0, open: 0, currencyCode: null };
  const invoiced = state.invoicingDebitAmount - state.invoicingCreditAmount;
  const paid = state.bookedDebitAmount - state.bookedCreditAmount;
  const status: PaymentLabel = paid <= 0 ? "Not Paid" : paid >= invoiced ? "Paid" : "Part Paid";
  const open = Math.round(Math.max(0, invoiced - paid) * 100) / 100;
  return { status, invoiced, paid, open, currencyCode: state.currencyCode };
}

export function positionsOf(order: OrderState) {
  return order.shippingBuckets.flatMap((bucket) =>
    bucket.positions.map((position) => ({
      number: position.number ?? null,
      productNumber: position.product.number,
      status: position.status,
      icmStatus: icmStatus(position.status),
    })),
  );
}

/** The order as the actions and triggers return it: IOM's OrderState with the mapped statuses beside it. */
export function describeOrder(order: OrderState) {
  return {
    shopOrderNumber: order.shopOrderNumber,
    shopCustomerNumber: order.customerData.shopCustomerNumber ?? null,
    createdAt: order.shopOrderCreationDate,
    status: order.status,
    icmStatus: icmStatus(order.status),
    payment: paymentSummary(order.paymentState),
    positions: positionsOf(order),
    documents: order.documents.map((document) => ({ type: document.type, downloadLink: document.downloadLink })),
    orderState: order,
  };
}

export const describedOrder = z.object({
  shopOrderNumber: z.string(),
  shopCustomerNumber: z.string().nullable(),
  createdAt: z.string(),
  status: z.string(),
  icmStatus: z.string().nullable(),
  payment: z.object({
    status: z.enum(["Paid", "Part Paid", "Not Paid"]),
    invoiced: z.number(),
    paid: z.number(),
    open: z.number(),
    currencyCode: z.string().nullable(),
  }),
  positions: z.array(
    z.object({
      number: z.number().nullable(),
      productNumber: z.string(),
      status: z.string(),
      icmStatus: z.string().nullable(),
    }),
  ),
  documents: z.array(z.object({ type: z.string(), downloadLink: z.string() })),
  orderState: z.record(z.string(), z.unknown()),
});
