// A local NewStore tenant for running beside an external OMS, as NewStore documents it (../shared/protocols/
// oracle-newstore.md B1-B4): the identity realm's client-credentials token endpoint, the availability webhook config,
// the external OMS config and the external-ATP switch under /v0, and asking the configured webhook for availability
// the way NewStore does on a basket. State is in memory.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { API_PREFIX, AVAILABILITY_WEBHOOK_PATH, EXTERNAL_ATP_PATH, EXTERNAL_OMS_PATH } from "../paths";
import { askForAvailability, type AskInput } from "./ask";
import { availabilityWebhook, externalAtp, externalOms } from "./config";
import { problem, type AskRecord, type SimClient, type SimReply, type SimState } from "./state";
import { expireTokens, issueToken, refuseUnauthorized } from "./token";
import { allowOutboundToServer } from "../../../security/outbound-guard";

export type { AskRecord, SimClient, WebhookConfig } from "./state";

export interface NewStoreSimulatorOptions {
  realm: string;
  clients: SimClient[];
  allowLoopbackHttp?: boolean;
  clock?: () => Date;
}

export interface NewStoreRequest {
  method: string;
  /** Path and query below the mount point, e.g. /v0/config/availability/webhook. */
  url: string;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface NewStoreBackend {
  state: SimState;
  handle(request: NewStoreRequest): SimReply;
  ask(input: AskInput): Promise<AskRecord>;
  expireTokens(): void;
}

export function createNewStoreBackend(options: NewStoreSimulatorOptions): NewStoreBackend {
  const clock = options.clock ?? (() => new Date());
  const since = clock().toISOString();
  const state: SimState = {
    realm: options.realm,
    clients: options.clients,
    tokens: new Map(),
    externalOms: { enabled: false, updatedAt: since },
    externalAtp: { value: false, updatedAt: since },
    webhook: null,
    asks: [],
    allowLoopbackHttp: options.allowLoopbackHttp ?? false,
    clock,
  };
  const tokenPath = `/auth/realms/${state.realm}/protocol/openid-connect/token`;

  function handle(request: NewStoreRequest): SimReply {
    const path = new URL(request.url, "http://newstore.invalid").pathname;
    if (path === tokenPath) {
      if (request.method !== "POST") return problem(405, "method_not_allowed", "Use POST.");
      return issueToken(state, request.body, request.headers.authorization);
    }
    if (!path.startsWith(`${API_PREFIX}/`)) return problem(404, "not_found", "Not found.");
    const refusal = refuseUnauthorized(state, request.headers.authorization);
    if (refusal) return refusal;
    if (path === AVAILABILITY_WEBHOOK_PATH) return availabilityWebhook(state, request.method, request.body);
    if (path === EXTERNAL_OMS_PATH) return externalOms(state, request.method, request.body);
    if (path === EXTERNAL_ATP_PATH) return externalAtp(state, request.method, request.body);
    return problem(404, "not_found", "Not found.");
  }

  return {
    state,
    handle,
    ask: (input) => askForAvailability(state, input),
    expireTokens: () => expireTokens(state),
  };
}

export interface NewStoreSimulator extends NewStoreBackend {
  /** Where the API answers (the tenant URL of an account). */
  baseUrl: string;
  tokenUrl: string;
  /** Every request, method and path, in order. */
  calls: string[];
  close(): Promise<void>;
}

/** The backend on a loopback port of its own, for tests. */
export async function startNewStoreSimulator(options: NewStoreSimulatorOptions): Promise<NewStoreSimulator> {
  const backend = createNewStoreBackend(options);
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      calls.push(`${req.method ?? "GET"} ${req.url ?? "/"}`);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value[0] : value;
      const reply = backend.handle({
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(reply.status, reply.headers).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // The simulator stands for a remote system of the tests in this process: its exact address is allowed out.
  allowOutboundToServer(baseUrl);
  return {
    ...backend,
    baseUrl,
    tokenUrl: `${baseUrl}/auth/realms/${options.realm}/protocol/openid-connect/token`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
