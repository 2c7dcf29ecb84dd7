// Availability requested: NewStore, running beside an external OMS, POSTs the products and fulfillment locations of
// a basket or checkout to the configured webhook with the api_key as the raw Authorization header and waits at most
// its timeout (5-60 s) for { availabilities: [...] }, one per product and location (B3, B4). The api_key is the flow's
// webhook secret. When the flow cannot answer in time, the fallback answers for it: zero for everything, which is
// what NewStore would assume from no answer, but on time and explicit. On Start it can register itself (webhook
// config, then the external-ATP switch) and on Stop remove itself again.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { defineWebhookTrigger, field, operationHints } from "../../sdk";
import { newstoreAccount, newstoreAccounts } from "../auth";
import { deleteWebhookConfig, externalAtpConfig, getWebhookConfig, putWebhookConfig } from "../config-api";

const input = z
  .object({
    register: z
      .boolean()
      .default(true)
      .meta(
        field({
          title: "Register with NewStore on Start",
          description:
            "On Start, set NewStore's availability webhook to this flow (its address and secret as the API key) and turn on external ATP; on Stop, remove it again.",
          order: 1,
        }),
      ),
    timeoutSeconds: z
      .number()
      .int()
      .min(5)
      .max(60)
      .default(10)
      .meta(
        field({
          title: "NewStore's timeout (seconds)",
          description:
            "How long NewStore waits for the answer (5-60). The flow answers before it: with zero availability if it has not answered a second (or a fifth of the timeout) earlier.",
          order: 2,
        }),
      ),
  })
  .meta(
    operationHints({
      panel: "webhookAddress",
      callerHint:
        "NewStore sends the secret itself as the Authorization header (its webhook config's api_key); requests without it get 401 and start no run. With Register with NewStore on Start, Start gives NewStore this address and secret; otherwise set them with Update availability webhook config.",
    }),
  );

const product = z.object({
  product_id: z.string().min(1),
  external_identifier: z.string().optional(),
});
const body = z.object({
  products: z.array(product).min(1),
  fulfillment_locations: z.array(z.string().min(1)).min(1),
});

const availability = z.object({
  product_id: z.string().meta({ title: "Product ID" }),
  external_identifier: z.string().meta({ title: "External identifier" }),
  fulfillment_location: z.string().meta({ title: "Fulfillment location" }),
  atp: z.number().int().min(0).meta({ title: "ATP" }),
});
const answer = z.object({ availabilities: z.array(availability) });

const output = z.object({
  products: z
    .array(z.object({ product_id: z.string(), external_identifier: z.string() }))
    .meta({ title: "Products", description: "What NewStore asks about; the identifier is the product id." }),
  fulfillment_locations: z.array(z.string()).meta({ title: "Fulfillment locations" }),
  pairs: z
    .array(z.object({ product_id: z.string(), external_identifier: z.string(), fulfillment_location: z.string() }))
    .meta({
      title: "Product and location pairs",
      description: "One per product and location: the answer needs one availability for each.",
    }),
  receivedAt: z.string().meta({ title: "Received at" }),
});
type Data = z.output<typeof output>;

/** The deadline keeps a margin under NewStore's timeout for the answer to travel: a second, or a fifth if shorter. */
export function answerDeadlineMs(timeoutSeconds: number): number {
  const timeoutMs = timeoutSeconds * 1000;
  return timeoutMs - Math.min(1_000, timeoutMs / 5);
}

export function zeroAvailability(data: Data): z.input<typeof answer> {
  return { availabilities: data.pairs.map((pair) => ({ ...pair, atp: 0 })) };
}

const label = "Availability requested";

export const availabilityRequestedTrigger = defineWebhookTrigger({
  key: "availabilityRequested",
  kind: "webhook",
  label,
  description:
    "NewStore asks for the availability (ATP) of products at fulfillment locations; the flow answers with Respond.",
  group: "Availability",
  modes: ["apiClient"],
  // The account is only used to register with NewStore on Start (and unregister on Stop).
  account: { requiredWhen: "register" },
  input,
  output,
  sample: {
    products: [
      { product_id: "1000061", external_identifier: "1000061" },
      { product_id: "1000062", external_identifier: "1000062" },
    ],
    fulfillment_locations: ["US01", "DC01"],
    pairs: [
      { product_id: "1000061", external_identifier: "1000061", fulfillment_location: "US01" },
      { product_id: "1000061", external_identifier: "1000061", fulfillment_location: "DC01" },
      { product_id: "1000062", external_identifier: "1000062", fulfillment_location: "US01" },
      { product_id: "1000062", external_identifier: "1000062", fulfillment_location: "DC01" },
    ],
    receivedAt: "2026-01-05T09:00:00.000Z",
  },
  // NewStore sends the api_key itself as the Authorization header, without a scheme.
  authentication: { scheme: "key", header: "authorization" },
  body,
  toTriggerData: ({ request }) => {
    const products = request.body.products.map((entry) => ({
      product_id: entry.product_id,
      external_identifier: entry.external_identifier ?? entry.product_id,
    }));
    const locations = request.body.fulfillment_locations;
    return {
      products,
      fulfillment_locations: locations,
      pairs: products.flatMap((entry) => locations.map((location) => ({ ...entry, fulfillment_location: location }))),
      receivedAt: request.receivedAt,
    };
  },
  answer: {
    schema: answer,
    deadlineMs: (settings) => answerDeadlineMs(settings.timeoutSeconds),
    fallback: ({ data }) => zeroAvailability(data),
  },
  async onEnable({ input: settings, account, address, signal, log }) {
    if (!settings.register) return;
    const newstore = newstoreAccount(newstoreAccounts.read(account, label));
    const url = new URL(address.url);
    if (url.protocol !== "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) {
      throw new ConfluxError(
        "INPUT_INVALID",
        `NewStore only calls https addresses, and this flow's is ${url.origin}: set CONFLUX_PUBLIC_URL to the https address Conflux is reached at`,
      );
    }
    const config = {
      url: address.url,
      api_key: address.secret,
      external_identifier: "product_id",
      timeout: settings.timeoutSeconds,
    };
    await putWebhookConfig(newstore, config, signal);
    await externalAtpConfig(newstore, signal, true);
    log.info(`NewStore asks ${address.url} for availability now`);
  },
  async onDisable({ input: settings, account, address, signal, log }) {
    if (!settings.register) return;
    const newstore = newstoreAccount(newstoreAccounts.read(account, label));
    // Only this flow's own registration is removed: another flow (or a person) may have taken the webhook since.
    const current = await getWebhookConfig(newstore, signal);
    if (current?.url !== address.url) return;
    // External ATP off first: NewStore then uses its own stock rather than treating every item as unavailable.
    await externalAtpConfig(newstore, signal, false);
    await deleteWebhookConfig(newstore, signal);
    log.info("NewStore no longer asks this flow for availability");
  },
});
