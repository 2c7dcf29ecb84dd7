// A local Intershop Order Management that speaks the REST services the IOM Connector uses, as Intershop's OpenAPI
// definitions (intershop/iom-test-framework `openapi/`) describe them: Order 2.0 under /rest/order-service, RMA 2.10
// under /rest/rma and the Inventory servlet under /servlets/services. Basic or bearer authentication (401 without a
// body, as documented), 403 for a shop the user may not use, 415 for a body of another media type, ErrorReports for
// invalid input. State is in memory; tests move orders along with the control functions.
import { availableToPromise } from "./atp";
import { addOrderDocument, serveDocument, type SimDocument } from "./documents";
import { SOAP_ORDER_SERVICE_PATHS, soapOrderService } from "./soap-order-service";
import { createOrder, ORDER_MEDIA_TYPE, orderStates } from "./orders";
import { createReturnRequest, readReturnRequests, RETURN_REQUEST_MEDIA_TYPE, returnables, returnReasons } from "./rma";
import { empty, type SimPaymentState, type SimReply, type SimShop, type SimState } from "./state";
import { serveSimulator } from "../../simulator-server";

export type { SimShop } from "./state";

export interface IomSimulatorOptions {
  users: { user: string; password: string }[];
  tokens?: string[];
  shops: SimShop[];
  clock?: () => Date;
}

export interface IomRequest {
  method: string;
  /** Path and query below the mount point, e.g. /rest/order-service/shops/10000/order-states?limit=1. */
  url: string;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface IomBackend {
  state: SimState;
  handle(request: IomRequest, base: string): SimReply;
  /** Moves an order (and, by product number, positions) to IOM statuses; a dispatched position can be returned. */
  setOrderStatus(shopOrderNumber: string, status: string, positions?: Record<string, string>): void;
  setPaymentState(shopOrderNumber: string, payment: Partial<SimPaymentState>): void;
  /** Adds a document (invoiceNote, deliveryNote, creditNote, returnNote…), as IOM does when it invoices or ships. */
  addDocument(shopOrderNumber: string, type: string): SimDocument;
  setReturnRequestStatus(id: number, status: string, businessStatus: string): void;
}

const statusFields = new Set(["ACCEPTED", "CLOSED", "DO_APPROVE", "DO_CLOSE", "INITIAL", "REJECTED"]);
const businessStatuses = new Set(["ACCEPTED", "IN_APPROVAL", "READY_TO_APPROVE", "REJECTED", "UNKNOWN"]);

function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function createIomBackend(options: IomSimulatorOptions): IomBackend {
  const state: SimState = {
    shops: options.shops,
    orders: [],
    returnRequests: [],
    nextId: 1,
    clock: options.clock ?? (() => new Date()),
  };

  function authorized(header: string | undefined, bearerAllowed: boolean): boolean {
    if (!header) return false;
    const [scheme, value = ""] = header.split(" ", 2);
    if (scheme?.toLowerCase() === "basic") {
      const [user, ...rest] = Buffer.from(value, "base64").toString("utf8").split(":");
      return options.users.some((candidate) => candidate.user === user && candidate.password === rest.join(":"));
    }
    return bearerAllowed && scheme?.toLowerCase() === "bearer" && (options.tokens ?? []).includes(value);
  }

  function findOrder(shopOrderNumber: string) {
    const order = state.orders.find((candidate) => candidate.order.shopOrderNumber === shopOrderNumber);
    if (!order) throw new Error(`the simulated IOM has no order ${shopOrderNumber}`);
    return order;
  }

  function handle(request: IomRequest, base: string): SimReply {
    const url = new URL(request.url, "http://iom.invalid");
    const path = url.pathname;
    // SOAP services authenticate by the User and Password in the message.
    if (SOAP_ORDER_SERVICE_PATHS.includes(path)) return soapOrderService(state, options, request);
    // The link in an OrderDocument carries the key that opens the document.
    if (path.startsWith("/servlets/DocumentServlet/")) {
      return request.method === "GET" ? serveDocument(state, path, url.searchParams) : empty(405);
    }
    const atp = /^\/servlets\/services\/atp\/([^/]+)\/([^/]+)$/.exec(path);
    const order = /^\/rest\/order-service\/shops\/([^/]+)\/(orders|order-states)$/.exec(path);
    const rma =
      /^\/rest\/rma\/shops\/([^/]+)\/(?:return-reasons|orders\/([^/]+)\/return-requests(\/returnables)?)$/.exec(path);
    if (!atp && !order && !rma) return empty(404);
    // The Inventory servlet declares Basic authentication only; Order and RMA accept a bearer token too.
    if (!authorized(request.headers.authorization, !atp)) {
      return empty(401, { "www-authenticate": 'Basic realm="IOM"' });
    }
    if (atp) {
      const shop = state.shops.find((candidate) => candidate.id === atp[1]);
      if (!shop) return empty(403);
      if (request.method !== "GET") return empty(405);
      return availableToPromise(
        state,
        shop,
        decodeURIComponent(atp[2] ?? "")
          .split(",")
          .filter(Boolean),
      );
    }
    if (order) {
      const shop = state.shops.find((candidate) => candidate.id === order[1]);
      // Permissions are granted per shop, so IOM forbids a shop the user has none in, which includes one that does
      // not exist.
      if (!shop) return empty(403);
      if (order[2] === "orders" && request.method === "POST") {
        if (mediaType(request.headers["content-type"]) !== ORDER_MEDIA_TYPE) return empty(415);
        return createOrder(state, shop, parseJson(request.body), base);
      }
      if (order[2] === "order-states" && request.method === "GET") {
        return orderStates(state, shop, url.searchParams, `${base}${path}${url.search}`, base);
      }
      return empty(405);
    }
    const shop = state.shops.find((candidate) => candidate.name === decodeURIComponent(rma?.[1] ?? ""));
    if (!shop) return empty(404);
    const orderNumber = rma?.[2] ? decodeURIComponent(rma[2]) : undefined;
    if (orderNumber === undefined) return request.method === "GET" ? returnReasons(shop, url.searchParams) : empty(405);
    const found = state.orders.find((o) => o.shopId === shop.id && o.order.shopOrderNumber === orderNumber);
    if (!found) return empty(404);
    if (rma?.[3]) return request.method === "GET" ? returnables(state, found) : empty(405);
    if (request.method === "GET") return readReturnRequests(state, shop, found);
    if (request.method !== "POST") return empty(405);
    if (mediaType(request.headers["content-type"]) !== RETURN_REQUEST_MEDIA_TYPE) return empty(415);
    return createReturnRequest(state, shop, found, parseJson(request.body), `${base}${path}`);
  }

  return {
    state,
    handle,
    setOrderStatus(shopOrderNumber, status, positions = {}) {
      const order = findOrder(shopOrderNumber);
      order.status = status;
      for (const position of order.positions) {
        const next = positions[position.productNumber] ?? status;
        position.status = next;
        if (next === "STATE_DISPATCHED" || next === "STATE_RETURNED") position.dispatched = position.quantity;
        if (next === "STATE_RETURNED") position.returned = position.quantity;
      }
      order.updatedAt = state.clock().toISOString();
    },
    setPaymentState(shopOrderNumber, payment) {
      const order = findOrder(shopOrderNumber);
      const zero = {
        invoicingDebitAmount: 0,
        invoicingCreditAmount: 0,
        chargedDebitAmount: 0,
        chargedCreditAmount: 0,
        chargedOpenAmount: 0,
        bookedDebitAmount: 0,
        bookedCreditAmount: 0,
        bookedOpenAmount: 0,
      };
      order.paymentState = { ...zero, currencyCode: order.order.sales.currencyCode, ...order.paymentState, ...payment };
      order.updatedAt = state.clock().toISOString();
    },
    addDocument(shopOrderNumber, type) {
      return addOrderDocument(state, findOrder(shopOrderNumber), type);
    },
    setReturnRequestStatus(id, status, businessStatus) {
      const request = state.returnRequests.find((candidate) => candidate.id === id);
      if (!request || !statusFields.has(status) || !businessStatuses.has(businessStatus)) {
        throw new Error(`cannot move return request ${id} to ${status}/${businessStatus}`);
      }
      request.status = status as typeof request.status;
      request.businessStatus = businessStatus as typeof request.businessStatus;
    },
  };
}

export interface IomSimulator extends Omit<IomBackend, "handle"> {
  url: string;
  requests: IomRequest[];
  /** While down, every connection is answered by closing it, as an unreachable IOM would fail. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startIomSimulator(options: IomSimulatorOptions): Promise<IomSimulator> {
  const backend = createIomBackend(options);
  let down = false;
  // While down, the connection is dropped before a request is read back, as an unreachable IOM fails.
  const served = await serveSimulator("IOM", (request, url) => (down ? null : backend.handle(request, url)));
  const { handle: _handle, ...controls } = backend;
  return {
    ...controls,
    url: served.url,
    requests: served.requests,
    setDown(value) {
      down = value;
    },
    close: served.close,
  };
}
