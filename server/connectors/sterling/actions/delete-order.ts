// Delete order: Sterling's deleteOrder, for an order identified by its header key or by number, enterprise and
// document type. Sterling deletes only orders its pipeline allows to be deleted (typically drafts and created
// orders); its refusal is passed on as it words it.
import { z } from "zod";
import { restAccount } from "../account";
import { invokeSterling } from "../client";
import { checkOrderIdentity, orderIdentity, orderIdentityFields, restAction } from "../common";

export const deleteOrderAction = restAction({
  key: "deleteOrder",
  label: "Delete order",
  description: "Deletes an order (Sterling deleteOrder).",
  group: "Orders",
  input: z.object(orderIdentityFields).superRefine(checkOrderIdentity),
  output: z.object({
    orderHeaderKey: z.string().optional().meta({ title: "Order header key" }),
    orderNo: z.string().optional().meta({ title: "Order number" }),
    deleted: z.literal(true).meta({ title: "Deleted" }),
  }),
  async run({ input, ctx }) {
    await invokeSterling(
      restAccount(ctx.account),
      "deleteOrder",
      { ...orderIdentity(input), Action: "DELETE" },
      { signal: ctx.signal },
    );
    return { orderHeaderKey: input.orderHeaderKey, orderNo: input.orderNo, deleted: true as const };
  },
});
