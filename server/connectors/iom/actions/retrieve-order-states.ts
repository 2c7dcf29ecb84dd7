// Retrieve order states: Order 2.0's order-states search by shop order numbers, customers, products and statuses,
// sorted, read page by page to the end (up to the step's limit), each with its ICM status and payment state.
import { z } from "zod";
import { field } from "../../sdk";
import { iomAccount, iomAction, textList } from "../common";
import { allOrderStates, describedOrder, describeOrder } from "../order-states";

export const retrieveOrderStatesAction = iomAction({
  key: "retrieveOrderStates",
  label: "Retrieve order states",
  description: "Finds orders in IOM and returns their state, positions, payment state and documents (Order 2.0).",
  group: "Order state",
  input: z.object({
    shopOrderNumbers: textList("Shop order numbers", "One per line or separated by commas; empty: any.", 1),
    shopCustomerNumbers: textList("Shop customer numbers", "One per line or separated by commas; empty: any.", 2),
    productNumbers: textList("Shop product IDs", "Orders containing any of these products; empty: any.", 3),
    statuses: textList("IOM statuses", "e.g. STATE_COMMISSIONED, STATE_DISPATCHED; empty: any.", 4),
    createdFrom: z.iso
      .date()
      .optional()
      .meta(field({ title: "Created on or after", order: 5 })),
    createdTo: z.iso
      .date()
      .optional()
      .meta(field({ title: "Created on or before", order: 6 })),
    orderBy: z
      .enum(["shopOrderCreationDate", "shopOrderNumber", "shopCustomerNumber"])
      .default("shopOrderCreationDate")
      .meta(
        field({
          title: "Sort by",
          order: 7,
          enumLabels: {
            shopOrderCreationDate: "Order date",
            shopOrderNumber: "Shop order number",
            shopCustomerNumber: "Shop customer number",
          },
        }),
      ),
    sortDirection: z
      .enum(["ASC", "DESC"])
      .default("ASC")
      .meta(field({ title: "Direction", order: 8, enumLabels: { ASC: "Ascending", DESC: "Descending" } })),
    maxOrders: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(1000)
      .meta(field({ title: "At most", description: "Pages are read until the end or this many orders.", order: 9 })),
  }),
  output: z.object({
    orders: z.array(describedOrder),
    count: z.number(),
    totalCount: z.number(),
    hasMore: z.boolean(),
  }),
  async run({ input, ctx }) {
    const account = iomAccount(ctx.account);
    const listOrUndefined = (list: string[]) => (list.length ? list : undefined);
    const found = await allOrderStates(
      account,
      {
        shopOrderNumbers: listOrUndefined(input.shopOrderNumbers),
        shopCustomerNumbers: listOrUndefined(input.shopCustomerNumbers),
        productNumbers: listOrUndefined(input.productNumbers),
        statuses: listOrUndefined(input.statuses),
        createdFrom: input.createdFrom,
        createdTo: input.createdTo,
        orderBy: input.orderBy,
        sortDirection: input.sortDirection,
      },
      ctx.signal,
      { maxOrders: input.maxOrders },
    );
    return {
      orders: found.orders.map(describeOrder),
      count: found.orders.length,
      totalCount: found.totalCount,
      hasMore: found.truncated || found.orders.length < found.totalCount,
    };
  },
});
