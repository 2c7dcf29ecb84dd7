// Delete order (async): the input of Sterling's deleteOrder, `<Order Action="DELETE" …>` naming the order by key
// or by number, enterprise and document type, on the queue Sterling's order-deletion service reads.
import { z } from "zod";
import { defineAction } from "../../../../sdk";
import { checkOrderIdentity, orderIdentity, orderIdentityFields } from "../../../common";
import { asyncOutput, deliveryFields, putSterlingDocument } from "../put-document";

const LABEL = "Delete order (async)";

const input = z.object({ ...orderIdentityFields, ...deliveryFields("deleteOrder") }).superRefine(checkOrderIdentity);

export const deleteOrderAsyncAction = defineAction({
  key: "deleteOrderAsync",
  label: LABEL,
  description: "Puts Sterling's deleteOrder input on IBM MQ.",
  group: "Orders",
  input,
  output: asyncOutput,
  async run({ input, ctx }) {
    return putSterlingDocument(
      ctx,
      LABEL,
      "deleteOrder",
      "Order",
      { Action: "DELETE", ...orderIdentity(input) },
      input,
    );
  },
});
