// A local Sterling OMS that speaks the documented REST API closely enough for the connector to be tested against it:
// STANDARD authentication (POST /smcfs/restapi/invoke/login returns a UserToken; API calls carry `_loginid` and
// `_token` and the session cookie the login set, as a sticky load balancer requires), API calls as
// POST /smcfs/restapi/invoke/<api> with JSON documents, Sterling-shaped replies and `{ errors: [...] }` refusals.
// It also serves the IBM MQ messaging REST endpoint the MQ mode uses. State is in memory.
import http from "node:http";
import https from "node:https";
import { createMqBroker, type MqBroker, type MqOptions } from "./mq";
import { mqwebNotFound } from "./mq-errors";
import { eventQueueDefinitions, publishingAround } from "./event-publisher";
import { createSterlingBackend, type SterlingBackend } from "./backend";
import type { Doc, SimulatorState } from "./state";

export {
  createSterlingBackend,
  type SterlingBackend,
  type SterlingRestReply,
  type SterlingRestRequest,
} from "./backend";
import { allowOutboundToServer } from "../../../security/outbound-guard";

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
  /** Runs around every API call that reaches a handler (REST or the simulator's page); the built-in publishes events. */
  around?: <T>(call: () => T) => T;
  /** With `mq`: publish Sterling's events on this queue manager's event queues (event-publisher.ts). */
  publishEventsOn?: string;
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
  /** The REST layer itself, for what the simulator's page does without HTTP (console.ts). */
  backend: SterlingBackend;
  /** The IBM MQ queues of the messaging REST API, when `mq` was given. */
  mq?: MqBroker;
  /** Forgets every issued token, as a restarted Sterling server would. */
  expireSessions(): void;
  /** Makes every call of `api` fail as an overloaded Sterling does (HTTP 500), until restoreApi. */
  failApi(api: string): void;
  restoreApi(api: string): void;
  close(): Promise<void>;
}

/** The MQ options with the event queues added to `queueManager` (kept if already defined). */
export function withEventQueues(mq: MqOptions, queueManager: string): MqOptions {
  const defined = mq.queueManagers[queueManager] ?? {};
  return { ...mq, queueManagers: { ...mq.queueManagers, [queueManager]: { ...eventQueueDefinitions(), ...defined } } };
}

export async function startSterlingSimulator(options: SterlingSimulatorOptions): Promise<SterlingSimulator> {
  const publishOn = options.mq ? options.publishEventsOn : undefined;
  const mq = options.mq ? createMqBroker(publishOn ? withEventQueues(options.mq, publishOn) : options.mq) : undefined;
  const around = mq && publishOn ? publishingAround(mq, publishOn, () => backend.state) : options.around;
  const backend = createSterlingBackend({ ...options, around });
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
      if (url.pathname.startsWith("/ibmmq/rest/")) {
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
        );
        const answer = mq ? mq.handle({ method: req.method ?? "", url, headers, body: text }) : mqwebNotFound();
        if (answer.drop) return req.socket.destroy();
        return res.writeHead(answer.status, answer.headers).end(answer.body);
      }
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
  const url = `${options.tls ? "https" : "http"}://127.0.0.1:${address.port}`;
  // The simulator stands for a remote system of the tests in this process: its exact address is allowed out.
  allowOutboundToServer(url);
  return {
    url,
    requests,
    state: backend.state,
    backend,
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
