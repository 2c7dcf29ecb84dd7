// A local Sterling OMS that speaks the documented REST API closely enough for the connector to be tested against it:
// STANDARD authentication (POST /smcfs/restapi/invoke/login returns a UserToken; API calls carry `_loginid` and
// `_token` and the session cookie the login set, as a sticky load balancer requires), API calls as
// POST /smcfs/restapi/invoke/<api> with JSON documents, Sterling-shaped replies and `{ errors: [...] }` refusals.
// It also serves the IBM MQ messaging REST endpoint the MQ mode uses. State is in memory.
import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { z } from "zod";
import { handleMq, type MqOptions } from "./mq";
import { catalogApis } from "./catalog";
import { orderApis, seedOrder } from "./orders";
import { organizationApis } from "./organizations";
import { faults, SterlingFault, type Doc, type SimulatorState } from "./state";

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
  /** Forgets every issued token, as a restarted Sterling server would. */
  expireSessions(): void;
  /** Makes every call of `api` fail as an overloaded Sterling does (HTTP 500), until restoreApi. */
  failApi(api: string): void;
  restoreApi(api: string): void;
  close(): Promise<void>;
}

const apis: Record<string, (input: unknown, state: SimulatorState) => Doc> = {
  ...orderApis,
  ...catalogApis,
  ...organizationApis,
};
const loginInput = z.object({ LoginID: z.string(), Password: z.string() });
const INVOKE = "/smcfs/restapi/invoke/";

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8", ...headers });
  res.end(JSON.stringify(body));
}

function sendFault(res: http.ServerResponse, fault: SterlingFault) {
  send(res, fault.status, {
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

export async function startSterlingSimulator(options: SterlingSimulatorOptions): Promise<SterlingSimulator> {
  const state: SimulatorState = {
    orders: (options.orders ?? []).map((order, index) => seedOrder(order, index)),
    releases: options.releases ?? [],
    shipments: options.shipments ?? [],
    items: options.items ?? [],
    customers: options.customers ?? [],
    organizations: options.organizations ?? [],
    nextOrderNo: 100_001,
  };
  const sessions = new Map<string, { loginId: string; sessionId: string }>();
  const requests: RecordedRequest[] = [];
  const failing = new Set<string>();

  function login(body: unknown, res: http.ServerResponse) {
    const credentials = loginInput.safeParse(body);
    const user = credentials.success
      ? options.users.find((candidate) => candidate.loginId === credentials.data.LoginID)
      : undefined;
    if (!credentials.success || !user || user.password !== credentials.data.Password) {
      return sendFault(res, faults.loginFailed());
    }
    const token = randomBytes(24).toString("base64url");
    const sessionId = randomBytes(12).toString("hex");
    sessions.set(token, { loginId: user.loginId, sessionId });
    send(
      res,
      200,
      { LoginID: user.loginId, UserName: user.loginId, UserToken: token, UserGroupID: "SYSTEM" },
      // The route cookie stands in for a load balancer's affinity cookie, with the date that has a comma in it.
      {
        "set-cookie": [
          `JSESSIONID=${sessionId}; Path=/smcfs; HttpOnly; Secure`,
          "route=node1; Expires=Wed, 21 Oct 2099 07:28:00 GMT; Path=/",
        ],
      },
    );
  }

  function invoke(api: string, url: URL, req: http.IncomingMessage, body: unknown, res: http.ServerResponse) {
    const session = sessions.get(url.searchParams.get("_token") ?? "");
    const authenticated =
      session !== undefined &&
      session.loginId === url.searchParams.get("_loginid") &&
      session.sessionId === readCookie(req.headers.cookie, "JSESSIONID");
    // Observed Sterling behaviour: an unknown or foreign token is a 400 with YCP0427, not a 401.
    if (!authenticated) return sendFault(res, faults.notAuthenticated());
    const handler = Object.hasOwn(apis, api) ? apis[api] : undefined;
    if (!handler) return sendFault(res, faults.unknownApi(api));
    if (failing.has(api)) return sendFault(res, faults.unavailable());
    send(res, 200, handler(body, state));
  }

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
      try {
        if (url.pathname.startsWith("/ibmmq/rest/")) return handleMq(options.mq, req, url, res);
        if (req.method !== "POST" || !url.pathname.startsWith(INVOKE)) {
          // What the application server in front of Sterling answers for a path it does not serve.
          res.writeHead(404, { "content-type": "text/html" }).end("<html><body>Error 404: Not Found</body></html>");
          return;
        }
        let body: unknown;
        try {
          body = text.trim() === "" ? {} : JSON.parse(text);
        } catch {
          throw faults.badInput("The request body is not valid JSON");
        }
        const api = decodeURIComponent(url.pathname.slice(INVOKE.length));
        if (api === "login") return login(body, res);
        invoke(api, url, req, body, res);
      } catch (error) {
        if (error instanceof SterlingFault) return sendFault(res, error);
        send(res, 500, { errors: [{ ErrorCode: "YFC0101", ErrorDescription: String(error) }] });
      }
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
    state,
    expireSessions: () => sessions.clear(),
    failApi: (api) => void failing.add(api),
    restoreApi: (api) => void failing.delete(api),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
