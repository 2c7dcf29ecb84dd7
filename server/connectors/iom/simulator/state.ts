// The simulated IOM's memory and the reply shapes every service shares.
import type { SimDocument } from "./documents";
import type { SubmittedOrder } from "./order-schema";

export interface SimProduct {
  number: string;
  name: string;
  stock: number;
  reserved?: number;
  blocked?: number;
  /** Name of the supplier as used by the shop (the ATP `location`). */
  location?: string;
}

export interface SimShop {
  id: string;
  name: string;
  products: SimProduct[];
  returnReasons: { name: string; description: string; type: string }[];
}

export interface SimPosition {
  number: number;
  productNumber: string;
  productName: string;
  quantity: number;
  status: string;
  dispatched: number;
  returned: number;
}

export interface SimPaymentState {
  invoicingDebitAmount: number;
  invoicingCreditAmount: number;
  chargedDebitAmount: number;
  chargedCreditAmount: number;
  chargedOpenAmount: number;
  bookedDebitAmount: number;
  bookedCreditAmount: number;
  bookedOpenAmount: number;
  currencyCode: string;
}

export interface SimOrder {
  id: number;
  shopId: string;
  order: SubmittedOrder;
  status: string;
  positions: SimPosition[];
  paymentState?: SimPaymentState;
  documents: SimDocument[];
  createdAt: string;
  updatedAt: string;
}

export interface SimReturnRequest {
  id: number;
  shopName: string;
  shopOrderNumber: string;
  type: "RETURN" | "PICKUP";
  rmaNumber?: string;
  comment?: string;
  status: "ACCEPTED" | "CLOSED" | "DO_APPROVE" | "DO_CLOSE" | "INITIAL" | "REJECTED";
  businessStatus: "ACCEPTED" | "IN_APPROVAL" | "READY_TO_APPROVE" | "REJECTED" | "UNKNOWN";
  creationDate: string;
  positions: { positionNumber: number; productNumber: string; quantity: number; reason: string }[];
}

export interface SimState {
  shops: SimShop[];
  orders: SimOrder[];
  returnRequests: SimReturnRequest[];
  nextId: number;
  clock: () => Date;
}

export interface SimReply {
  status: number;
  headers: Record<string, string>;
  /** Text, or bytes for a document download. */
  body: string | Buffer;
}

export function json(status: number, body: unknown, contentType = "application/json"): SimReply {
  return { status, headers: { "content-type": contentType }, body: JSON.stringify(body) };
}

export function empty(status: number, headers: Record<string, string> = {}): SimReply {
  return { status, headers, body: "" };
}

/** Order 2.0 and RMA 2.10 refuse bad input with an ErrorReport, always served as application/json. */
export function errorReport(errors: { code: string; message: string; value?: unknown }[]): SimReply {
  return json(400, { status: 400, errors });
}
