// Connector webhook triggers: a remote system calls the flow's own address (/api/hooks/<id>), as NewStore asks for
// availability and Oracle sends business events. The runtime (server/runtime/webhook.ts) owns the endpoint; the
// trigger declares how the caller proves who it is, how a request becomes trigger data, what identifies an event and,
// for callers that wait, the answer's shape, a deadline and the answer sent when the flow cannot give one in time.
import type { z } from "zod";
import type { ActionAccount, AnyTrigger, Logger, TriggerDefinition } from "./types";

/**
 * How the caller proves who it is, always with the flow's webhook secret (shown in the trigger's panel, rotated
 * there; onEnable receives it to register with the remote system). The runtime checks it in constant time before
 * anything is stored; a wrong or missing proof is answered 401 and makes no run.
 * - `key`: the header holds the secret itself, after an optional prefix (NewStore: `Authorization: <api_key>`).
 * - `basic`: `Authorization: Basic base64(username:secret)` (Oracle's outbound connectors).
 * - `hmac`: the header holds the HMAC of the raw body keyed with the secret, after an optional prefix
 *   (e.g. `sha256=`), in hex or base64.
 */
export type WebhookAuthentication =
  | { scheme: "key"; header: string; prefix?: string }
  | { scheme: "basic"; username: string }
  | {
      scheme: "hmac";
      header: string;
      algorithm: "sha1" | "sha256" | "sha512";
      encoding: "hex" | "base64";
      prefix?: string;
    };

/** The request as the trigger sees it, after authentication: credentials and signatures are never in `headers`. */
export interface WebhookRequestData<Body> {
  /** The body, parsed as JSON (or text for other content types), then by the trigger's `body` schema. */
  body: Body;
  /** Lower-case names, without authorization, cookie and signature headers. */
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  receivedAt: string;
}

/** What a waiting caller gets: the Respond step's answer when it arrives in time, else `fallback`. */
export interface WebhookAnswer<Input, Data, Answer extends z.ZodType> {
  /**
   * The body a 2xx answer must have. A Respond step whose 2xx body does not match is replaced by the fallback, so
   * the caller never gets an answer it cannot read; non-2xx statuses pass through as the flow chose them.
   */
  schema: Answer;
  /** How long the caller may wait, from the request's arrival; keep a margin under the caller's own timeout. */
  deadlineMs(input: Input): number;
  /** The answer when the flow is late, failed, or answered with the wrong shape (status 200, JSON). */
  fallback(args: { data: Data; input: Input; reason: WebhookFallbackReason }): z.input<Answer>;
}

export type WebhookFallbackReason = "timeout" | "failed" | "invalid" | "noAnswer";

/** What onEnable and onDisable get: the flow's address, its secret and the trigger node's account. */
export interface WebhookSubscriptionArgs<Input> {
  input: Input;
  account?: ActionAccount;
  /** The absolute address callers must use (CONFLUX_PUBLIC_URL, else the server's own origin) and the secret. */
  address: { url: string; secret: string };
  signal: AbortSignal;
  log: Logger;
}

export interface WebhookTriggerDefinition<
  Input extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Answer extends z.ZodType = z.ZodType,
> extends TriggerDefinition<Input, Output> {
  kind: "webhook";
  /** How callers authenticate; `authenticationFor`, when present, chooses it from the trigger's settings instead. */
  authentication: WebhookAuthentication;
  authenticationFor?(input: z.output<Input>): WebhookAuthentication;
  /** The request body; one that does not match is answered 400 with the reasons and makes no run. */
  body: Body;
  /** Turns the checked request into the run's trigger data (checked against `output`). */
  toTriggerData(args: { request: WebhookRequestData<z.output<Body>>; input: z.output<Input> }): z.input<Output>;
  /**
   * What identifies the event: a request whose key a run of this flow already has makes no second run (a waiting
   * caller gets that run's answer). Null or absent: every request is a new run.
   */
  dedupeKey?(args: { data: z.output<Output>; request: WebhookRequestData<z.output<Body>> }): string | null;
  /** Routing: false answers 202 `{ "ignored": true }` and makes no run (say, an event for another business unit). */
  accepts?(args: { data: z.output<Output>; input: z.output<Input> }): boolean;
  /** Present when the caller waits for the flow's answer (a flow with a Respond step). */
  answer?: WebhookAnswer<z.output<Input>, z.output<Output>, Answer>;
  /**
   * Registers the subscription on the remote system when the flow starts (inside Start: a throw fails Start with
   * its message and arms nothing). It should decide from `input` whether the user asked for it.
   */
  onEnable?(args: WebhookSubscriptionArgs<z.output<Input>>): Promise<void>;
  /** Removes it when the flow stops; a throw is noted on the trigger and Stop goes on. */
  onDisable?(args: WebhookSubscriptionArgs<z.output<Input>>): Promise<void>;
}

export type AnyWebhookTrigger = WebhookTriggerDefinition;

export function isWebhookTrigger(trigger: AnyTrigger): trigger is AnyWebhookTrigger {
  return (
    trigger.kind === "webhook" &&
    "authentication" in trigger &&
    "toTriggerData" in trigger &&
    typeof trigger.toTriggerData === "function"
  );
}

export function webhookAuthentication(trigger: AnyWebhookTrigger, input: unknown): WebhookAuthentication {
  return trigger.authenticationFor ? trigger.authenticationFor(input) : trigger.authentication;
}
