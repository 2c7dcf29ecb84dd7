// Create sales order: POST salesOrdersForOrderHub with the header, lines and, when asked, SubmittedFlag (otherwise
// the order stays a draft) and Upsert-Mode (update the order if Oracle already has one for the source key).
// Oracle may still create an order after a gateway timeout (its docs say so for 504), so a step that runs again
// and is refused reads the order back by its source key and, when it has the step's lines, returns it as
// `alreadyExisted`.
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { field } from "../../sdk";
import { callOracle, readBody } from "../client";
import {
  additionalAttributesField,
  compact,
  findSalesOrder,
  oracleAccount,
  oracleAction,
  optionalText,
  requiredText,
} from "../common";
import { parseOrderKey } from "../order-key";
import { describedOrder, describeOrder, salesOrderSchema } from "../sales-orders";

const line = z
  .object({
    sourceLineId: requiredText("Source line ID", 50, "The line's id in your system (SourceTransactionLineId)."),
    productNumber: requiredText("Item number", 300),
    quantity: z
      .number()
      .positive()
      .meta(field({ title: "Quantity" })),
    uom: requiredText("Unit of measure", 25, "e.g. Each (OrderedUOM)."),
    fulfillmentOrganizationCode: optionalText("Fulfillment organization code", 18),
  })
  .meta({ title: "Line" });

export const createSalesOrderInput = z.object({
  sourceSystem: requiredText("Source system", 30, "The source system code set up in Oracle (e.g. LEG or OPS).", 1),
  sourceOrderId: requiredText("Source order ID", 50, "Your order's id; with the source system it is the key.", 2),
  sourceOrderNumber: optionalText("Source order number", 50, "Shown to users; defaults to the source order ID.", 3),
  businessUnitName: requiredText("Business unit", 240, "e.g. Vision Operations.", 4),
  buyingPartyName: requiredText("Customer (buying party)", 360, undefined, 5),
  transactionType: optionalText("Order type", 80, "e.g. Standard Orders.", 6),
  currencyCode: optionalText("Currency", 15, "ISO code, e.g. USD.", 7),
  lines: z
    .array(line)
    .min(1)
    .meta(field({ title: "Lines", order: 8 })),
  submit: z
    .boolean()
    .default(false)
    .meta(field({ title: "Submit the order", description: "Off: the order stays a draft.", order: 9 })),
  upsert: z
    .boolean()
    .default(false)
    .meta(
      field({
        title: "Update if it exists (Upsert-Mode)",
        description: "Oracle updates the order with the same source key instead of refusing a second one.",
        order: 10,
      }),
    ),
  additionalAttributes: additionalAttributesField(11, '{ "CustomerPONumber": "PO-1" }'),
});

export type CreateSalesOrderInput = z.output<typeof createSalesOrderInput>;

export function salesOrderBody(input: CreateSalesOrderInput): Record<string, unknown> {
  return {
    ...input.additionalAttributes,
    ...compact({
      SourceTransactionSystem: input.sourceSystem,
      SourceTransactionId: input.sourceOrderId,
      SourceTransactionNumber: input.sourceOrderNumber ?? input.sourceOrderId,
      BusinessUnitName: input.businessUnitName,
      BuyingPartyName: input.buyingPartyName,
      TransactionType: input.transactionType,
      TransactionalCurrencyCode: input.currencyCode,
      SubmittedFlag: input.submit,
    }),
    lines: input.lines.map((entry, index) =>
      compact({
        SourceTransactionLineId: entry.sourceLineId,
        SourceTransactionLineNumber: String(index + 1),
        SourceTransactionScheduleId: entry.sourceLineId,
        SourceScheduleNumber: "1",
        TransactionCategoryCode: "ORDER",
        ProductNumber: entry.productNumber,
        OrderedQuantity: entry.quantity,
        OrderedUOM: entry.uom,
        RequestedFulfillmentOrganizationCode: entry.fulfillmentOrganizationCode,
      }),
    ),
  };
}

export const createSalesOrderAction = oracleAction({
  key: "createSalesOrder",
  label: "Create sales order",
  description: "Creates a sales order in Oracle Order Management (salesOrdersForOrderHub), as a draft or submitted.",
  group: "Sales orders",
  input: createSalesOrderInput,
  output: describedOrder.extend({ alreadyExisted: z.boolean() }),
  async run({ input, ctx }) {
    const account = oracleAccount(ctx.account);
    const what = `Create sales order ${input.sourceSystem}:${input.sourceOrderId}`;
    try {
      const response = await callOracle(account, {
        method: "POST",
        path: "",
        query: { expand: "lines", onlyData: "true" },
        body: salesOrderBody(input),
        headers: input.upsert ? { "Upsert-Mode": "true" } : {},
        what,
        signal: ctx.signal,
      });
      return { ...describeOrder(readBody(salesOrderSchema, response, account, what)), alreadyExisted: false };
    } catch (error) {
      if (!(error instanceof RemoteError) || error.status !== 400) throw error;
      const key = parseOrderKey(`${input.sourceSystem}:${input.sourceOrderId}`);
      const existing = await findSalesOrder(account, key, ctx.signal, what).catch(() => undefined);
      // Only the order this step would have made counts: the same source lines, else Oracle's refusal stands.
      const lineIds = (lines: Array<{ SourceTransactionLineId: string | null }>) =>
        lines
          .map((entry) => entry.SourceTransactionLineId ?? "")
          .sort()
          .join("\n");
      const sameLines =
        existing?.lines !== undefined &&
        lineIds(existing.lines) ===
          lineIds(input.lines.map((entry) => ({ SourceTransactionLineId: entry.sourceLineId })));
      if (!existing || !sameLines) throw error;
      ctx.log.info("The order already exists in Oracle; returning it", { orderKey: key.text });
      return { ...describeOrder(existing), alreadyExisted: true };
    }
  },
});
