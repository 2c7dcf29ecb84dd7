// Create return request: RMA's POST …/orders/{shopOrderNumber}/return-requests with positions, reasons and type;
// IOM answers 201 with the new request's Location. An ErrorReport names the position and field it is about.
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { field } from "../../sdk";
import { callIom, RETURN_REQUEST_MEDIA_TYPE, rmaPath } from "../client";
import { iomAccount, iomAction, optionalText, requiredText, shopOrderNumberField } from "../common";

const position = z
  .object({
    positionNumber: z
      .number()
      .int()
      .min(1)
      .meta(field({ title: "Position number" })),
    productNumber: requiredText("Shop product ID", 50),
    quantity: z
      .number()
      .int()
      .min(1)
      .meta(field({ title: "Quantity" })),
    reason: requiredText("Reason", 50, "A return reason of the shop, e.g. RET010 (see List return reasons)."),
  })
  .meta({ title: "Position" });

export const createReturnRequestAction = iomAction({
  key: "createReturnRequest",
  label: "Create return request",
  description: "Asks IOM to take back positions of an order, each with a reason (RMA).",
  group: "Returns",
  input: z.object({
    shopOrderNumber: shopOrderNumberField(),
    type: z
      .enum(["RETURN", "PICKUP"])
      .default("RETURN")
      .meta(field({ title: "Type", order: 2, enumLabels: { RETURN: "Customer sends it back", PICKUP: "Pick-up" } })),
    rmaNumber: optionalText("RMA number", 50, "The shop's number for the return, if it has one.", 3),
    comment: optionalText("Comment", 255, undefined, 4),
    positions: z
      .array(position)
      .min(1)
      .meta(field({ title: "Positions", order: 5 })),
  }),
  output: z.object({ shopOrderNumber: z.string(), location: z.string(), id: z.string().nullable() }),
  async run({ input, ctx }) {
    const account = iomAccount(ctx.account);
    const response = await callIom(account, {
      method: "POST",
      path: rmaPath(account, `/orders/${encodeURIComponent(input.shopOrderNumber)}/return-requests`),
      mediaType: RETURN_REQUEST_MEDIA_TYPE,
      body: {
        type: input.type,
        ...(input.rmaNumber ? { rmaNumber: input.rmaNumber } : {}),
        ...(input.comment ? { comment: input.comment } : {}),
        positions: input.positions,
      },
      what: `the return request for order ${input.shopOrderNumber}`,
      fieldLabels: { positions: "Positions", type: "Type", rmaNumber: "RMA number", comment: "Comment" },
      signal: ctx.signal,
    });
    const location = response.headers.location;
    if (!location) {
      throw new RemoteError("REMOTE", "IOM created the return request but sent no Location", { retryable: false });
    }
    return { shopOrderNumber: input.shopOrderNumber, location, id: /\/(\d+)\/?$/.exec(location)?.[1] ?? null };
  },
});
