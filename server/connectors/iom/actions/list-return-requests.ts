// List an order's return requests, with their technical and business status (RMA).
import { z } from "zod";
import { iomAccount, iomAction, shopOrderNumberField } from "../common";
import { readReturnRequests, returnRequest } from "../returns-client";

export const listReturnRequestsAction = iomAction({
  key: "listReturnRequests",
  label: "List return requests",
  description: "The return requests of an order in IOM, with their status (RMA).",
  group: "Returns",
  input: z.object({ shopOrderNumber: shopOrderNumberField() }),
  output: z.object({ returnRequests: z.array(returnRequest), count: z.number() }),
  async run({ input, ctx }) {
    const returnRequests = await readReturnRequests(iomAccount(ctx.account), input.shopOrderNumber, ctx.signal);
    return { returnRequests, count: returnRequests.length };
  },
});
