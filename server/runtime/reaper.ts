// Finds queued runs whose job never arrived (the send failed after the run was saved, or the job was lost) and
// sends it again. Runs are idempotent by id, so an extra job costs nothing but a lookup.
import type { Db } from "../db/client";
import type { RunQueue } from "./queue";

export const STRANDED_AFTER_MS = 30_000;
// One reaper at a time across all workers, so two of them never resend the same run.
const REAPER_LOCK = 0x636f6e66; // "conf"

export async function requeueStrandedRuns(
  db: Db,
  queue: RunQueue,
  options: { now?: Date; log: (line: string) => void },
): Promise<string[]> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - STRANDED_AFTER_MS);
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${REAPER_LOCK}) AS locked`;
      if (!lock?.locked) return [];
      const runs = await tx.run.findMany({
        where: { status: "queued", createdAt: { lt: cutoff } },
        orderBy: { createdAt: "asc" },
        take: 100,
        select: { id: true },
      });
      const resent: string[] = [];
      for (const run of runs) {
        if (await queue.hasLiveJob(run.id)) continue;
        await queue.sendRun(run.id, { resend: true });
        resent.push(run.id);
      }
      if (resent.length > 0) options.log(`re-sent ${resent.length} queued run(s) that had no job`);
      return resent;
    },
    { timeout: 30_000 },
  );
}
