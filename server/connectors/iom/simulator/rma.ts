// RMA 2.10 by shop name: return reasons (filtered by return type), returnable positions of an order, and an order's
// return requests (list; create with 201 + Location). An unknown shop or order is a 404.
import { z } from "zod";
import { empty, errorReport, json, type SimOrder, type SimReply, type SimShop, type SimState } from "./state";

export const RETURN_REQUEST_MEDIA_TYPE = "application/vnd.intershop.return-request.v1+json";

const writeReturnRequest = z.object({
  type: z.enum(["RETURN", "PICKUP"]),
  rmaNumber: z.string().min(1).max(50).optional(),
  comment: z.string().max(255).optional(),
  positions: z
    .array(
      z.object({
        positionNumber: z.number().int(),
        productNumber: z.string().min(1).max(50),
        reason: z.string(),
        quantity: z.number().int().min(1, "must be greater than or equal to 1"),
      }),
    )
    .min(1),
});

export function returnReasons(shop: SimShop, query: URLSearchParams): SimReply {
  const types = query
    .getAll("type")
    .flatMap((value) => value.split(","))
    .filter(Boolean);
  const reasons = shop.returnReasons.filter((reason) => !types.length || types.includes(reason.type));
  return json(200, reasons, RETURN_REQUEST_MEDIA_TYPE);
}

function returnedSoFar(state: SimState, order: SimOrder, positionNumber: number): number {
  return state.returnRequests
    .filter((request) => request.shopOrderNumber === order.order.shopOrderNumber && request.status !== "REJECTED")
    .flatMap((request) => request.positions)
    .filter((position) => position.positionNumber === positionNumber)
    .reduce((sum, position) => sum + position.quantity, 0);
}

function returnable(state: SimState, order: SimOrder) {
  return order.positions
    .map((position) => ({
      positionNumber: position.number,
      quantity: position.dispatched - returnedSoFar(state, order, position.number),
      product: { number: position.productNumber, name: position.productName },
    }))
    .filter((position) => position.quantity > 0);
}

export function returnables(state: SimState, order: SimOrder): SimReply {
  return json(200, { positions: returnable(state, order) }, RETURN_REQUEST_MEDIA_TYPE);
}

export function readReturnRequests(state: SimState, shop: SimShop, order: SimOrder): SimReply {
  const requests = state.returnRequests
    .filter((request) => request.shopName === shop.name && request.shopOrderNumber === order.order.shopOrderNumber)
    .map(({ positions: _positions, ...request }) => request);
  return json(200, requests, RETURN_REQUEST_MEDIA_TYPE);
}

export function createReturnRequest(
  state: SimState,
  shop: SimShop,
  order: SimOrder,
  body: unknown,
  self: string,
): SimReply {
  const parsed = writeReturnRequest.safeParse(body);
  if (!parsed.success) {
    return errorReport(
      parsed.error.issues.map((issue) => ({
        code: "VALIDATION_EXCEPTION",
        message: `${issue.path
          .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
          .join("")
          .replace(/^\./, "")
          .replace(
            /\.\[/g,
            "[",
          )}: ${issue.message.endsWith("received undefined") ? "must not be null" : issue.message}`,
      })),
    );
  }
  const request = parsed.data;
  const open = returnable(state, order);
  const problems: { code: string; message: string; value?: unknown }[] = [];
  request.positions.forEach((position, index) => {
    const candidate = open.find((p) => p.positionNumber === position.positionNumber);
    if (!candidate || candidate.product.number !== position.productNumber) {
      problems.push({
        code: "VALIDATION_EXCEPTION",
        message: `positions[${index}].positionNumber: not a returnable position of the order`,
        value: position.positionNumber,
      });
    } else if (position.quantity > candidate.quantity) {
      problems.push({
        code: "VALIDATION_EXCEPTION",
        message: `positions[${index}].quantity: exceeds the returnable quantity ${candidate.quantity}`,
        value: position.quantity,
      });
    }
    if (!shop.returnReasons.some((reason) => reason.name === position.reason)) {
      problems.push({
        code: "VALIDATION_EXCEPTION",
        message: `positions[${index}].reason: unknown return reason`,
        value: position.reason,
      });
    }
  });
  if (problems.length) return errorReport(problems);
  const id = state.nextId++;
  state.returnRequests.push({
    id,
    shopName: shop.name,
    shopOrderNumber: order.order.shopOrderNumber,
    type: request.type,
    ...(request.rmaNumber ? { rmaNumber: request.rmaNumber } : {}),
    ...(request.comment ? { comment: request.comment } : {}),
    status: "INITIAL",
    businessStatus: "IN_APPROVAL",
    creationDate: state.clock().toISOString(),
    positions: request.positions,
  });
  return empty(201, { location: `${self}/${id}` });
}
