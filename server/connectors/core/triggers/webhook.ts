// Webhook: another system starts the flow by POSTing to the flow's own address (/api/hooks/<id>). The runtime owns
// the endpoint (server/runtime/webhook.ts); this file owns what the trigger's settings are and what a run starts with.
import { z } from "zod";
import { defineTrigger, field, operationHints } from "../../sdk";

export const DEFAULT_RESPONSE_TIMEOUT_MS = 10_000;
export const MAX_RESPONSE_TIMEOUT_MS = 60_000;

// HTTP token characters (RFC 9110): a header name with anything else could never arrive.
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const webhookInput = z
  .object({
    verifySignature: z
      .boolean()
      .default(true)
      .meta(
        field({
          title: "Require a signature",
          description:
            "Only accept requests signed with the flow's secret in the X-Conflux-Signature header. Turn off only for " +
            "senders that cannot sign; then anyone who knows the address can start the flow.",
          order: 1,
        }),
      ),
    eventIdHeader: z
      .string()
      .trim()
      .max(100)
      .regex(headerName, "must be a valid HTTP header name")
      .default("X-Event-Id")
      .meta(
        field({
          title: "Event id header",
          description:
            "The header that identifies an event; a request repeating an event id never starts a second run.",
          placeholder: "X-Event-Id",
          order: 2,
        }),
      ),
    responseTimeoutMs: z
      .number()
      .int()
      .min(1_000)
      .max(MAX_RESPONSE_TIMEOUT_MS)
      .default(DEFAULT_RESPONSE_TIMEOUT_MS)
      .meta(
        field({
          title: "Wait for Respond (ms)",
          description:
            "When the flow has a Respond step, how long the caller waits for its answer before getting 504 with the run id.",
          order: 3,
        }),
      ),
  })
  // The step panel shows the flow's address and secret, which a sender needs before any of these settings matter.
  .meta(operationHints({ panel: "webhookAddress" }));

export type WebhookConfig = z.output<typeof webhookInput>;

export const webhookTrigger = defineTrigger({
  key: "webhook",
  kind: "webhook",
  label: "Webhook",
  description: "Starts the flow when another system sends an HTTP POST to the flow's webhook address.",
  group: "Toolbox",
  input: webhookInput,
  output: z.object({
    body: z.unknown().meta({
      title: "Body",
      description:
        "The request body as data when sent as JSON, XML (root element kept, attributes as fields) or a form; else text.",
    }),
    rawBody: z
      .string()
      .optional()
      .meta({ title: "Raw body", description: "The body as sent, when it was XML or a form." }),
    rawBodyBase64: z.string().optional().meta({
      title: "Raw body (base64)",
      description: "The body exactly as sent, when it held NUL characters (they read as U+FFFD in Body).",
    }),
    headers: z.record(z.string(), z.string()).meta({
      title: "Headers",
      description: "Request headers with lower-case names, without authorization, cookie and signature headers.",
    }),
    query: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .meta({ title: "Query", description: "Query string parameters; a repeated one is a list." }),
    receivedAt: z.string().meta({ title: "Received at", description: "When the request arrived (ISO 8601)." }),
    eventId: z
      .string()
      .nullable()
      .meta({ title: "Event id", description: "The event id header's value, or null when the request had none." }),
  }),
  sample: {
    body: { orderNo: "A-1001", status: "created", lines: [{ sku: "SKU-1", quantity: 2 }] },
    headers: { "content-type": "application/json", "x-event-id": "evt-1001" },
    query: {},
    receivedAt: "2026-01-05T09:00:00.000Z",
    eventId: "evt-1001",
  },
});
