// Sterling's REST layer over one in-memory state, independent of the HTTP server that carries it: login (STANDARD,
// or BASIC on every call), `invoke/<api>` with the session's token and cookie, Sterling-shaped replies and
// `{ errors: [...] }` refusals. index.ts serves it over HTTP for tests; the built-in simulator through a Next route.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { catalogApis } from "./catalog";
import { customerApis } from "./customers";
import type { SimulatorUser, SterlingSimulatorOptions } from "./index";
import { orderDeletionApis } from "./order-deletion";
import { shipmentApis } from "./shipments";
import { orderChangeApis } from "./order-changes";
import { orderApis, seedOrder } from "./orders";
import { organizationApis } from "./organizations";
import { fulfilmentApis } from "./fulfilment";
import { pageApis } from "./pages";
import { faults, SterlingFault, text, timestamp, type Doc, type SimulatorState } from "./state";

const apis: Record<string, (input: unknown, state: SimulatorState) => Doc> = {
  ...orderApis,
  ...orderChangeApis,
  ...fulfilmentApis,
  ...pageApis,
  ...catalogApis,
  ...organizationApis,
  ...customerApis,
  ...shipmentApis,
  ...orderDeletionApis,
};
const loginInput = z.object({ LoginID: z.string(), Password: z.string() });
const INVOKE = "/smcfs/restapi/invoke/";
const RECENT_CALLS = 15;

/** One HTTP request as the REST layer sees it, whichever server received it. */
export interface SterlingRestRequest {
  method: string;
  /** The path below the mount point, e.g. /smcfs/restapi/invoke/getOrderList. */
  path: string;
  query: URLSearchParams;
  cookie?: string;
  /** The Authorization header, read by a BASIC server. */
  authorization?: string;
  body: string;
}

export interface SterlingRestReply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

/** Sterling's REST layer over one in-memory state, independent of the HTTP server that carries it. */
export interface SterlingBackend {
  state: SimulatorState;
  handleRest(request: SterlingRestRequest): SterlingRestReply;
  /** Calls an API as a signed-in user would, without HTTP (the simulator's own page); throws SterlingFault. */
  invokeApi(api: string, input: unknown): Doc;
  /** The newest API calls received over REST, newest first, for the simulator's page. */
  recentCalls(): ReadonlyArray<{ at: string; api: string; status: number }>;
  expireSessions(): void;
  failApi(api: string): void;
  restoreApi(api: string): void;
}

function reply(status: number, body: unknown, headers: Record<string, string | string[]> = {}): SterlingRestReply {
  return {
    status,
    headers: { "content-type": "application/json;charset=UTF-8", ...headers },
    body: JSON.stringify(body),
  };
}

function faultReply(fault: SterlingFault): SterlingRestReply {
  return reply(fault.status, {
    errors: [
      { ErrorCode: fault.code, ErrorDescription: fault.description, ErrorRelatedMoreInfo: "", httpcode: fault.status },
    ],
  });
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

/** Fills in what Sterling stamps on every record, for releases and shipments given as sample data. */
function stamped(doc: Doc, state: SimulatorState): Doc {
  const created = text(doc, "Createts") || text(doc, "ActualShipmentDate") || timestamp(state);
  return { ...doc, Createts: created, Modifyts: text(doc, "Modifyts") || created, Lockid: text(doc, "Lockid") || "0" };
}

export function createSterlingBackend(
  options: Omit<SterlingSimulatorOptions, "mq" | "tls">,
  mountPath = "",
): SterlingBackend {
  const state: SimulatorState = {
    orders: [],
    releases: [],
    shipments: [],
    items: options.items ?? [],
    customers: options.customers ?? [],
    organizations: options.organizations ?? [],
    nextOrderNo: 100_001,
    clock: options.clock ?? (() => new Date()),
    nextKey: 1,
  };
  for (const order of options.orders ?? []) state.orders.push(seedOrder(order, state));
  state.releases = (options.releases ?? []).map((release) => stamped(release, state));
  state.shipments = (options.shipments ?? []).map((shipment) => stamped(shipment, state));
  const sessions = new Map<string, { loginId: string; sessionId: string }>();
  const failing = new Set<string>();
  const calls: Array<{ at: string; api: string; status: number }> = [];
  const around = options.around ?? (<T>(call: () => T) => call());

  function login(body: unknown): SterlingRestReply {
    const credentials = loginInput.safeParse(body);
    const user = credentials.success
      ? options.users.find((candidate) => candidate.loginId === credentials.data.LoginID)
      : undefined;
    if (!credentials.success || !user || user.password !== credentials.data.Password) {
      return faultReply(faults.loginFailed());
    }
    const token = randomBytes(24).toString("base64url");
    const sessionId = randomBytes(12).toString("hex");
    sessions.set(token, { loginId: user.loginId, sessionId });
    return reply(
      200,
      { LoginID: user.loginId, UserName: user.loginId, UserToken: token, UserGroupID: "SYSTEM" },
      // The route cookie stands in for a load balancer's affinity cookie, with the date that has a comma in it.
      {
        "set-cookie": [
          `JSESSIONID=${sessionId}; Path=${mountPath}/smcfs; HttpOnly; Secure`,
          "route=node1; Expires=Wed, 21 Oct 2099 07:28:00 GMT; Path=/",
        ],
      },
    );
  }

  function basicUser(authorization: string | undefined): SimulatorUser | undefined {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? "");
    const decoded = match?.[1] ? Buffer.from(match[1], "base64").toString("utf8") : "";
    const separator = decoded.indexOf(":");
    if (separator < 0) return undefined;
    const [loginId, password] = [decoded.slice(0, separator), decoded.slice(separator + 1)];
    return options.users.find((user) => user.loginId === loginId && user.password === password);
  }

  function invoke(api: string, request: SterlingRestRequest, body: unknown): SterlingRestReply {
    const session = sessions.get(request.query.get("_token") ?? "");
    const authenticated =
      options.authStyle === "BASIC" ||
      (session !== undefined &&
        session.loginId === request.query.get("_loginid") &&
        session.sessionId === readCookie(request.cookie, "JSESSIONID"));
    // Observed Sterling behaviour: an unknown or foreign token is a 400 with YCP0427, not a 401.
    if (!authenticated) return faultReply(faults.notAuthenticated());
    const handler = Object.hasOwn(apis, api) ? apis[api] : undefined;
    if (!handler) return faultReply(faults.unknownApi(api));
    if (failing.has(api)) return faultReply(faults.unavailable());
    return reply(
      200,
      around(() => handler(body, state)),
    );
  }

  function handleRest(request: SterlingRestRequest): SterlingRestReply {
    try {
      if (request.method !== "POST" || !request.path.startsWith(INVOKE)) {
        // What the application server in front of Sterling answers for a path it does not serve.
        return {
          status: 404,
          headers: { "content-type": "text/html" },
          body: "<html><body>Error 404: Not Found</body></html>",
        };
      }
      let body: unknown;
      try {
        body = request.body.trim() === "" ? {} : JSON.parse(request.body);
      } catch {
        throw faults.badInput("The request body is not valid JSON");
      }
      const api = decodeURIComponent(request.path.slice(INVOKE.length));
      if (options.authStyle === "BASIC" && !basicUser(request.authorization)) {
        return { status: 401, headers: { "www-authenticate": 'Basic realm="Sterling"' }, body: "" };
      }
      const answer = api === "login" ? login(body) : invoke(api, request, body);
      calls.unshift({ at: new Date().toISOString(), api, status: answer.status });
      calls.splice(RECENT_CALLS);
      return answer;
    } catch (error) {
      if (error instanceof SterlingFault) return faultReply(error);
      return reply(500, { errors: [{ ErrorCode: "YFC0101", ErrorDescription: String(error) }] });
    }
  }

  function invokeApi(api: string, input: unknown): Doc {
    const handler = Object.hasOwn(apis, api) ? apis[api] : undefined;
    if (!handler) throw faults.unknownApi(api);
    return around(() => handler(input, state));
  }

  return {
    state,
    handleRest,
    invokeApi,
    recentCalls: () => [...calls],
    expireSessions: () => sessions.clear(),
    failApi: (api) => void failing.add(api),
    restoreApi: (api) => void failing.delete(api),
  };
}
