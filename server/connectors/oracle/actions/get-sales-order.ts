// Get sales order: GET salesOrdersForOrderHub/{OrderKey} with its lines, by either form of the key.
import { z } from "zod";
import { getSalesOrder, oracleAccount, oracleAction, orderKeyInput } from "../common";
import { parseOrderKey } from "../order-key";
import { describedOrder, describeOrder } from "../sales-orders";

export const getSalesOrderAction = oracleAction({
  key: "getSalesOrder",
  label: "Get sales order",
  description: "Reads one sales order with its lines, by SOURCE_SYSTEM:SOURCE_ORDER_ID or by HeaderId.",
  group: "Sales orders",
  input: z.object({ orderKey: orderKeyInput(1) }),
  output: describedOrder,
  async run({ input, ctx }) {
    const order = await getSalesOrder(oracleAccount(ctx.account), parseOrderKey(input.orderKey), ctx.signal);
    return describeOrder(order);
  },
});
