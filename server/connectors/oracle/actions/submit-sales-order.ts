// Submit sales order: a draft order is submitted by setting SubmittedFlag to true with PATCH on its source key
// (SOURCE_SYSTEM:SOURCE_ORDER_ID: the latest version, the draft). The order is read first, so a step that runs again
// after its submit went through reports `alreadySubmitted` instead of revising the order a second time.
import { z } from "zod";
import { callOracle, readBody } from "../client";
import { getSalesOrder, oracleAccount, oracleAction, orderKeyInput } from "../common";
import { orderKeyPath, parseOrderKey } from "../order-key";
import { describedOrder, describeOrder, salesOrderSchema } from "../sales-orders";

export const DRAFT_STATUS = "DOO_DRAFT";

export const submitSalesOrderAction = oracleAction({
  key: "submitSalesOrder",
  label: "Submit sales order",
  description: "Submits a draft sales order for fulfillment (SubmittedFlag); an order already submitted is left alone.",
  group: "Sales orders",
  input: z.object({ orderKey: orderKeyInput(1) }),
  output: describedOrder.extend({ alreadySubmitted: z.boolean() }),
  async run({ input, ctx }) {
    const account = oracleAccount(ctx.account);
    const current = await getSalesOrder(account, parseOrderKey(input.orderKey), ctx.signal, "Submit sales order");
    if (current.StatusCode !== DRAFT_STATUS) return { ...describeOrder(current), alreadySubmitted: true };
    // A HeaderId may name an older revision, which Oracle does not let anyone change: submit the latest by source key.
    const key = parseOrderKey(`${current.SourceTransactionSystem}:${current.SourceTransactionId}`);
    const what = `Submit sales order (${key.text})`;
    const response = await callOracle(account, {
      method: "PATCH",
      path: orderKeyPath(key),
      query: { expand: "lines", onlyData: "true" },
      body: { SubmittedFlag: true },
      what,
      signal: ctx.signal,
    });
    return { ...describeOrder(readBody(salesOrderSchema, response, account, what)), alreadySubmitted: false };
  },
});
