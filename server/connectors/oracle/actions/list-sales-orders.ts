// List sales orders: GET salesOrdersForOrderHub with a `q` built from the filters (and the user's own expression),
// orderBy and fields, read page by page to the end or to the step's limit.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { field } from "../../sdk";
import { oracleAccount, oracleAction, optionalText } from "../common";
import { allOf, equalsClause, inClause, quote } from "../query";
import { describedOrder, describeOrder, listAllSalesOrders } from "../sales-orders";

const list = (title: string, description: string, order: number) =>
  z
    .union([z.array(z.string()), z.string()])
    .optional()
    .transform((value) =>
      (typeof value === "string" ? value.split(/[\n,]/) : (value ?? [])).map((item) => item.trim()).filter(Boolean),
    )
    .meta(field({ title, description, order }));

// What Oracle needs to give each order its key, whatever else the user asks for.
const KEY_FIELDS = ["HeaderId", "SourceTransactionSystem", "SourceTransactionId", "StatusCode", "LastUpdateDate"];

export const listSalesOrdersAction = oracleAction({
  key: "listSalesOrders",
  label: "List sales orders",
  description: "Finds sales orders by status, business unit, source system or your own ADF q expression, every page.",
  group: "Sales orders",
  input: z.object({
    statusCodes: list("Statuses", "e.g. OPEN, DOO_DRAFT, CLOSED; empty: any.", 1),
    businessUnitName: optionalText("Business unit", 240, undefined, 2),
    sourceSystem: optionalText("Source system", 30, undefined, 3),
    updatedSince: z.iso
      .datetime({ offset: true })
      .optional()
      .meta(field({ title: "Updated since", description: "e.g. 2026-03-01T00:00:00Z", order: 4 })),
    q: optionalText("Query (q)", 2000, "An ADF expression, e.g. OrderNumber='1001' or BuyingPartyName LIKE 'A%'.", 5),
    orderBy: z
      .string()
      .trim()
      .regex(
        /^([A-Za-z]\w*(:(asc|desc))?)(,[A-Za-z]\w*(:(asc|desc))?)*$/,
        "must be Attribute:asc or :desc, comma separated",
      )
      .default("LastUpdateDate:desc")
      .meta(field({ title: "Sort (orderBy)", placeholder: "LastUpdateDate:desc", order: 6 })),
    fields: optionalText("Only these attributes", 2000, "Comma separated, e.g. OrderNumber,StatusCode; empty: all.", 7),
    includeLines: z
      .boolean()
      .default(false)
      .meta(field({ title: "Include lines", description: "Not combined with “Only these attributes”.", order: 8 })),
    maxOrders: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(500)
      .meta(field({ title: "At most", description: "Pages are read until the end or this many orders.", order: 9 })),
  }),
  output: z.object({
    orders: z.array(describedOrder),
    count: z.number(),
    totalResults: z.number().nullable(),
    hasMore: z.boolean(),
  }),
  async run({ input, ctx }) {
    if (input.q?.includes(";")) {
      throw new ConfluxError("INPUT_INVALID", "Query (q): join conditions with “and”, not “;” (Oracle refuses “;”)");
    }
    const q = allOf(
      inClause("StatusCode", input.statusCodes),
      equalsClause("BusinessUnitName", input.businessUnitName),
      equalsClause("SourceTransactionSystem", input.sourceSystem),
      input.updatedSince ? `LastUpdateDate>=${quote(input.updatedSince)}` : undefined,
      input.q,
    );
    const fields = input.fields
      ? [...new Set([...KEY_FIELDS, ...input.fields.split(",").map((name) => name.trim())])].filter(Boolean).join(",")
      : undefined;
    const found = await listAllSalesOrders(
      oracleAccount(ctx.account),
      { q, orderBy: input.orderBy, fields, expandLines: input.includeLines },
      ctx.signal,
      { maxOrders: input.maxOrders },
    );
    return {
      orders: found.orders.map(describeOrder),
      count: found.orders.length,
      totalResults: found.totalResults,
      hasMore: found.hasMore,
    };
  },
});
