// Retrieve order details: Sterling's getOrderDetails for one order, with its lines. Read-only, so it needs no
// idempotency key.
import { z } from "zod";
import { invokeSterling, parseOutput } from "../client";
import { checkOrderIdentity, orderIdentity, orderIdentityFields, restAction } from "../common";
import { restAccount } from "../account";
import { orderDocument } from "../documents";

const LABEL = "Retrieve order details";

export const getOrderDetailsAction = restAction({
  key: "getOrderDetails",
  label: LABEL,
  description: "Reads one order with its lines, by order header key or by order number (Sterling getOrderDetails).",
  group: "Orders",
  input: z.object(orderIdentityFields).superRefine(checkOrderIdentity),
  output: orderDocument,
  async run({ input, ctx }) {
    const account = restAccount(ctx.account);
    const document = await invokeSterling(account, "getOrderDetails", orderIdentity(input), { signal: ctx.signal });
    return parseOutput(orderDocument, document, "getOrderDetails");
  },
});
