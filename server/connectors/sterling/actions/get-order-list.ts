// Retrieve orders: Sterling's getOrderList with the filters a flow most often needs, read page by page up to the
// limit (read-pages.ts). Read-only, so a step that runs again after a crash just reads again; no idempotency key is
// needed.
import { z } from "zod";
import { field } from "../../sdk";
import {
  documentTypeField,
  enterpriseCodeField,
  maximumRecordsField,
  optionalText,
  restAction,
  statusField,
} from "../common";
import { restAccount } from "../account";
import { sterlingDateTime } from "../dates";
import { orderDocument } from "../documents";
import { readPages } from "./read-pages";

const LABEL = "Retrieve orders";

const dateOrDateTime = (title: string, order: number) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true, local: true })])
    .optional()
    .meta(
      field({
        title,
        description:
          "A date (2025-03-01: the whole day) or date and time (2025-03-01T08:00:00, or with an offset such as " +
          "2025-03-01T08:00:00+01:00). Without an offset, the account's time zone applies.",
        order,
      }),
    );

const input = z.object({
  enterpriseCode: enterpriseCodeField(1),
  documentType: documentTypeField(2),
  orderNo: optionalText("Order number", 3, undefined, 40),
  customerEmail: optionalText("Customer e-mail", 4, undefined, 150),
  status: statusField(5, {
    description: "Only orders in this status, e.g. 1100 (Created) or 3700 (Shipped); type a status your pipeline adds.",
    placeholder: "1100",
    options: "orderStatuses",
  }),
  fromOrderDate: dateOrDateTime("Ordered from", 6),
  toOrderDate: dateOrDateTime("Ordered until", 7),
  maximumRecords: maximumRecordsField(8),
});

const output = z.object({
  orders: z.array(orderDocument).meta({ title: "Orders" }),
  count: z.number().meta({ title: "Number of orders returned" }),
  hasMore: z.boolean().meta({ title: "More orders match", description: "Raise Maximum records to get them." }),
});

/** OrderDate is a Sterling date-time: a range is BETWEEN From/To, one end alone a GE or LE comparison. */
function dateFilter(input: { fromOrderDate?: string; toOrderDate?: string }, zone: string): Record<string, string> {
  const from = input.fromOrderDate && sterlingDateTime(input.fromOrderDate, zone, "from");
  const to = input.toOrderDate && sterlingDateTime(input.toOrderDate, zone, "until");
  if (from && to) return { OrderDateQryType: "BETWEEN", FromOrderDate: from, ToOrderDate: to };
  if (from) return { OrderDateQryType: "GE", OrderDate: from };
  if (to) return { OrderDateQryType: "LE", OrderDate: to };
  return {};
}

export const getOrderListAction = restAction({
  key: "getOrderList",
  label: LABEL,
  description: "Finds orders by enterprise, number, customer e-mail, status or order date (Sterling getOrderList).",
  group: "Orders",
  input,
  output,
  async run({ input, ctx }) {
    const account = restAccount(ctx.account);
    const { rows, hasMore } = await readPages({
      account,
      list: { api: "getOrderList", inputRoot: "Order", root: "OrderList", element: "Order", key: "OrderHeaderKey" },
      filters: {
        EnterpriseCode: input.enterpriseCode,
        DocumentType: input.documentType,
        OrderNo: input.orderNo,
        CustomerEMailID: input.customerEmail,
        Status: input.status,
        ...dateFilter(input, account.timeZone),
      },
      limit: input.maximumRecords,
      rowSchema: orderDocument,
      signal: ctx.signal,
    });
    return { orders: rows, count: rows.length, hasMore };
  },
});
