// List return reasons: RMA's reasons configured for the account's shop (by name), optionally of some return types
// (RET return, CAN cancellation, DEF defect, …), e.g. to offer them in a form.
import { z } from "zod";
import { callIom, readBody, RETURN_REQUEST_MEDIA_TYPE, rmaPath } from "../client";
import { iomAccount, iomAction, textList } from "../common";
import { returnReason } from "../returns";

export const listReturnReasonsAction = iomAction({
  key: "listReturnReasons",
  label: "List return reasons",
  description: "The return reasons the shop has in IOM, optionally of some return types only (RMA).",
  group: "Returns",
  input: z.object({
    types: textList("Return types", "e.g. RET for returns, CAN for cancellations; empty: all types.", 1),
  }),
  output: z.object({ reasons: z.array(returnReason), count: z.number() }),
  async run({ input, ctx }) {
    const account = iomAccount(ctx.account);
    const response = await callIom(account, {
      method: "GET",
      path: rmaPath(account, "/return-reasons"),
      query: { type: input.types.length ? input.types : undefined },
      mediaType: RETURN_REQUEST_MEDIA_TYPE,
      what: "the return reasons",
      signal: ctx.signal,
    });
    const reasons = readBody(z.array(returnReason), response, account, "the return reasons");
    return { reasons, count: reasons.length };
  },
});
