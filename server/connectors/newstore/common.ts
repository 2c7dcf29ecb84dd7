// Pieces the NewStore actions share: the account read for a step and how a webhook config is shown in a step's
// output (the api_key is a credential: run history keeps only its last four characters).
import { z } from "zod";
import { newstoreAccount, newstoreAccounts } from "./auth";
import type { WebhookConfig } from "./config-api";

export { newstoreAccount };
export const newstoreAction = newstoreAccounts.action;

export const webhookConfigOutput = z.object({
  configured: z.boolean().meta({ title: "Configured", description: "False when NewStore has no webhook config." }),
  url: z.string().nullable().meta({ title: "URL" }),
  apiKeyEnding: z.string().nullable().meta({ title: "API key ends with", description: "Its last four characters." }),
  externalIdentifier: z.string().nullable().meta({ title: "External identifier" }),
  timeoutSeconds: z.number().nullable().meta({ title: "Timeout (seconds)" }),
});

export function shownConfig(config: WebhookConfig | null): z.input<typeof webhookConfigOutput> {
  if (!config)
    return { configured: false, url: null, apiKeyEnding: null, externalIdentifier: null, timeoutSeconds: null };
  return {
    configured: true,
    url: config.url,
    apiKeyEnding: config.api_key.slice(-4),
    externalIdentifier: config.external_identifier,
    timeoutSeconds: config.timeout,
  };
}

export const switchOutput = z.object({
  enabled: z.boolean().meta({ title: "Enabled" }),
  updatedAt: z.string().nullable().meta({ title: "Updated at" }),
});
