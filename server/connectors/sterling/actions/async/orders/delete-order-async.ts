// Delete order (async): the input of Sterling's deleteOrder, `<Order Action="DELETE" …>` naming the order by key
// or by number, enterprise and document type, on the queue Sterling's order-deletion service reads.
import { z } from "zod";
import { checkOrderIdentity, orderIdentity, orderIdentityFields } from "../../../common";
import { deliveryFields, mqAction, putSterlingDocument } from "../put-document";

const LABEL = "Delete order (async)";

const input = z.object({ ...orderIdentityFields, ...deliveryFields("deleteOrder") }).superRefine(checkOrderIdentity);

export const deleteOrderAsyncAction = mqAction({
  key: "deleteOrderAsync",
  label: LABEL,
  description: "Puts Sterling's deleteOrder input on IBM MQ.",
  group: "Orders",
  input,
  async run({ input, ctx }) {
    return putSterlingDocument(ctx, "deleteOrder", "Order", { Action: "DELETE", ...orderIdentity(input) }, input);
  },
});
