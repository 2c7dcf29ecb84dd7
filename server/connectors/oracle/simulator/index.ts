// A local Oracle Fusion Cloud Order Management that speaks the salesOrdersForOrderHub REST resource the way Oracle's
// REST API for Supply Chain Management documents it: POST to create (Upsert-Mode), GET one by either OrderKey form
// (SOURCE_SYSTEM:SOURCE_ID or HeaderId) or all with q / orderBy / fields / expand / onlyData / limit / offset /
// totalResults, PATCH (SubmittedFlag submits a draft), DELETE (drafts only), the child lines collection, Basic or
// bearer authentication and errors by REST-Framework-Version. State is in memory; tests and the simulator page move
// orders along with the control functions.
import { QueryError } from "./adf-query";
import { createOrder, deleteOrder, findBySource, OrderRefusal, touch, updateOrder } from "./orders";
import { adfError, COLLECTION_TYPE, empty, json, type AdfRequestContext } from "./replies";
import { expandsLines, linesCollection, orderCollection, orderItem, parseFields } from "./resource";
import { timestamp, type SimOrder, type SimReference, type SimReply, type SimState } from "./state";
import { serveSimulator } from "../../simulator-server";

export type { SimOrder } from "./state";

export const SALES_ORDERS_PATH = /^\/fscmRestApi\/resources\/(?:11\.13\.18\.05|latest)\/salesOrdersForOrderHub(\/.*)?$/;

export interface OracleSimulatorOptions extends SimReference {
  users: { user: string; password: string }[];
  tokens?: string[];
  clock?: () => Date;
  /** The framework version used when a request names none (Fusion resources mostly default to 1). */
  defaultFrameworkVersion?: number;
}

export interface OracleRequest {
  method: string;
  /** Path and query below the mount point, e.g. /fscmRestApi/resources/11.13.18.05/salesOrdersForOrderHub?limit=1. */
  url: string;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface OracleBackend {
  state: SimState;
  handle(request: OracleRequest, base: string): SimReply;
  /** The order under a key of either form, or undefined. */
  find(orderKey: string): SimOrder | undefined;
  /** Moves the order header and (by line number, or all) its fulfillment lines to statuses, as orchestration does. */
  setStatus(orderKey: string, status: string, lineStatuses?: Record<number, string>): SimOrder;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function createOracleBackend(options: OracleSimulatorOptions): OracleBackend {
  const state: SimState = {
    businessUnits: options.businessUnits,
    sourceSystems: options.sourceSystems,
    items: options.items,
    unitsOfMeasure: options.unitsOfMeasure,
    organizations: options.organizations,
    orders: [],
    nextHeaderId: 300_100_000_000_001,
    nextOrderNumber: 520_001,
    nextLineId: 300_100_000_500_001,
    clock: options.clock ?? (() => new Date()),
  };

  function authorized(header: string | undefined): boolean {
    if (!header) return false;
    const [scheme, value = ""] = header.split(" ", 2);
    if (scheme?.toLowerCase() === "basic") {
      const [user, ...rest] = Buffer.from(value, "base64").toString("utf8").split(":");
      return options.users.some((candidate) => candidate.user === user && candidate.password === rest.join(":"));
    }
    return scheme?.toLowerCase() === "bearer" && (options.tokens ?? []).includes(value);
  }

  function find(orderKey: string): SimOrder | undefined {
    const key = decodeURIComponent(orderKey);
    if (/^\d+$/.test(key)) return state.orders.find((order) => String(order.HeaderId) === key);
    const colon = key.indexOf(":");
    return colon > 0 ? findBySource(state, key.slice(0, colon), key.slice(colon + 1)) : undefined;
  }

  function handle(request: OracleRequest, base: string): SimReply {
    const url = new URL(request.url, "http://oracle.invalid");
    const match = SALES_ORDERS_PATH.exec(url.pathname);
    if (!match) return empty(404);
    if (!authorized(request.headers.authorization)) {
      return empty(401, { "www-authenticate": 'Basic realm="Oracle Fusion"' });
    }
    const versionHeader = request.headers["rest-framework-version"];
    const context: AdfRequestContext = {
      frameworkVersion:
        versionHeader && /^\d+$/.test(versionHeader) ? Number(versionHeader) : (options.defaultFrameworkVersion ?? 1),
      accept: request.headers.accept ?? "*/*",
    };
    const resource = `${base}${url.pathname.replace(match[1] ?? "", "")}`;
    const rest = (match[1] ?? "").split("/").filter(Boolean);
    const params = url.searchParams;
    const itemOptions = () => ({
      base: resource,
      frameworkVersion: context.frameworkVersion,
      fields: parseFields(params.get("fields")),
      expandLines: expandsLines(params.get("expand")),
      onlyData: params.get("onlyData") === "true",
    });
    try {
      if (rest.length === 0) {
        if (request.method === "GET") {
          return json(
            200,
            orderCollection(
              state.orders,
              params,
              { base: resource, frameworkVersion: context.frameworkVersion },
              `${base}${url.pathname}`,
            ),
            COLLECTION_TYPE,
          );
        }
        if (request.method !== "POST") return empty(405);
        const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
        if (type !== "application/json" && !/^application\/vnd\.oracle\.adf\.resourceitem\+json$/.test(type)) {
          return adfError(context, 415, [{ detail: `The media type ${type || "(none)"} isn't supported.` }]);
        }
        const body = parseJson(request.body);
        if (body === undefined) return adfError(context, 400, [{ detail: "The request body isn't valid JSON." }]);
        const upsert = (request.headers["upsert-mode"] ?? "").toLowerCase() === "true";
        const { order, created } = createOrder(state, body, upsert);
        const item = orderItem(order, itemOptions());
        return json(created ? 201 : 200, item, undefined, {
          location: `${resource}/${order.SourceTransactionSystem}:${order.SourceTransactionId}`,
        });
      }
      const order = find(rest[0] ?? "");
      if (!order) {
        return adfError(context, 404, [
          { detail: `The requested resource ${decodeURIComponent(rest[0] ?? "")} doesn't exist.` },
        ]);
      }
      if (rest.length === 3 && rest[1] === "child" && rest[2] === "lines" && request.method === "GET") {
        return json(
          200,
          linesCollection(order, { base: resource, onlyData: params.get("onlyData") === "true" }),
          COLLECTION_TYPE,
        );
      }
      if (rest.length !== 1) return empty(404);
      if (request.method === "GET") return json(200, orderItem(order, itemOptions()));
      if (request.method === "PATCH") {
        const body = parseJson(request.body);
        if (body === undefined) return adfError(context, 400, [{ detail: "The request body isn't valid JSON." }]);
        updateOrder(state, order, body);
        return json(200, orderItem(order, itemOptions()));
      }
      if (request.method === "DELETE") {
        deleteOrder(state, order);
        return empty(204);
      }
      return empty(405);
    } catch (error) {
      if (error instanceof OrderRefusal) return adfError(context, error.status, error.details);
      if (error instanceof QueryError)
        return adfError(context, 400, [{ detail: `The query isn't valid: ${error.message}.` }]);
      throw error;
    }
  }

  return {
    state,
    handle,
    find,
    setStatus(orderKey, status, lineStatuses) {
      const order = find(orderKey);
      if (!order) throw new Error(`the simulated Order Management has no order ${orderKey}`);
      order.StatusCode = status;
      if (status !== "DOO_DRAFT") order.SubmittedFlag = true;
      const now = timestamp(state.clock());
      for (const line of order.lines) {
        const next = lineStatuses ? lineStatuses[line.LineNumber] : status === "OPEN" ? undefined : status;
        if (next !== undefined && next !== line.StatusCode) {
          line.StatusCode = next;
          line.LastUpdateDate = now;
        }
      }
      touch(state, order);
      return order;
    },
  };
}

export interface OracleSimulator extends Omit<OracleBackend, "handle"> {
  url: string;
  requests: OracleRequest[];
  /** The next reply is this status with this body (once), for error-handling tests. */
  failNext(status: number, body: string, contentType?: string): void;
  close(): Promise<void>;
}

export async function startOracleSimulator(options: OracleSimulatorOptions): Promise<OracleSimulator> {
  const backend = createOracleBackend(options);
  let failure: SimReply | undefined;
  const served = await serveSimulator("Oracle", (request, url) => {
    const reply = failure ?? backend.handle(request, url);
    failure = undefined;
    return reply;
  });
  const { handle: _handle, ...controls } = backend;
  return {
    ...controls,
    url: served.url,
    requests: served.requests,
    failNext(status, body, contentType = "text/plain") {
      failure = { status, headers: body ? { "content-type": contentType } : {}, body };
    },
    close: served.close,
  };
}
