// List returnable positions: what of an order can still be returned, per position, as RMA reports it.
import { z } from "zod";
import { callIom, readBody, RETURN_REQUEST_MEDIA_TYPE, rmaPath } from "../client";
import { iomAccount, iomAction, shopOrderNumberField } from "../common";
import { returnablePosition } from "../returns";

export const listReturnablePositionsAction = iomAction({
  key: "listReturnablePositions",
  label: "List returnable positions",
  description: "The positions of an order that can still be returned, with the quantity left to return (RMA).",
  group: "Returns",
  input: z.object({ shopOrderNumber: shopOrderNumberField() }),
  output: z.object({ positions: z.array(returnablePosition), count: z.number() }),
  async run({ input, ctx }) {
    const account = iomAccount(ctx.account);
    const response = await callIom(account, {
      method: "GET",
      path: rmaPath(account, `/orders/${encodeURIComponent(input.shopOrderNumber)}/return-requests/returnables`),
      mediaType: RETURN_REQUEST_MEDIA_TYPE,
      what: `the returnable positions of order ${input.shopOrderNumber}`,
      signal: ctx.signal,
    });
    const { positions } = readBody(
      z.object({ positions: z.array(returnablePosition) }),
      response,
      account,
      "the returnable positions",
    );
    return { positions, count: positions.length };
  },
});
