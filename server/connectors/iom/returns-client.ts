// Reads an order's return requests (RMA 2.10 GET …/orders/{shopOrderNumber}/return-requests).
import type { IomAccount } from "./auth";
import { callIom, readBody, RETURN_REQUEST_MEDIA_TYPE, rmaPath } from "./client";
import { returnRequest } from "./returns";
import { z } from "zod";

export { returnRequest };

export async function readReturnRequests(account: IomAccount, shopOrderNumber: string, signal: AbortSignal) {
  const response = await callIom(account, {
    method: "GET",
    path: rmaPath(account, `/orders/${encodeURIComponent(shopOrderNumber)}/return-requests`),
    mediaType: RETURN_REQUEST_MEDIA_TYPE,
    what: `the return requests of order ${shopOrderNumber}`,
    signal,
  });
  return readBody(z.array(returnRequest), response, account, "the return requests");
}
