// A local Sterling OMS that speaks the documented REST API closely enough for the connector to be tested against it:
// STANDARD authentication (POST /smcfs/restapi/invoke/login returns a UserToken; API calls carry `_loginid` and
// `_token` and the session cookie the login set, as a sticky load balancer requires), API calls as
// POST /smcfs/restapi/invoke/<api> with JSON documents, Sterling-shaped replies and `{ errors: [...] }` refusals.
// It also serves the IBM MQ messaging REST endpoint the MQ mode uses. State is in memory.
import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { z } from "zod";
import { createMqBroker, type MqBroker, type MqOptions } from "./mq";
import { mqwebNotFound } from "./mq-errors";
import { catalogApis } from "./catalog";
import { customerApis } from "./customers";
import { orderDeletionApis } from "./order-deletion";
import { shipmentApis } from "./shipments";
import { orderChangeApis } from "./order-changes";
import { orderApis, seedOrder } from "./orders";
import { organizationApis } from "./organizations";
import { fulfilmentApis } from "./fulfilment";
import { pageApis } from "./pages";
import { faults, SterlingFault, text, timestamp, type Doc, type SimulatorState } from "./state";

export type { Doc } from "./state";

export interface SimulatorUser {
  loginId: string;
  password: string;
}

export interface SterlingSimulatorOptions {
  users: SimulatorUser[];
  orders?: Doc[];
  releases?: Doc[];
  shipments?: Doc[];
  /** With items, createOrder refuses lines whose item and unit of measure are not among them. */
  items?: Doc[];
  customers?: Doc[];
  /** Answered by getOrganizationList; see sampleOrganizations in fixtures.ts. */
  organizations?: Doc[];
  mq?: MqOptions;
  /** Serve HTTPS and require a client certificate issued by `ca`, as IBM-hosted Sterling does. */
  tls?: { cert: string; key: string; ca: string };
  /** Where timestamps come from; a test stops it to give many changes one Modifyts. */
  clock?: () => Date;
  /**
   * xapirest.properties' servlet.authstyle: STANDARD (the default: login, then _loginid and _token) or BASIC (an
   * Authorization: Basic header on every call, login included; a call without valid credentials gets 401 with a
   * Basic challenge, as the servlet container answers).
   */
  authStyle?: "STANDARD" | "BASIC";
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface SterlingSimulator {
  url: string;
  requests: RecordedRequest[];
  state: SimulatorState;
  /** The IBM MQ queues of the messaging REST API, when `mq` was given. */
  mq?: MqBroker;
  /** Forgets every issued token, as a restarted Sterling server would. */
  expireSessions(): void;
  /** Makes every call of `api` fail as an overloaded Sterling does (HTTP 500), until restoreApi. */
  failApi(api: string): void;
  restoreApi(api: string): void;
  close(): Promise<void>;
}

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
    return reply(200, handler(body, state));
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
    return handler(input, state);
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

export async function startSterlingSimulator(options: SterlingSimulatorOptions): Promise<SterlingSimulator> {
  const backend = createSterlingBackend(options);
  const mq = options.mq ? createMqBroker(options.mq) : undefined;
  const requests: RecordedRequest[] = [];

  const listener: http.RequestListener = (req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://simulator");
      requests.push({
        method: req.method ?? "",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: text,
      });
      if (url.pathname.startsWith("/ibmmq/rest/")) return mq ? mq.handle(req, url, res, text) : mqwebNotFound(res);
      const answer = backend.handleRest({
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        cookie: req.headers.cookie,
        authorization: req.headers.authorization,
        body: text,
      });
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  };
  const server = options.tls
    ? https.createServer({ ...options.tls, requestCert: true, rejectUnauthorized: true }, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the simulator is not listening on a port");
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${address.port}`,
    requests,
    state: backend.state,
    mq,
    expireSessions: backend.expireSessions,
    failApi: backend.failApi,
    restoreApi: backend.restoreApi,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
