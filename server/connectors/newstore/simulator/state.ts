// The simulated NewStore tenant's state and reply helpers. Error bodies are NewStore's documented problem JSON
// ({ error_code, message, request_id }, application/problem+json; ../shared/protocols/oracle-newstore.md B3).
import crypto from "node:crypto";

export interface SimReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SimClient {
  clientId: string;
  clientSecret: string;
  /** The token TTL chosen when the API client was created in NOM. */
  ttlSeconds: number;
}

export interface WebhookConfig {
  url: string;
  api_key: string;
  external_identifier: string;
  timeout: number;
}

export interface AskRow {
  product_id: string;
  fulfillment_location: string;
  atp: number;
  /** False when the answer had no entry for this product and location (NewStore then treats it as unavailable). */
  answered: boolean;
}

/** One availability request NewStore made to the configured webhook, as the simulator page shows it. */
export interface AskRecord {
  at: string;
  url: string;
  request: { products: Array<{ product_id: string; external_identifier: string }>; fulfillment_locations: string[] };
  status: number | null;
  ms: number;
  /** The reply body as text (cut at 4 KB). */
  reply: string;
  /** "answered", or why NewStore treated every item as unavailable. */
  outcome: string;
  rows: AskRow[];
}

export interface SimState {
  realm: string;
  clients: SimClient[];
  tokens: Map<string, { clientId: string; expiresAt: number }>;
  externalOms: { enabled: boolean; updatedAt: string };
  externalAtp: { value: boolean; updatedAt: string };
  webhook: WebhookConfig | null;
  asks: AskRecord[];
  /** http:// webhook URLs are refused as documented, except on loopback when this is set (the built-in simulator). */
  allowLoopbackHttp: boolean;
  clock: () => Date;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimReply {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export function problem(status: number, errorCode: string, message: string): SimReply {
  return {
    status,
    headers: { "content-type": "application/problem+json" },
    body: JSON.stringify({ error_code: errorCode, message, request_id: crypto.randomUUID() }),
  };
}

export function empty(status: number): SimReply {
  return { status, headers: {}, body: "" };
}
