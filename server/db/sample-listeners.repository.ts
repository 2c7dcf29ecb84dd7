// "Listen for a test event" addresses (SampleListener): opened from the designer, answered by any web process, closed
// by their first request, by Cancel, by listening again, or by time.
import type { DbOrTx } from "./client";
import { textColumnSafe } from "../security/json-nul";
import { toJsonInput } from "./json";

const DAY_MS = 24 * 3600_000;

const listenerFields = {
  id: true,
  workspaceId: true,
  flowId: true,
  connectorId: true,
  operation: true,
  inputs: true,
  expiresAt: true,
  closedAt: true,
  capturedAt: true,
  lastError: true,
  data: true,
  createdAt: true,
} as const;

/** Opens a listener and closes the flow's others, so one address at a time takes a flow's test event. */
export async function openSampleListener(
  db: DbOrTx,
  listener: {
    id: string;
    workspaceId: string;
    flowId: string;
    connectorId: string;
    operation: string;
    inputs: unknown;
    expiresAt: Date;
  },
  now: Date,
) {
  await db.sampleListener.updateMany({
    where: { flowId: listener.flowId, closedAt: null, capturedAt: null },
    data: { closedAt: now },
  });
  // Listeners that never captured anything are of no use a day after they closed: their callers got 410 meanwhile.
  await db.sampleListener.deleteMany({
    where: { flowId: listener.flowId, capturedAt: null, expiresAt: { lt: new Date(now.getTime() - DAY_MS) } },
  });
  return db.sampleListener.create({
    data: { ...listener, inputs: toJsonInput(listener.inputs) },
    select: listenerFields,
  });
}

export async function findSampleListener(db: DbOrTx, id: string) {
  return db.sampleListener.findUnique({ where: { id }, select: listenerFields });
}

/** The flow's newest listener, open or not. */
export async function findLatestSampleListener(db: DbOrTx, workspaceId: string, flowId: string) {
  return db.sampleListener.findFirst({
    where: { workspaceId, flowId },
    orderBy: { createdAt: "desc" },
    select: listenerFields,
  });
}

/** The newest event captured for this trigger of the flow. */
export async function findCapturedSample(
  db: DbOrTx,
  workspaceId: string,
  flowId: string,
  trigger: { connectorId: string; operation: string },
) {
  return db.sampleListener.findFirst({
    where: { workspaceId, flowId, ...trigger, capturedAt: { not: null } },
    orderBy: { capturedAt: "desc" },
    select: { id: true, capturedAt: true, data: true },
  });
}

/**
 * Stores the first request's data; false when the listener was closed, had already captured or expired meanwhile.
 * One conditional update, so two requests arriving together cannot both be taken.
 */
export async function captureSample(db: DbOrTx, id: string, data: unknown, now: Date): Promise<boolean> {
  const { count } = await db.sampleListener.updateMany({
    where: { id, closedAt: null, capturedAt: null, expiresAt: { gt: now } },
    data: { capturedAt: now, data: toJsonInput(data) },
  });
  return count === 1;
}

export async function closeSampleListener(db: DbOrTx, workspaceId: string, flowId: string, now: Date): Promise<void> {
  await db.sampleListener.updateMany({
    where: { workspaceId, flowId, closedAt: null, capturedAt: null },
    data: { closedAt: now },
  });
}

/** Notes why a request was refused, while the listener is still open. */
export async function noteSampleRefused(db: DbOrTx, id: string, message: string): Promise<void> {
  await db.sampleListener.updateMany({ where: { id, capturedAt: null }, data: { lastError: textColumnSafe(message) } });
}

/** A sample "Fetch a sample" polled: kept as a listener that captured at once, so Test finds it the same way. */
export async function saveFetchedSample(
  db: DbOrTx,
  sample: { id: string; workspaceId: string; flowId: string; connectorId: string; operation: string; inputs: unknown },
  data: unknown,
  now: Date,
): Promise<void> {
  await db.sampleListener.create({
    data: {
      ...sample,
      inputs: toJsonInput(sample.inputs),
      expiresAt: now,
      closedAt: now,
      capturedAt: now,
      data: toJsonInput(data),
    },
  });
}
