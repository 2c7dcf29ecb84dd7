// Finds queued runs whose job never arrived (the send failed after the run was saved, or the job was lost) and
// sends it again. No transaction or lock is held meanwhile: with the embedded PGlite an open transaction would
// block pg-boss's own connection. Two reapers racing only make a spare job, and the run lock makes it step aside.
import type { Db } from "../db/client";
import type { RunQueue } from "./queue";

export const STRANDED_AFTER_MS = 30_000;

export async function requeueStrandedRuns(
  db: Db,
  queue: RunQueue,
  options: { now?: Date; log: (line: string) => void },
): Promise<string[]> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - STRANDED_AFTER_MS);
  const runs = await db.run.findMany({
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
}
