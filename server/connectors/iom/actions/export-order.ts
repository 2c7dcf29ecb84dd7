// Export order: Order 2.0's POST /shops/{shopId}/orders with the v2 media type, from the fields the seed's mapping
// table lists (customer, addresses, payment method, tax, totals, carrier, lines by shop product id). IOM answers
// 201 with the new order's Location; an ErrorReport becomes a message that names the step's field.
//
// IOM takes no idempotency key, but refuses a second order with the same shop order number. So when a re-delivered
// step is refused for that reason, the order is looked up by its number and reported as exported already.
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { callIom, ORDER_MEDIA_TYPE, orderServicePath, readBody, sendToIom } from "../client";
import { iomResponseError } from "../errors";
import { iomAccount, iomAction } from "../common";
import { exportOrderInput } from "./export-order-input";
import { buildOrder, exportFieldLabels } from "./order-body";

const LABEL = "Export order";

const output = z.object({
  shopOrderNumber: z.string(),
  /** The new order's address in IOM; absent when the order had been exported before (a re-delivered step). */
  location: z.string().optional(),
  alreadyExported: z.boolean(),
});

export const exportOrderAction = iomAction({
  key: "exportOrder",
  label: LABEL,
  description: "Hands an order to IOM (Order 2.0 REST, IOM 3.x and later) and returns the new order's location.",
  group: "Orders",
  input: exportOrderInput,
  output,
  async run({ input, ctx }) {
    const account = iomAccount(ctx.account);
    const host = new URL(account.baseUrl).host;
    const body = buildOrder(input, new Date());
    const response = await sendToIom(account, {
      method: "POST",
      path: orderServicePath(account, "/orders"),
      mediaType: ORDER_MEDIA_TYPE,
      body,
      what: "the order",
      signal: ctx.signal,
    });
    if (response.status === 400 && (await exportedBefore(account, input.shopOrderNumber, response.body, ctx.signal))) {
      ctx.log.info("IOM has this order already: the step ran before", { shopOrderNumber: input.shopOrderNumber });
      return { shopOrderNumber: input.shopOrderNumber, alreadyExported: true };
    }
    const error = iomResponseError(response, `order ${input.shopOrderNumber}`, host, exportFieldLabels);
    if (error) throw error;
    const location = response.headers.location;
    if (!location) {
      throw new RemoteError("REMOTE", `IOM (${host}) created order ${input.shopOrderNumber} but sent no Location`, {
        retryable: false,
      });
    }
    return { shopOrderNumber: input.shopOrderNumber, location, alreadyExported: false };
  },
});

const stateCount = z.object({ meta: z.object({ totalCount: z.number() }) });

/** Whether a refusal is only "that number exists" and IOM indeed has the order. */
async function exportedBefore(
  account: ReturnType<typeof iomAccount>,
  shopOrderNumber: string,
  body: unknown,
  signal: AbortSignal,
): Promise<boolean> {
  const errors = z.object({ errors: z.array(z.object({ message: z.string().optional() })) }).safeParse(body);
  const duplicate =
    errors.success &&
    errors.data.errors.length > 0 &&
    errors.data.errors.every((error) => /^shopOrderNumber\b.*exist/i.test(error.message ?? ""));
  if (!duplicate) return false;
  const found = await callIom(account, {
    method: "GET",
    path: orderServicePath(account, "/order-states"),
    query: { shopOrderNumbers: [shopOrderNumber], limit: 1 },
    mediaType: ORDER_MEDIA_TYPE,
    what: "the order states",
    signal,
  });
  return readBody(stateCount, found, account, "the order states").meta.totalCount > 0;
}
