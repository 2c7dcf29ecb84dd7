// A connector that exists only in tests, with one webhook trigger per way of proving who calls, so the runtime's
// connector-webhook path is tested on its own, apart from any vendor. Tests add it to the registry with vi.mock.
import { z } from "zod";
import { defineConnector, defineWebhookTrigger, type ConnectorDefinition } from "@/server/connectors/sdk";
import type { FoundOperation } from "@/server/connectors";

export const subscriptionCalls: Array<{ kind: "enable" | "disable"; url: string; secret: string; input: unknown }> = [];

const event = z.object({ eventId: z.string().min(1), orderNo: z.string().min(1), businessUnit: z.string() });
const eventData = z.object({ eventId: z.string(), orderNo: z.string(), businessUnit: z.string() });

const signedEvent = defineWebhookTrigger({
  key: "signedEvent",
  kind: "webhook",
  label: "Signed event",
  description: "An HMAC-signed event, routed by business unit.",
  group: "Events",
  input: z.object({ businessUnit: z.string().default("") }),
  output: eventData,
  authentication: {
    scheme: "hmac",
    header: "x-fixture-signature",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "sha256=",
  },
  body: event,
  toTriggerData: ({ request }) => request.body,
  dedupeKey: ({ data }) => data.eventId,
  accepts: ({ data, input }) => input.businessUnit === "" || input.businessUnit === data.businessUnit,
});

const basicEvent = defineWebhookTrigger({
  key: "basicEvent",
  kind: "webhook",
  label: "Basic event",
  description: "An event sent with Basic credentials.",
  group: "Events",
  input: z.object({}),
  output: eventData,
  authentication: { scheme: "basic", username: "fusion" },
  body: event,
  toTriggerData: ({ request }) => request.body,
  dedupeKey: ({ data }) => data.eventId,
});

const question = defineWebhookTrigger({
  key: "question",
  kind: "webhook",
  label: "Question",
  description: "A caller that sends its key and waits for an answer.",
  group: "Questions",
  input: z.object({ deadlineMs: z.number().int().default(2_000), register: z.boolean().default(false) }),
  output: z.object({ text: z.string() }),
  authentication: { scheme: "key", header: "authorization" },
  body: z.object({ text: z.string() }),
  toTriggerData: ({ request }) => ({ text: request.body.text }),
  answer: {
    schema: z.object({ answer: z.string() }),
    deadlineMs: (input) => input.deadlineMs,
    fallback: ({ data, reason }) => ({ answer: `fallback (${reason}) for ${data.text}` }),
  },
  async onEnable({ input, address }) {
    if (input.register) subscriptionCalls.push({ kind: "enable", ...address, input });
  },
  async onDisable({ input, address }) {
    if (input.register) subscriptionCalls.push({ kind: "disable", ...address, input });
  },
});

export const webhookFixtureConnector: ConnectorDefinition = defineConnector({
  id: "webhook-fixture",
  name: "Webhook fixture",
  description: "Test-only connector with webhook triggers.",
  icon: "webhook",
  triggers: [signedEvent, basicEvent, question],
  actions: [],
});

/** Wraps the registry's findOperation so that it also finds the fixture's triggers. */
export function withFixture(
  find: (connectorId: string, operation: string) => FoundOperation | undefined,
): (connectorId: string, operation: string) => FoundOperation | undefined {
  return (connectorId, operation) => {
    if (connectorId !== webhookFixtureConnector.id) return find(connectorId, operation);
    const trigger = webhookFixtureConnector.triggers.find((candidate) => candidate.key === operation);
    return trigger ? { kind: "trigger", connector: webhookFixtureConnector, trigger } : undefined;
  };
}
