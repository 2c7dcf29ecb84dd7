// NewStore's configuration endpoints for running beside an external OMS: the availability webhook config (GET,
// PUT with all four documented fields, DELETE), the external OMS config ({ enabled }) and the switch that makes
// NewStore ask the webhook for ATP ({ value }). Config GETs answer { value, updated_at } as NewStore's other config
// APIs do; see paths.ts for which paths and methods are documented and which are guessed.
import { z } from "zod";
import { json, problem, type SimReply, type SimState } from "./state";

const webhookBody = z.object({
  url: z.string().min(1),
  api_key: z.string().min(20, "api_key must be at least 20 characters long"),
  external_identifier: z.literal("product_id", { error: "external_identifier must be product_id" }),
  timeout: z.number().int().min(5).max(60, "timeout must be between 5 and 60 seconds"),
});

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`;
}

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

function checkWebhookUrl(state: SimState, text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "url must be a valid URI";
  }
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && state.allowLoopbackHttp && loopbackHosts.has(url.hostname)) return undefined;
  return "url must use https";
}

export function availabilityWebhook(state: SimState, method: string, body: string): SimReply {
  if (method === "GET") {
    return state.webhook ? json(200, state.webhook) : problem(404, "not_found", "No webhook configuration was found.");
  }
  if (method === "DELETE") {
    state.webhook = null;
    return { status: 204, headers: {}, body: "" };
  }
  if (method !== "PUT") return problem(405, "method_not_allowed", `${method} is not allowed here.`);
  const parsed = webhookBody.safeParse(parseJson(body));
  if (!parsed.success) return problem(400, "bad_request", firstIssue(parsed.error));
  const urlProblem = checkWebhookUrl(state, parsed.data.url);
  if (urlProblem) return problem(400, "bad_request", `url: ${urlProblem}`);
  state.webhook = parsed.data;
  return json(200, state.webhook);
}

export function externalOms(state: SimState, method: string, body: string): SimReply {
  if (method === "PUT") {
    const parsed = z.object({ enabled: z.boolean() }).safeParse(parseJson(body));
    if (!parsed.success) return problem(400, "bad_request", firstIssue(parsed.error));
    state.externalOms = { enabled: parsed.data.enabled, updatedAt: state.clock().toISOString() };
  } else if (method !== "GET") {
    return problem(405, "method_not_allowed", `${method} is not allowed here.`);
  }
  return json(200, { value: { enabled: state.externalOms.enabled }, updated_at: state.externalOms.updatedAt });
}

export function externalAtp(state: SimState, method: string, body: string): SimReply {
  if (method === "PUT") {
    const parsed = z.object({ value: z.boolean() }).safeParse(parseJson(body));
    if (!parsed.success) return problem(400, "bad_request", firstIssue(parsed.error));
    state.externalAtp = { value: parsed.data.value, updatedAt: state.clock().toISOString() };
  } else if (method !== "GET") {
    return problem(405, "method_not_allowed", `${method} is not allowed here.`);
  }
  return json(200, { value: state.externalAtp.value, updated_at: state.externalAtp.updatedAt });
}
