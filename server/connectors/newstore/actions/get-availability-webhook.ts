// Get webhook config: where NewStore asks for availability, with which timeout (B3). The key is shown by its end only.
import { z } from "zod";
import { getWebhookConfig } from "../config-api";
import { newstoreAccount, newstoreAction, shownConfig, webhookConfigOutput } from "../common";

export const getAvailabilityWebhookAction = newstoreAction({
  key: "getAvailabilityWebhook",
  label: "Get availability webhook config",
  description: "The address NewStore asks for availability, its external identifier and timeout.",
  group: "Availability",
  input: z.object({}),
  output: webhookConfigOutput,
  async run({ ctx }) {
    return shownConfig(await getWebhookConfig(newstoreAccount(ctx.account), ctx.signal));
  },
});
