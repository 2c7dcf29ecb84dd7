// Delete sales order: DELETE salesOrdersForOrderHub/{OrderKey}. Oracle deletes draft orders only; a step that runs
// again after its delete went through finds the order gone and says so instead of failing.
import { z } from "zod";
import { field } from "../../sdk";
import { hostOf, sendToOracle } from "../client";
import { oracleAccount, oracleAction, orderKeyInput } from "../common";
import { oracleResponseError } from "../errors";
import { orderKeyPath, parseOrderKey } from "../order-key";

export const deleteSalesOrderAction = oracleAction({
  key: "deleteSalesOrder",
  label: "Delete sales order",
  description: "Deletes a draft sales order.",
  group: "Sales orders",
  input: z.object({
    orderKey: orderKeyInput(1),
    missingIsError: z
      .boolean()
      .default(false)
      .meta(field({ title: "Fail when the order does not exist", order: 2 })),
  }),
  output: z.object({ orderKey: z.string(), deleted: z.boolean(), alreadyGone: z.boolean() }),
  async run({ input, ctx }) {
    const account = oracleAccount(ctx.account);
    const key = parseOrderKey(input.orderKey);
    const what = `Delete sales order (${key.text})`;
    const response = await sendToOracle(account, {
      method: "DELETE",
      path: orderKeyPath(key),
      what,
      signal: ctx.signal,
    });
    if (response.status === 404 && !input.missingIsError) {
      return { orderKey: key.text, deleted: false, alreadyGone: true };
    }
    const error = oracleResponseError(response, what, hostOf(account));
    if (error) throw error;
    return { orderKey: key.text, deleted: true, alreadyGone: false };
  },
});
