// Run retention: finished runs older than their flow's retentionDays (or CONFLUX_RUN_RETENTION_DAYS, default 30) are
// deleted, their steps with them (the foreign key cascades). Deletes go in batches of short statements: one giant
// DELETE would hold locks and write-ahead log for minutes, and on the embedded PGlite block every other connection.
// Queued and running runs are never deleted, however old. Several workers may prune at once: a row one of them
// deletes is simply not found by the others.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, retentionDaysSchema } from "@/lib/run-retention";
import type { Db } from "../db/client";

export const RETENTION_BATCH = 1_000;
/** How often the worker's retention loop looks at the clock; the first pass comes with the first look. */
export const RETENTION_CHECK_MS = 60_000;
export const RETENTION_EVERY_MS = 60 * 60_000;

/** Days a finished run is kept when its flow sets nothing, from CONFLUX_RUN_RETENTION_DAYS. */
export function defaultRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.CONFLUX_RUN_RETENTION_DAYS?.trim();
  if (!raw) return DEFAULT_RETENTION_DAYS;
  const parsed = z.coerce.number().pipe(retentionDaysSchema).safeParse(raw);
  if (!parsed.success) {
    throw new ConfluxError(
      "VALIDATION",
      `CONFLUX_RUN_RETENTION_DAYS must be a whole number of days from 1 to ${MAX_RETENTION_DAYS} (got "${raw}")`,
    );
  }
  return parsed.data;
}

export interface PruneOptions {
  /** Days for flows without their own retentionDays; CONFLUX_RUN_RETENTION_DAYS when absent. */
  defaultDays?: number;
  batchSize?: number;
  log?: (line: string) => void;
}

/** Deletes every expired finished run, a batch per statement; returns how many runs were deleted. */
export async function deleteExpiredRuns(db: Db, options: PruneOptions = {}): Promise<number> {
  const defaultDays = options.defaultDays ?? defaultRetentionDays();
  const batchSize = options.batchSize ?? RETENTION_BATCH;
  let total = 0;
  for (;;) {
    // Timestamps are stored in UTC without a time zone (as Prisma writes them), hence `AT TIME ZONE 'UTC'`.
    const deleted = await db.$executeRaw`
      DELETE FROM "Run" WHERE id IN (
        SELECT r.id FROM "Run" r JOIN "Flow" f ON f.id = r."flowId"
        WHERE r.status IN ('succeeded', 'failed', 'cancelled')
          AND r."finishedAt" < (now() AT TIME ZONE 'UTC') - make_interval(days => COALESCE(f."retentionDays", ${defaultDays}::int))
        LIMIT ${batchSize}
      )`;
    total += deleted;
    if (deleted < batchSize) break;
  }
  if (total > 0) options.log?.(`retention: deleted ${total} finished run(s) past their retention`);
  return total;
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
    lastPass = Date.now();
  };
}
