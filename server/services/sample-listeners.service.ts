// "Listen for a test event" from the designer: opens a temporary address for the webhook trigger on the canvas (saved
// or not), reports what it captured, and closes it. The address is answered by runtime/webhook-sample.ts.
import { ConfluxError } from "@/lib/errors";
import { findOperation } from "../connectors";
import { webhookTrigger } from "../connectors/core/triggers/webhook";
import { isWebhookTrigger } from "../connectors/sdk";
import type { Db } from "../db/client";
import { closeSampleListener, findLatestSampleListener, openSampleListener } from "../db/sample-listeners.repository";
import type { KeyRingSource } from "../security/keyring";
import { newWebhookId } from "../security/webhook-secret";
import { ensureWebhookIdentity } from "../runtime/webhook-identity";
import { SAMPLE_PATH_PREFIX } from "../runtime/webhook-sample";
import { getFlow } from "./flows.service";
import { publicAddress } from "./webhooks.service";

/** How long a test address takes its one request. */
export const SAMPLE_LISTEN_MINUTES = 10;

export interface ListenedTrigger {
  connectorId: string;
  operation: string;
  inputs: Record<string, unknown>;
}

export type SampleListenerState = "listening" | "captured" | "closed" | "expired";

export interface SampleListenerView {
  id: string;
  /** "/api/hooks/listen/<id>". */
  path: string;
  /** The whole address under CONFLUX_PUBLIC_URL when it is set; null leaves the page's origin to the designer. */
  url: string | null;
  connectorId: string;
  operation: string;
  state: SampleListenerState;
  expiresAt: Date;
  capturedAt: Date | null;
  data: unknown;
  lastError: string | null;
}

type Listener = NonNullable<Awaited<ReturnType<typeof findLatestSampleListener>>>;

function viewOf(listener: Listener, now: Date): SampleListenerView {
  const state: SampleListenerState = listener.capturedAt
    ? "captured"
    : listener.closedAt
      ? "closed"
      : listener.expiresAt.getTime() <= now.getTime()
        ? "expired"
        : "listening";
  const path = `${SAMPLE_PATH_PREFIX}${listener.id}`;
  return {
    id: listener.id,
    path,
    url: publicAddress(path),
    connectorId: listener.connectorId,
    operation: listener.operation,
    state,
    expiresAt: listener.expiresAt,
    capturedAt: listener.capturedAt,
    data: listener.capturedAt ? listener.data : null,
    lastError: listener.lastError,
  };
}

function isWebhookOperation(trigger: ListenedTrigger): boolean {
  if (trigger.connectorId === "core" && trigger.operation === webhookTrigger.key) return true;
  const found = findOperation(trigger.connectorId, trigger.operation);
  return found?.kind === "trigger" && isWebhookTrigger(found.trigger);
}

/**
 * Opens a test address for `trigger` (the canvas's), closing any other of the flow's. The flow gets its webhook
 * secret now if it never started, so a sender can sign (or authenticate) its test request as it will sign real ones.
 */
export async function listenForSample(
  db: Db,
  keys: KeyRingSource,
  workspaceId: string,
  flowId: string,
  trigger: ListenedTrigger,
  now = new Date(),
): Promise<SampleListenerView> {
  await getFlow(db, workspaceId, flowId);
  if (!isWebhookOperation(trigger)) {
    throw new ConfluxError("VALIDATION", "Only webhook triggers can listen for a test event; fetch a sample instead.");
  }
  const listener = await db.$transaction(async (tx) => {
    // A flow that never started has no trigger row yet; an inactive one is armed by nothing.
    await tx.triggerState.upsert({
      where: { flowId },
      create: { flowId, workspaceId, active: false, kind: "webhook" },
      update: {},
    });
    await ensureWebhookIdentity(tx, flowId, keys.get());
    return openSampleListener(
      tx,
      {
        id: newWebhookId(),
        workspaceId,
        flowId,
        connectorId: trigger.connectorId,
        operation: trigger.operation,
        inputs: trigger.inputs,
        expiresAt: new Date(now.getTime() + SAMPLE_LISTEN_MINUTES * 60_000),
      },
      now,
    );
  });
  return viewOf(listener, now);
}

/** The flow's newest test address and what it captured, or null when it never listened. */
export async function getSampleListener(db: Db, workspaceId: string, flowId: string, now = new Date()) {
  const listener = await findLatestSampleListener(db, workspaceId, flowId);
  return listener ? viewOf(listener, now) : null;
}

/** Cancel: the address answers 410 from now on. */
export async function stopListeningForSample(db: Db, workspaceId: string, flowId: string, now = new Date()) {
  await getFlow(db, workspaceId, flowId);
  await closeSampleListener(db, workspaceId, flowId, now);
  return getSampleListener(db, workspaceId, flowId, now);
}
