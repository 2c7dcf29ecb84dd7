// Run retention: finished runs older than their flow's retentionDays (or CONFLUX_RUN_RETENTION_DAYS, default 30) are
// deleted, their steps with them (the foreign key cascades). Deletes go in batches of short statements: one giant
// DELETE would hold locks and write-ahead log for minutes, and on the embedded PGlite block every other connection.
// Queued and running runs are never deleted, however old. Several workers may prune at once: a row one of them
// deletes is simply not found by the others.
import { getConfig, readConfig } from "../boot/config";
import type { Db } from "../db/client";
import { deleteExpiredRunsBatch } from "../db/run-execution.repository";
import { deleteExpiredAuditEvents } from "../services/audit-log.service";
import { deleteExpiredDedupeKeysBatch } from "../db/run-insert.repository";
import { deleteExpiredWebhookSignaturesBatch, deleteStaleSampleListenersBatch } from "../db/expired-rows.repository";

export const RETENTION_BATCH = 1_000;
/** How often the worker's retention loop looks at the clock; the first pass comes with the first look. */
export const RETENTION_CHECK_MS = 60_000;
export const RETENTION_EVERY_MS = 60 * 60_000;

/** Days a finished run is kept when its flow sets nothing, from CONFLUX_RUN_RETENTION_DAYS. */
export function defaultRetentionDays(env?: Record<string, string | undefined>): number {
  return (env ? readConfig(env) : getConfig()).CONFLUX_RUN_RETENTION_DAYS;
}

export interface PruneOptions {
  /** Days for flows without their own retentionDays; CONFLUX_RUN_RETENTION_DAYS when absent. */
  defaultDays?: number;
  /** Days a dedupe key is kept (whether or not its run still is); CONFLUX_DEDUPE_KEY_DAYS when absent. */
  dedupeKeyDays?: number;
  batchSize?: number;
  log?: (line: string) => void;
}

/** Deletes every expired finished run, a batch per statement; returns how many runs were deleted. */
export async function deleteExpiredRuns(db: Db, options: PruneOptions = {}): Promise<number> {
  const defaultDays = options.defaultDays ?? defaultRetentionDays();
  const batchSize = options.batchSize ?? RETENTION_BATCH;
  let total = 0;
  for (;;) {
    const deleted = await deleteExpiredRunsBatch(db, defaultDays, batchSize);
    total += deleted;
    if (deleted < batchSize) break;
  }
  if (total > 0) options.log?.(`retention: deleted ${total} finished run(s) past their retention`);
  const keys = await deleteExpiredDedupeKeys(db, options);
  if (keys > 0) options.log?.(`retention: forgot ${keys} dedupe key(s) past their ${dedupeKeyDays(options)} days`);
  return total;
}

const dedupeKeyDays = (options: PruneOptions) => options.dedupeKeyDays ?? getConfig().CONFLUX_DEDUPE_KEY_DAYS;

/** Deletes the dedupe keys older than CONFLUX_DEDUPE_KEY_DAYS, a batch per statement; returns how many. */
export async function deleteExpiredDedupeKeys(db: Db, options: PruneOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? RETENTION_BATCH;
  let total = 0;
  for (;;) {
    const deleted = await deleteExpiredDedupeKeysBatch(db, dedupeKeyDays(options), batchSize);
    total += deleted;
    if (deleted < batchSize) break;
  }
  return total;
}

/** Deletes `batch` by batch until a batch comes back short; returns how many in all. */
async function inBatches(deleteBatch: (limit: number) => Promise<number>, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/**
 * Every flow's expired webhook signatures and stale test listeners (server/db/expired-rows.repository.ts): a flow
 * drops its own on its next request, so one that stops receiving requests needs this pass.
 */
export async function deleteExpiredWebhookRows(
  db: Db,
  options: Pick<PruneOptions, "batchSize" | "log"> = {},
): Promise<{ signatures: number; listeners: number }> {
  const batchSize = options.batchSize ?? RETENTION_BATCH;
  const signatures = await inBatches((limit) => deleteExpiredWebhookSignaturesBatch(db, limit), batchSize);
  const listeners = await inBatches((limit) => deleteStaleSampleListenersBatch(db, limit), batchSize);
  if (signatures > 0) options.log?.(`retention: forgot ${signatures} webhook signature(s) past their replay window`);
  if (listeners > 0) options.log?.(`retention: deleted ${listeners} stale test-event listener(s)`);
  return { signatures, listeners };
}

/**
 * The worker's retention task: called every RETENTION_CHECK_MS, it prunes on its first call (shortly after the
 * worker starts) and then once per RETENTION_EVERY_MS. A failed pass is retried on the next call.
 */
export function createRetentionTask(db: Db, options: { log: (line: string) => void; everyMs?: number }) {
  const everyMs = options.everyMs ?? RETENTION_EVERY_MS;
  let lastPass: number | undefined;
  return async (): Promise<void> => {
    if (lastPass !== undefined && Date.now() - lastPass < everyMs) return;
    await deleteExpiredRuns(db, { log: options.log });
    const audit = await deleteExpiredAuditEvents(db);
    if (audit > 0) options.log(`retention: deleted ${audit} audit event(s) past their workspace's audit retention`);
    await deleteExpiredWebhookRows(db, { log: options.log });
    lastPass = Date.now();
  };
}
