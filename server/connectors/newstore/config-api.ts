// NewStore's configuration calls the actions and the availability trigger share (paths.ts says which are guesses).
import { z } from "zod";
import type { NewStoreAccount } from "./auth";
import { callNewStore, readReply } from "./client";
import { AVAILABILITY_WEBHOOK_PATH, EXTERNAL_ATP_PATH, EXTERNAL_OMS_PATH } from "./paths";

export const webhookConfigSchema = z.object({
  url: z.string(),
  api_key: z.string(),
  external_identifier: z.string(),
  timeout: z.number(),
});
export type WebhookConfig = z.output<typeof webhookConfigSchema>;

/** The availability webhook config, or null when none is set (404). */
export async function getWebhookConfig(account: NewStoreAccount, signal: AbortSignal): Promise<WebhookConfig | null> {
  const what = "Get availability webhook config";
  const response = await callNewStore(account, {
    method: "GET",
    path: AVAILABILITY_WEBHOOK_PATH,
    what,
    signal,
    accept: [404],
  });
  return response.status === 404 ? null : readReply(webhookConfigSchema, response, account, what);
}

export async function putWebhookConfig(
  account: NewStoreAccount,
  config: WebhookConfig,
  signal: AbortSignal,
): Promise<void> {
  await callNewStore(account, {
    method: "PUT",
    path: AVAILABILITY_WEBHOOK_PATH,
    body: config,
    what: "Update availability webhook config",
    signal,
  });
}

/** Deletes the config; true when one was deleted, false when there was none. */
export async function deleteWebhookConfig(account: NewStoreAccount, signal: AbortSignal): Promise<boolean> {
  const response = await callNewStore(account, {
    method: "DELETE",
    path: AVAILABILITY_WEBHOOK_PATH,
    what: "Delete availability webhook config",
    signal,
    accept: [404],
  });
  return response.status !== 404;
}

// The public doc shows { value: { enabled }, updated_at }; an older one a flat { enabled } (B2): both are read.
const externalOmsReply = z.union([
  z.object({ value: z.object({ enabled: z.boolean() }), updated_at: z.string().optional() }),
  z.object({ enabled: z.boolean() }).transform((flat) => ({ value: flat, updated_at: undefined })),
]);

export async function externalOmsConfig(account: NewStoreAccount, signal: AbortSignal, enabled?: boolean) {
  const what = enabled === undefined ? "Get external OMS config" : "Enable external OMS config";
  const response = await callNewStore(account, {
    method: enabled === undefined ? "GET" : "PUT",
    path: EXTERNAL_OMS_PATH,
    ...(enabled === undefined ? {} : { body: { enabled } }),
    what,
    signal,
  });
  const reply = readReply(externalOmsReply, response, account, what);
  return { enabled: reply.value.enabled, updatedAt: reply.updated_at ?? null };
}

const externalAtpReply = z.object({ value: z.boolean(), updated_at: z.string().optional() });

export async function externalAtpConfig(account: NewStoreAccount, signal: AbortSignal, value?: boolean) {
  const what =
    value === undefined ? "Get config to request external ATP data" : "Enable config to request external ATP data";
  const response = await callNewStore(account, {
    method: value === undefined ? "GET" : "PUT",
    path: EXTERNAL_ATP_PATH,
    ...(value === undefined ? {} : { body: { value } }),
    what,
    signal,
  });
  const reply = readReply(externalAtpReply, response, account, what);
  return { enabled: reply.value, updatedAt: reply.updated_at ?? null };
}
