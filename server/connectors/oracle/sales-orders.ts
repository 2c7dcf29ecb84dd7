// What the Oracle actions and triggers read of a salesOrdersForOrderHub item, and reading the collection page by
// page to the end (ADF paging: limit and offset in, count, hasMore and, on request, totalResults out).
import { z } from "zod";
import type { OracleAccount } from "./auth";
import { callOracle, readBody } from "./client";
import { sourceOrderKey } from "./order-key";

const text = z.union([z.string(), z.number()]).transform(String);
const optionalText = text.nullish().transform((value) => value ?? null);

export const salesOrderLine = z
  .object({
    FulfillLineId: optionalText,
    LineNumber: z.union([z.number(), z.string()]).nullish(),
    ProductNumber: optionalText,
    OrderedQuantity: z.number().nullish(),
    OrderedUOM: optionalText,
    StatusCode: optionalText,
    RequestedFulfillmentOrganizationCode: optionalText,
    SourceTransactionLineId: optionalText,
  })
  .passthrough();

/** Framework 3 and later return an expanded child as a collection, earlier versions as a plain array. */
const childLines = z
  .union([z.array(salesOrderLine), z.object({ items: z.array(salesOrderLine) }).passthrough()])
  .transform((value) => (Array.isArray(value) ? value : value.items));

export const salesOrderSchema = z
  .object({
    HeaderId: text,
    OrderNumber: optionalText,
    SourceTransactionSystem: z.string(),
    SourceTransactionId: z.string(),
    SourceTransactionNumber: optionalText,
    BusinessUnitName: optionalText,
    StatusCode: optionalText,
    CreationDate: optionalText,
    LastUpdateDate: optionalText,
    lines: childLines.optional(),
  })
  .passthrough();

export type SalesOrder = z.output<typeof salesOrderSchema>;

export const collectionSchema = z.object({
  items: z.array(salesOrderSchema),
  count: z.number().optional(),
  hasMore: z.boolean().optional(),
  totalResults: z.number().optional(),
  limit: z.number().optional(),
  offset: z.number().optional(),
});

/** The order as the actions and triggers return it: Oracle's attributes, its OrderKey, and lines as a list. */
export function describeOrder(order: SalesOrder) {
  const { links: _links, lines, ...attributes } = order;
  return {
    ...attributes,
    OrderKey: sourceOrderKey(order.SourceTransactionSystem, order.SourceTransactionId),
    HeaderId: order.HeaderId,
    OrderNumber: order.OrderNumber,
    SourceTransactionSystem: order.SourceTransactionSystem,
    SourceTransactionId: order.SourceTransactionId,
    StatusCode: order.StatusCode,
    LastUpdateDate: order.LastUpdateDate,
    ...(lines ? { lines: lines.map(({ links: _lineLinks, ...line }) => line) } : {}),
  };
}

export const describedOrder = z
  .object({
    OrderKey: z.string(),
    HeaderId: z.string(),
    OrderNumber: z.string().nullable(),
    SourceTransactionSystem: z.string(),
    SourceTransactionId: z.string(),
    StatusCode: z.string().nullable(),
    LastUpdateDate: z.string().nullable(),
  })
  .catchall(z.unknown());

export interface ListQuery {
  q?: string;
  orderBy?: string;
  fields?: string;
  expandLines?: boolean;
}

/** Oracle documents 25 as the default page; larger pages mean fewer calls for a whole list. */
export const PAGE_SIZE = 100;

/** Every order matching the query, page by page until Oracle's hasMore says it is all (or `maxOrders`). */
export async function listAllSalesOrders(
  account: OracleAccount,
  query: ListQuery,
  signal: AbortSignal,
  options: { pageSize?: number; maxOrders?: number; what?: string } = {},
): Promise<{ orders: SalesOrder[]; totalResults: number | null; hasMore: boolean; pages: number }> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const max = options.maxOrders ?? Number.POSITIVE_INFINITY;
  const what = options.what ?? "the sales orders";
  const orders: SalesOrder[] = [];
  let totalResults: number | null = null;
  let pages = 0;
  let hasMore = true;
  while (hasMore && orders.length < max) {
    const response = await callOracle(account, {
      method: "GET",
      path: "",
      query: {
        q: query.q,
        orderBy: query.orderBy,
        fields: query.fields,
        expand: query.expandLines && !query.fields ? "lines" : undefined,
        onlyData: "true",
        limit: Math.min(pageSize, max - orders.length),
        offset: orders.length,
        totalResults: pages === 0 ? "true" : undefined,
      },
      what,
      signal,
    });
    const page = readBody(collectionSchema, response, account, what);
    pages += 1;
    if (page.totalResults !== undefined) totalResults = page.totalResults;
    orders.push(...page.items);
    // A page that says nothing of hasMore is the last one only if it came back short.
    hasMore = page.hasMore ?? page.items.length >= pageSize;
    if (page.items.length === 0) hasMore = false;
  }
  return { orders, totalResults, hasMore, pages };
}
