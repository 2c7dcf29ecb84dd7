// Which running flow listens at a webhook address, remembered per address so that a request costs no look-up round
// trip. A remembered listener may be out of date (the flow stopped, was published again, its secret rotated, in this
// process or another): the run's insert is guarded by it (run-insert.repository.ts), and webhook.ts looks again
// whenever the insert refuses or an answer other than a run was given from what was remembered.
import type { WebhookListenerGuard } from "../db/run-insert.repository";
import type { Sql } from "../db/sql";
import { findWebhookListenerSql, type WebhookListener } from "../db/webhook-runs.repository";

/** A listener that takes requests: an active webhook trigger of a running flow with a published version. */
export type ActiveListener = WebhookListener & { publishedVersionId: string };

const listenersById = new Map<string, ActiveListener>();
const MAX_REMEMBERED_LISTENERS = 1000;

function isActive(listener: WebhookListener | undefined): listener is ActiveListener {
  return (
    listener !== undefined &&
    listener.active &&
    listener.kind === "webhook" &&
    listener.status === "running" &&
    listener.publishedVersionId !== null
  );
}

export function rememberedListener(webhookId: string): ActiveListener | undefined {
  return listenersById.get(webhookId);
}

/** Reads the listener afresh and remembers it, or forgets the address when no running flow listens there. */
export async function lookUpListener(sql: Sql, webhookId: string): Promise<ActiveListener | undefined> {
  const listener = await findWebhookListenerSql(sql, webhookId);
  if (!isActive(listener)) {
    listenersById.delete(webhookId);
    return undefined;
  }
  if (listenersById.size >= MAX_REMEMBERED_LISTENERS && !listenersById.has(webhookId)) listenersById.clear();
  listenersById.set(webhookId, listener);
  return listener;
}

export function forgetListener(webhookId: string): void {
  listenersById.delete(webhookId);
}

/** Whether two readings agree on everything a request's answer depends on (and the guard checks). */
export function sameListener(a: ActiveListener, b: ActiveListener): boolean {
  return (
    a.flowId === b.flowId &&
    a.publishedVersionId === b.publishedVersionId &&
    a.webhookSecret === b.webhookSecret &&
    a.businessKeyExpression === b.businessKeyExpression
  );
}

/** The guard that saves a run only while the flow still listens at `webhookId` as `listener` says. */
export function guardOf(webhookId: string, listener: ActiveListener): WebhookListenerGuard {
  return {
    webhookId,
    webhookSecret: listener.webhookSecret,
    businessKeyExpression: listener.businessKeyExpression,
  };
}
