// Create return request: RMA's POST …/orders/{shopOrderNumber}/return-requests with positions, reasons and type;
// IOM answers 201 with the new request's Location. An ErrorReport names the position and field it is about.
//
// RMA takes no idempotency key, so every request carries an RMA number: the user's, or one derived from the step's
// idempotency key (the same on every re-delivery). Before posting, the order's requests are read: a request with
// that number means this step ran before (or the shop already asked), and it is returned instead of a second one.
import { createHash } from "node:crypto";
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { field } from "../../sdk";
import { callIom, RETURN_REQUEST_MEDIA_TYPE, rmaPath } from "../client";
import { readReturnRequests } from "../returns-client";
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
    rmaNumber: optionalText(
      "RMA number",
      50,
      "The shop's number for the return. Left empty, Conflux derives one from the run, so a step that runs again " +
        "cannot create the return twice.",
      3,
    ),
    comment: optionalText("Comment", 255, undefined, 4),
    positions: z
      .array(position)
      .min(1)
      .meta(field({ title: "Positions", order: 5 })),
  }),
  output: z.object({
    shopOrderNumber: z.string(),
    location: z.string(),
    id: z.string().nullable(),
    rmaNumber: z.string(),
    alreadyCreated: z.boolean(),
  }),
  async run({ input, ctx }) {
    const account = iomAccount(ctx.account);
    const rmaNumber = input.rmaNumber || derivedRmaNumber(ctx.idempotencyKey);
    const ordersPath = `/orders/${encodeURIComponent(input.shopOrderNumber)}/return-requests`;
    const existing = (await readReturnRequests(account, input.shopOrderNumber, ctx.signal)).find(
      (request) => request.rmaNumber === rmaNumber,
    );
    if (existing) {
      ctx.log.info("IOM has this return request already", { shopOrderNumber: input.shopOrderNumber, rmaNumber });
      const location = `${account.baseUrl}${rmaPath(account, `${ordersPath}/${existing.id}`)}`;
      return {
        shopOrderNumber: input.shopOrderNumber,
        location,
        id: String(existing.id),
        rmaNumber,
        alreadyCreated: true,
      };
    }
    const response = await callIom(account, {
      method: "POST",
      path: rmaPath(account, ordersPath),
      mediaType: RETURN_REQUEST_MEDIA_TYPE,
      body: {
        type: input.type,
        rmaNumber,
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
    const id = /\/(\d+)\/?$/.exec(location)?.[1] ?? null;
    return { shopOrderNumber: input.shopOrderNumber, location, id, rmaNumber, alreadyCreated: false };
  },
});

/** An RMA number of at most 50 characters that is the same on every re-delivery of one step of one run. */
function derivedRmaNumber(idempotencyKey: string): string {
  return `CFX-${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 20)}`;
}
