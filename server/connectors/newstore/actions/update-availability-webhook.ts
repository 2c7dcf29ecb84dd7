// Update webhook config: all four documented fields (B3). NewStore sends the api_key as the raw Authorization header
// of every availability request and only calls https addresses; the timeout is 5 to 60 seconds.
import { z } from "zod";
import { field } from "../../sdk";
import { putWebhookConfig } from "../config-api";
import { newstoreAccount, newstoreAction, shownConfig, webhookConfigOutput } from "../common";

export const updateAvailabilityWebhookAction = newstoreAction({
  key: "updateAvailabilityWebhook",
  label: "Update availability webhook config",
  description: "Tells NewStore where to ask for availability, with which key and timeout.",
  group: "Availability",
  input: z.object({
    url: z
      .url({ protocol: /^https?$/, error: "must be an https:// address" })
      .meta(field({ title: "URL", description: "NewStore only calls https addresses.", order: 1 })),
    apiKey: z
      .string()
      .min(20, "must be at least 20 characters")
      .meta(
        field({
          title: "API key",
          description:
            "Sent as the Authorization header of every request; at least 20 characters. It is kept in run history with this step's input.",
          order: 2,
        }),
      ),
    externalIdentifier: z
      .enum(["product_id"])
      .default("product_id")
      .meta(field({ title: "External identifier", description: "NewStore supports product_id only.", order: 3 })),
    timeoutSeconds: z
      .number()
      .int()
      .min(5)
      .max(60)
      .default(10)
      .meta(field({ title: "Timeout (seconds)", description: "5 to 60.", order: 4 })),
  }),
  output: webhookConfigOutput,
  async run({ input, ctx }) {
    const config = {
      url: input.url,
      api_key: input.apiKey,
      external_identifier: input.externalIdentifier,
      timeout: input.timeoutSeconds,
    };
    await putWebhookConfig(newstoreAccount(ctx.account), config, ctx.signal);
    return shownConfig(config);
  },
});
