// Retrieve order details: Sterling's getOrderDetails for one order, with its lines. Read-only, so it needs no
// idempotency key.
import { z } from "zod";
import { defineAction } from "../../sdk";
import { invokeSterling, parseOutput } from "../client";
import { checkOrderIdentity, orderIdentity, orderIdentityFields, restAccountFor } from "../common";
import { orderDocument } from "../documents";

const LABEL = "Retrieve order details";

export const getOrderDetailsAction = defineAction({
  key: "getOrderDetails",
  label: LABEL,
  description: "Reads one order with its lines, by order header key or by order number (Sterling getOrderDetails).",
  group: "Orders",
  input: z.object(orderIdentityFields).superRefine(checkOrderIdentity),
  output: orderDocument,
  async run({ input, ctx }) {
    const account = restAccountFor(ctx, LABEL);
    const document = await invokeSterling(account, "getOrderDetails", orderIdentity(input), { signal: ctx.signal });
    return parseOutput(orderDocument, document, "getOrderDetails");
  },
});
